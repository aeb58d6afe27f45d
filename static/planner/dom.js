// @ts-check
/**
 * Small DOM helpers for the view: build elements from props and children. No inline
 * styles or scripts (the page's Content-Security-Policy forbids them).
 * @module
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * One child for `append`: a node, a string, or nothing.
 * @typedef {Node | string | null | undefined | false} Leaf
 */

/**
 * A child for `append`: a leaf or a list of them.
 * @typedef {Leaf | Leaf[]} Child
 */

/**
 * Element properties: `class`, `text`, `value`, `checked`, `selected`, `on<event>`
 * handlers, and any attribute (true: present and empty; null, undefined, false: absent).
 * @typedef {Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>} Props
 */

/**
 * Append children to `node`, skipping nothing-values.
 * @param {Node} node
 * @param {...Child} children
 */
export function append(node, ...children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, ...child);
    else node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * Build an HTML element.
 * @param {string} tag
 * @param {Props | null} [props]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  // `for...in` over the props (an object literal: own keys only), without the array of
  // entries `Object.entries` would make for each of the page's elements.
  for (const k in props) {
    const v = /** @type {Props} */ (props)[k];
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    } else if (k === 'class') node.className = String(v);
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'value' && 'value' in node) /** @type {HTMLInputElement} */ (node).value = String(v);
    else if (k === 'checked' || k === 'selected') /** @type {any} */ (node)[k] = !!v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, ...children);
  return node;
}

/**
 * `text` with the words of each named thing that are not in the page's language (an
 * exercise not translated: `name_lang`, and `name` ending in ' ' + `name_mark`) in a
 * `<span lang>`, the mark left outside it: "Subir al escalón: <span lang="en-GB">Step-up</span>
 * (en inglés)". Things in the page's language leave `text` as it is.
 * @param {string} text
 * @param {...({ name: string, name_lang?: string | null, name_mark?: string | null } | null | undefined)} things
 * @returns {Leaf[]}
 */
export function tagged(text, ...things) {
  /** @type {Leaf[]} */
  let parts = [text];
  for (const t of things) {
    if (!t || !t.name_lang || !t.name_mark || !t.name.endsWith(' ' + t.name_mark)) continue;
    const { name, name_lang: lang } = t;
    const words = name.slice(0, name.length - t.name_mark.length - 1);
    parts = parts.flatMap((p) => typeof p !== 'string' ? [p] : p.split(name).flatMap((piece, i) =>
      /** @type {Leaf[]} */ (i === 0 ? [piece] : [el('span', { lang, text: words }), ' ' + t.name_mark + piece])));
  }
  return parts.filter((p) => p !== '');
}

/**
 * Build an SVG element.
 * @param {string} tag
 * @param {Record<string, string | number>} attrs
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  append(node, ...children);
  return node;
}

/**
 * Only web and site-relative links from the ladder data (never javascript: and the like).
 * @param {unknown} u
 * @returns {string | null}
 */
export function safeHref(u) {
  return typeof u === 'string' && /^(https?:\/\/|\/|\.\.?\/|#)/i.test(u) ? u : null;
}
