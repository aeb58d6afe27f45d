// @ts-check
/**
 * The planner's check-in questions: an open "did your pain stay up" answer (asked again
 * until answered) and the weekly usual pain.
 * @module
 */
import { el, tagged } from './dom.js';
import { baselineTooHigh, usualPainDate } from './engine.js';
import { withAnswer, withUsualPain } from './plan.js';
import { T } from './strings.js';
import { field, painOptions, question, radioValue, showDate, stayedUpQuestion } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */
/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./engine.js').Pending} Pending */
/** @typedef {import('./dom.js').Leaf} Leaf */

/**
 * The oldest open "did your pain stay up" question, as a small form.
 * @param {Planner} app
 * @param {State} st
 */
export function renderPending(app, st) {
  const p = st.pending[0];
  if (!p) return null;
  const name = (app.ladder.stages.find((s) => s.exercise === p.exercise) || { name: '' }).name;
  const what = (p.kind === 'session' ? T.pendingSession(p.session) : T.pendingTest) + (name ? ' (' + name + ')' : '');
  const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-pending-form', novalidate: true },
    el('p', null, tagged(T.pendingWhat(what, showDate(p.date)), ...app.ladder.stages)),
    question('pl-pending', stayedUpQuestion(app.ladder), '', { error: app.errors['pl-pending'] }),
    st.pending.length > 1 ? el('p', { class: 'planner-hint', text: T.pendingMore(st.pending.length - 1) }) : null,
    el('button', { type: 'submit', class: 'planner-button' }, T.pendingSave)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onPending(app, form, p);
  });
  return el('section', { class: 'planner-card planner-pending', 'aria-labelledby': 'pl-pending-h' },
    el('h3', { id: 'pl-pending-h', text: T.pendingHeading }), form);
}

/**
 * @param {Planner} app
 * @param {HTMLFormElement} form
 * @param {Pending} p
 */
export function onPending(app, form, p) {
  if (!app.plan) return;
  const v = radioValue(form, 'pl-pending');
  app.errors = {};
  if (v !== 'yes' && v !== 'no') {
    app.errors['pl-pending'] = T.pendingError;
    app.render();
    app.announce(T.pendingError, 'error');
    app.focusId('pl-pending');
    return;
  }
  const saved = app.save(withAnswer(app.plan, p, v === 'yes'));
  app.render();
  const st = app.state();
  app.announce(T.pendingSaved + ' ' + app.adviceText(st)[0] + (saved ? '' : T.notSavedDownload), app.kindAfterSave(saved, st), true);
}

/**
 * The weekly "usual pain" question.
 * @param {Planner} app
 * @param {State} st
 */
export function renderUsualAgain(app, st) {
  if (!st.usual_pain_due) return null;
  const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-usual-again-form', novalidate: true },
    el('div', { class: 'planner-field' },
      el('label', { for: 'pl-usual-again', text: T.usualAgainLabel }),
      el('p', { id: 'pl-usual-again-hint', class: 'planner-hint', text: T.usualPainHint }),
      el('select', app.fieldAttrs('pl-usual-again', { hint: true, required: true }), painOptions('', true)),
      app.errorFor('pl-usual-again')),
    el('button', { type: 'submit', class: 'planner-button' }, T.usualAgainSave)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onUsualAgain(app, form);
  });
  return el('section', { class: 'planner-card planner-usual-again', 'aria-labelledby': 'pl-usual-again-h' },
    el('h3', { id: 'pl-usual-again-h', text: T.usualAgainHeading }),
    el('p', { text: T.usualAgainIntro }), form);
}

/**
 * @param {Planner} app
 * @param {HTMLFormElement} form
 */
export function onUsualAgain(app, form) {
  if (!app.plan) return;
  const v = field(form, 'pl-usual-again').value;
  app.errors = {};
  if (v === '') {
    app.errors['pl-usual-again'] = T.usualPainError;
    app.render();
    app.announce(T.usualPainError, 'error');
    app.focusId('pl-usual-again');
    return;
  }
  // Dated the device's today, or the latest answer's date when the device's date is behind it.
  const saved = app.save(withUsualPain(app.plan, { date: usualPainDate(app.state()), usual_pain: +v }));
  app.render();
  const high = baselineTooHigh(app.ladder, +v);
  app.announce(T.usualAgainSaved(+v) + (saved ? '' : T.notSavedDownload), !saved ? 'error' : high ? 'warn' : 'ok', true);
}
