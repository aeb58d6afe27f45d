// @ts-check
/**
 * Offline use: registers the site's service worker (made by the build, `sw.js` at the
 * site's top) and asks it to keep this page, its styles and scripts, its summary and its
 * ladder's exercise pages, so they open with no connection. The worker fetches them; the
 * page itself makes no request (its CSP forbids it). Reports whether all were kept.
 * @module
 */

/** @typedef {import('./ladder.js').Ladder} Ladder */

/**
 * The addresses this page needs offline, all on this site.
 * @param {Ladder} ladder
 * @param {HTMLElement} root
 * @returns {string[]}
 */
export function pageFiles(ladder, root) {
  const urls = new Set([location.pathname]);
  for (const n of document.querySelectorAll('link[rel="stylesheet"], link[rel="modulepreload"], link[rel="icon"], ' +
    'link[rel="manifest"], link[rel="apple-touch-icon"], script[src]')) {
    const u = n.getAttribute('href') || n.getAttribute('src');
    if (u) urls.add(u);
  }
  if (root.dataset.summary) {
    urls.add(root.dataset.summary);
    urls.add(new URL('planner/summary.js', new URL(root.dataset.scope || '/', location.href)).pathname);
  }
  for (const s of ladder.stages) if (s.url) urls.add(s.url);
  /** @type {string[]} */
  const out = [];
  for (const u of urls) {
    try {
      const abs = new URL(u, location.href);
      if (abs.origin === location.origin) out.push(abs.pathname);
    } catch {
      // Not an address: nothing to keep.
    }
  }
  return out;
}

/**
 * Register the worker and ask it to keep this page's files; `report(true)` once they
 * are kept, `report(false)` when this browser cannot.
 * @param {HTMLElement} root the #planner-app element (data-sw, data-scope, data-summary)
 * @param {Ladder} ladder
 * @param {(ready: boolean) => void} report
 */
export function keepOffline(root, ladder, report) {
  const sw = root.dataset.sw, scope = root.dataset.scope;
  if (!sw || !scope || !('serviceWorker' in navigator)) {
    report(false);
    return;
  }
  navigator.serviceWorker.register(sw, { scope })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      if (!reg.active) return report(false);
      const ch = new MessageChannel();
      ch.port1.onmessage = (e) => report(!!(e.data && e.data.ok));
      reg.active.postMessage({ type: 'keep', urls: pageFiles(ladder, root) }, [ch.port2]);
    })
    // Offline, the worker's own script cannot be checked for a new version; a page the
    // worker already serves is kept all the same.
    .catch(() => report(!!navigator.serviceWorker.controller));
}
