// @ts-check
/**
 * The planner's start form: start date and usual pain, and the consultation-first gate
 * when the usual pain is at or above the ladder's `baseline_max`.
 * @module
 */
import { isDate } from './dates.js';
import { append, el } from './dom.js';
import { baselineTooHigh } from './engine.js';
import { newPlan } from './plan.js';
import { T, timesPerDay } from './strings.js';
import { field, painOptions } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */
/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./engine.js').Pending} Pending */
/** @typedef {import('./dom.js').Leaf} Leaf */

/**
 * @param {Planner} app
 * @param {string} today
 */
export function renderStart(app, today) {
  const warnBox = el('div', { id: 'pl-baseline-warning', class: 'planner-note planner-warn', hidden: true });
  /** @param {string} value */
  const updateWarning = (value) => {
    warnBox.textContent = '';
    const high = value !== '' && baselineTooHigh(app.ladder, +value);
    warnBox.hidden = !high;
    if (high) append(warnBox, ...gateText(app, +value));
  };
  const painSel = /** @type {HTMLSelectElement} */ (el('select', app.fieldAttrs('pl-usual', { hint: true, required: true }),
    painOptions(app.draftUsual === undefined ? '' : app.draftUsual, true)));
  painSel.addEventListener('change', () => {
    app.draftUsual = painSel.value;
    updateWarning(painSel.value);
  });
  const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-start-form', novalidate: true },
    el('div', { class: 'planner-field' },
      el('label', { for: 'pl-start-date', text: T.startDate }),
      el('input', app.fieldAttrs('pl-start-date', { type: 'date', value: app.draftStart || today, required: true })),
      app.errorFor('pl-start-date')),
    el('div', { class: 'planner-field' },
      el('label', { for: 'pl-usual', text: T.usualPain }),
      el('p', { id: 'pl-usual-hint', class: 'planner-hint', text: T.usualPainHint }),
      painSel,
      app.errorFor('pl-usual')),
    warnBox,
    el('button', { type: 'submit', class: 'planner-button' }, T.startButton)));
  if (app.draftUsual !== undefined) updateWarning(app.draftUsual);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onStart(app, form);
  });
  return el('section', { class: 'planner-card planner-start', 'aria-labelledby': 'pl-start-h' },
    el('h3', { id: 'pl-start-h', tabindex: '-1', text: T.startHeading }),
    el('p', null, T.startIntro(timesPerDay(app.ladder.times_per_day))),
    form);
}

/**
 * The consultation-first box of the start form: the advice, the clinic's contact
 * details, and the box to tick to start anyway.
 * @param {Planner} app
 * @param {number} usual
 * @returns {Leaf[]}
 */
export function gateText(app, usual) {
  const id = 'pl-gate';
  return [
    el('p', null, el('strong', { text: T.gateHead }), T.gateBody(usual, app.ladder.pain.baseline_max)),
    app.contact(),
    el('div', { class: 'planner-check' },
      el('input', { type: 'checkbox', id, name: id, checked: app.draftGate,
        'aria-invalid': app.errors[id] ? 'true' : null, 'aria-describedby': app.errors[id] ? id + '-error' : null,
        onchange: (e) => { app.draftGate = /** @type {HTMLInputElement} */ (e.target).checked; } }),
      el('label', { for: id, text: T.gateConfirm })),
    app.errorFor(id)
  ];
}

/**
 * @param {Planner} app
 * @param {HTMLFormElement} form
 */
export function onStart(app, form) {
  const date = field(form, 'pl-start-date').value;
  const usual = field(form, 'pl-usual').value;
  const gate = form.querySelector('#pl-gate');
  app.draftStart = date;
  app.draftUsual = usual;
  app.draftGate = !!gate && /** @type {HTMLInputElement} */ (gate).checked;
  app.errors = {};
  if (!isDate(date)) app.errors['pl-start-date'] = T.startDateError(app.today());
  if (usual === '') app.errors['pl-usual'] = T.usualPainError;
  else if (baselineTooHigh(app.ladder, +usual) && !app.draftGate) app.errors['pl-gate'] = T.gateError;
  const ids = Object.keys(app.errors);
  if (ids.length) {
    app.render();
    app.announce(app.errors[ids[0]], 'error');
    app.focusId(ids[0]);
    return;
  }
  const saved = app.save(newPlan(app.ladder, date, +usual));
  app.draftStart = app.draftUsual = undefined;
  app.draftGate = false;
  app.render();
  const st = app.state();
  app.announce(T.started + (saved ? '' : T.notSavedStart) + app.adviceText(st).join(' '), saved ? 'ok' : 'error');
  app.focusId('pl-today-h');
}
