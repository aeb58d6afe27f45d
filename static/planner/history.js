// @ts-check
/**
 * The planner's history card: the progress chart (chart.js) and a list of days, newest
 * first, which is the chart's text alternative. Renders from the engine's state only.
 * @module
 */
import { renderChart } from './chart.js';
import { el, tagged } from './dom.js';
import { R, T, shortDose } from './strings.js';
import { showDate } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */

/** Days the history lists before "Show all days" (the newest ones). */
export const HISTORY_DAYS = 28;
/** @typedef {import('./engine.js').State} State */

/**
 * The history as a list of days, newest first: readable on a narrow phone without
 * sideways scrolling, pain days marked in words and style.
 * @param {Planner} app
 * @param {State} st
 */
export function renderHistory(app, st) {
  const ladder = app.ladder;
  if (!st.days.length) return null;
  const tpd = ladder.times_per_day;
  const list = el('ol', { class: 'planner-days', id: 'pl-history', reversed: true, tabindex: '-1' });
  // A long plan lists its last HISTORY_DAYS days until the patient asks for all of them,
  // so the page stays quick with years of logs (the chart shows every day).
  const shown = app.historyAll ? st.days : st.days.slice(-HISTORY_DAYS);
  for (const d of shown.slice().reverse()) {
    const pain = d.outcome === 'pain';
    const sessions = d.sessions.map((e, k) => {
      const label = tpd === 1 ? '' : T.historySessionLabel(k + 1);
      if (!e) return el('li', { text: label + T.historyNotLogged });
      const text = e.done ? T.sessionDetail(e.reps, e.pain_rise, e.pain_stayed_up) +
        (e.pain_stayed_up === null ? T.historyWaiting : '') : T.sessionNotDone;
      return el('li', null, label + text, e.note ? el('span', { class: 'planner-day-note', text: ' ' + R.historyNote(e.note) }) : null);
    });
    const tests = d.tests.map((t) => {
      const s = ladder.stages.find((x) => x.exercise === t.exercise);
      return el('li', null, tagged(T.historyTest(t.reps, s ? s.name : t.exercise, t.pain_rise), s));
    });
    // The day the advice is for is not over; while the device's date is behind the log it
    // is not this device's today either, so it is not called "Today" then.
    const result = d.outcome === 'incomplete' && d.unanswered ? T.historyWaitingResult
      : d.outcome === 'today' && st.clock_behind ? T.outcomeTodayClock : T.outcome[d.outcome];
    list.appendChild(el('li', { class: 'planner-day planner-day-' + d.outcome },
      el('p', { class: 'planner-day-head' },
        el('strong', { text: showDate(d.date, true) }),
        tagged(' ' + ladder.stages[d.stage].name + ', ' + shortDose(d.sets, d.reps), ladder.stages[d.stage])),
      el('ul', { class: 'planner-day-sessions' }, sessions, tests, d.spoke ? el('li', { text: T.historySpoke }) : null),
      el('p', { class: 'planner-day-result' },
        pain ? el('span', { class: 'planner-day-mark', 'aria-hidden': 'true', text: '!' }) : null,
        T.historyResultLabel, pain ? el('strong', { text: result }) : result)));
  }
  const more = shown.length < st.days.length
    ? el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-history-all',
      onclick: () => {
        app.historyAll = true;
        app.render();
        app.focusId('pl-history');
      } }, R.historyAll(st.days.length))
    : null;
  return el('section', { class: 'planner-card planner-history', 'aria-labelledby': 'pl-hist-h' },
    el('h3', { id: 'pl-hist-h', text: T.history }),
    renderChart(app.ladder, st),
    el('p', { class: 'planner-hint', text: T.historyCaption }),
    // Entries dated after this device's today (its clock is behind): say they are kept, and how to put it right.
    st.ahead_entries && st.ahead_last
      ? el('p', { class: 'planner-note', id: 'pl-ahead', text: T.aheadKept(st.ahead_entries, showDate(st.ahead_last)) + ' ' + T.aheadFix })
      : null,
    list, more);
}
