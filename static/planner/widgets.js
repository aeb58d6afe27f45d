// @ts-check
/**
 * Small pieces the planner's view modules share: dates in the page's language, reading
 * form controls, and the pain and yes/no questions as form fields.
 * @module
 */
import { el } from './dom.js';
import { T, formatDate } from './strings.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */

/**
 * "Monday 3 March" (long) or "Mon 3 Mar" (short), with the month and weekday names of
 * the page's string table.
 * @param {string} s
 * @param {boolean} [short]
 */
export function showDate(s, short) {
  return formatDate(s, short);
}

/**
 * A form control by name.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {HTMLInputElement}
 */
export function field(form, name) {
  return /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
}

/**
 * The value of the checked radio button of a group ('' when none is checked).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
export function radioValue(form, name) {
  const node = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="' + name + '"]:checked'));
  return node ? node.value : '';
}

/**
 * A "did it" / "pain stayed up" answer as stored.
 * @param {string} v
 * @returns {boolean | null}
 */
export function stayedFrom(v) {
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/**
 * The 0-10 pain options.
 * @param {string} selected
 * @param {boolean} withBlank
 */
export function painOptions(selected, withBlank) {
  const opts = [];
  if (withBlank) opts.push(el('option', { value: '', selected: selected === '' }, T.chooseNumber));
  for (let i = 0; i <= 10; i++) {
    opts.push(el('option', { value: String(i), selected: String(selected) === String(i) }, T.painOption(i)));
  }
  return opts;
}

/**
 * A question as a fieldset of radio buttons, none chosen unless `checked` says so:
 * Yes, No, and (with `later`) "Too soon to tell".
 * @param {string} name
 * @param {string} legend
 * @param {string} checked 'yes', 'no', 'later' or ''
 * @param {{ hint?: string, later?: boolean, error?: string | null }} [opts]
 */
export function question(name, legend, checked, opts) {
  const o = opts || {};
  const described = [o.hint ? name + '-hint' : '', o.error ? name + '-error' : ''].filter(Boolean).join(' ');
  /** @param {string} value @param {string} text */
  const option = (value, text) => el('label', null,
    el('input', { type: 'radio', name, id: name + '-' + value, value, checked: checked === value }), text);
  return el('fieldset', { class: 'planner-choice', id: name, tabindex: '-1', 'aria-describedby': described || null,
    'aria-invalid': o.error ? 'true' : null },
    el('legend', { text: legend }),
    o.hint ? el('p', { id: name + '-hint', class: 'planner-hint', text: o.hint }) : null,
    el('div', { class: 'planner-radios' }, option('yes', T.yes), option('no', T.no), o.later ? option('later', T.stayedLater) : null),
    o.error ? el('p', { id: name + '-error', class: 'planner-error', text: o.error }) : null);
}

/**
 * @param {Ladder} ladder
 */
export function stayedUpQuestion(ladder) {
  return T.stayedUpQuestion(ladder.pain.max_rise_after, ladder.pain.settle_minutes);
}
