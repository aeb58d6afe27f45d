// @ts-check
/**
 * The planner's milestones card: what each milestone unlocks, and the test-set form for
 * the exercises the patient has reached.
 * @module
 */
import { append, el, safeHref, tagged } from './dom.js';
import { testSetDate } from './engine.js';
import { isInt } from './ladder.js';
import { LOG_LIMITS } from './limits.js';
import { withTest } from './plan.js';
import { T } from './strings.js';
import { field, painOptions, question, radioValue, showDate, stayedFrom, stayedUpQuestion } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */
/** @typedef {import('./engine.js').State} State */

/**
 * @param {Planner} app
 * @param {State} st
 * @param {string} today
 */
export function renderMilestones(app, st, today) {
  const ladder = app.ladder;
  const ms = st.milestones;
  if (!ms.length) return null;
  const list = el('ul', { class: 'planner-milestones', id: 'pl-milestones' });
  for (const m of ms) {
    const mm = m.milestone;
    const link = safeHref(mm.link);
    if (m.unlocked) {
      list.appendChild(el('li', { class: 'planner-milestone planner-milestone-unlocked' },
        el('p', null, el('strong', { text: T.unlocked }), tagged(T.unlockedLine(mm.reps, mm.name, showDate(m.date || today, true)), mm)),
        el('p', { text: mm.unlocks }),
        link ? el('p', null, el('a', { href: link, hreflang: mm.link_lang },
          T.readMore(mm.unlocks), mm.link_mark ? ' ' + mm.link_mark : null)) : null));
    } else {
      list.appendChild(el('li', { class: 'planner-milestone' },
        el('p', null, el('strong', { text: T.notYet }), tagged(T.notYetLine(mm.reps, mm.name, ladder.pain.max_rise_during), mm)),
        el('p', { class: 'planner-hint', text: T.unlocks(mm.unlocks) }),
        m.reached ? null : el('p', { class: 'planner-hint' }, tagged(T.notReached(mm.name), mm))));
    }
  }
  /** @type {Map<string, string>} exercise id -> name, of the milestones the patient has reached */
  const exercises = new Map();
  for (const m of ms) if (m.reached && !exercises.has(m.milestone.exercise)) exercises.set(m.milestone.exercise, m.milestone.name);
  // On a day the page says to stop, or to speak to the clinic first, nothing invites more exercise.
  const intro = st.advice === 'stop_today'
    ? el('p', { class: 'planner-note planner-warn', text: st.clock_behind ? T.milestonesNotTodayClock : T.milestonesNotToday })
    : st.advice === 'contact_clinic' ? el('p', { class: 'planner-note planner-warn', text: T.milestonesNotBeforeClinic })
      : el('p', { text: T.milestonesIntro });
  const section = el('section', { class: 'planner-card planner-milestones-card', 'aria-labelledby': 'pl-ms-h' },
    el('h3', { id: 'pl-ms-h', text: T.milestones }),
    intro,
    list);
  if (!exercises.size) {
    append(section, el('p', { class: 'planner-hint', text: T.noTestYet }));
    return section;
  }
  const d = app.testDraft;
  const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-test-form', novalidate: true },
    el('div', { class: 'planner-field' },
      el('label', { for: 'pl-test-exercise', text: T.testExercise }),
      el('select', app.fieldAttrs('pl-test-exercise'), [...exercises].map(([id, name]) =>
        el('option', { value: id, selected: !!d && d.exercise === id }, name)))),
    el('div', { class: 'planner-field' },
      el('label', { for: 'pl-test-reps', text: T.testReps }),
      el('input', app.fieldAttrs('pl-test-reps', { type: 'number', inputmode: 'numeric', min: '0', max: String(LOG_LIMITS.reps),
        step: '1', value: d ? d.reps : '' })),
      app.errorFor('pl-test-reps')),
    el('div', { class: 'planner-field' },
      el('label', { for: 'pl-test-rise', text: T.testRise }),
      el('select', app.fieldAttrs('pl-test-rise'), painOptions(d ? d.rise : '', true)),
      app.errorFor('pl-test-rise')),
    question('pl-test-stayed', stayedUpQuestion(ladder), d ? d.stayed : '',
      { hint: T.stayedHint, later: true, error: app.errors['pl-test-stayed'] }),
    el('button', { type: 'submit', class: 'planner-button' }, T.saveTest)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onTest(app, form, today);
  });
  append(section, el('details', { class: 'planner-controls planner-test', open: app.testOpen || null },
    el('summary', { text: T.logTest }),
    form));
  return section;
}

/**
 * @param {Planner} app
 * @param {HTMLFormElement} form
 * @param {string} today
 */
export function onTest(app, form, today) {
  const plan = app.plan;
  if (!plan) return;
  const exercise = field(form, 'pl-test-exercise').value;
  const repsText = field(form, 'pl-test-reps').value.trim();
  const riseText = field(form, 'pl-test-rise').value;
  const stayedV = /** @type {'' | 'yes' | 'no' | 'later'} */ (radioValue(form, 'pl-test-stayed'));
  app.testDraft = { exercise, reps: repsText, rise: riseText, stayed: stayedV };
  app.testOpen = true;
  app.errors = {};
  const reps = Number(repsText);
  if (repsText === '' || !isInt(reps, 0, LOG_LIMITS.reps)) app.errors['pl-test-reps'] = T.testRepsError(LOG_LIMITS.reps);
  if (riseText === '') app.errors['pl-test-rise'] = T.testRiseError;
  if (stayedV === '') app.errors['pl-test-stayed'] = T.testStayedError;
  const ids = Object.keys(app.errors);
  if (ids.length) {
    app.render();
    app.announce(app.errors[ids[0]], 'error');
    app.focusId(ids[0]);
    return;
  }
  const was = app.state(today);
  const before = was.unlocked;
  const saved = app.save(withTest(plan, { date: testSetDate(was), exercise, reps, pain_rise: +riseText, pain_stayed_up: stayedFrom(stayedV) }));
  app.testDraft = null;
  app.render();
  const st = app.state(today);
  const fresh = st.milestones.filter((m) => m.unlocked && before.indexOf(m.index) < 0);
  let msg = T.savedTest;
  // On a day the page says to stop, or to speak to the clinic first, the message says
  // that, never "keep going" (the engine reaches no milestone on a flare-up day).
  if (st.advice === 'stop_today' || st.advice === 'contact_clinic') msg += app.adviceText(st)[0];
  else msg += fresh.length ? T.milestoneUnlocked(fresh.map((m) => m.milestone.unlocks).join(' ')) : T.noNewMilestone;
  if (!saved) msg += T.notSavedDownload;
  app.announce(msg, app.kindAfterSave(saved, st), true);
}
