// @ts-check
/**
 * The "My progress" page (`/planner/<id>/summary/`): the entry module that reads the
 * ladder embedded in the page and the patient's plan from this browser's storage (the
 * same key as the planner page), and draws a summary for the physiotherapist that
 * prints on one or two A4 pages: the ladder, start date, usual pain, the progress chart,
 * the last 28 days day by day (dose, sessions done, pain, what the planner advised,
 * notes), earlier weeks one line each (the 8 before, then four weeks a line), and the
 * milestones reached. Reads the clock once, for "today". Makes no requests.
 * @module
 */
import { dayRise, dayStayedUp, renderChart } from './chart.js';
import { localDate } from './dates.js';
import { append, el, tagged } from './dom.js';
import { computeState } from './engine.js';
import { checkLadder } from './ladder.js';
import { validatePlan } from './plan.js';
import { summaryShape } from './record.js';
import * as storage from './storage.js';
import { CHANGE_WORD, R, T, shortDose } from './strings.js';
import { showDate } from './widgets.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */
/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./engine.js').DayRecord} DayRecord */
/** @typedef {import('./record.js').Period} Period */

/** Days shown one by one, and weeks one line each before them. */
export const SUMMARY_SHAPE = Object.freeze({ recentDays: 28, weeks: 8 });

/**
 * "3 Mar 2025": weeks and months of a long plan need the year.
 * @param {string} iso
 */
function longDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  try {
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(document.documentElement.lang || undefined,
      { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  } catch {
    return iso;
  }
}

/**
 * A table in a region of its own that scrolls sideways when the screen is narrower than
 * the table (a phone, or a window zoomed to 200% or 400%), so the page itself never does
 * (WCAG 1.4.10); a keyboard reaches the region to scroll it, and it is named by the
 * table's heading.
 * @param {string[]} cols
 * @param {(string | Node)[][]} rows
 * @param {string} id
 * @param {string} label
 */
function table(cols, rows, id, label) {
  return el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': label },
    el('table', { class: 'summary-table', id },
      el('thead', null, el('tr', null, cols.map((c) => el('th', { scope: 'col', text: c })))),
      el('tbody', null, rows.map((r) => el('tr', null, r.map((c) => el('td', null, c)))))));
}

/**
 * Whether day `d` went over the pain rules. Today counts as soon as a session or test set
 * broke one: a summary printed on a flare-up day for the physiotherapist must not say
 * "0 days over the pain rules" because the day is not over yet.
 * @param {DayRecord} d
 * @param {State} st
 */
function overRules(d, st) {
  return d.outcome === 'pain' || (d.outcome === 'today' && d.date === st.today && st.today_stop);
}

/**
 * @param {Ladder} ladder
 * @param {DayRecord} d
 * @param {boolean} over the day went over the pain rules (today included)
 * @param {string} now what the day the advice is for counted as: "Today", or while the
 *   device's date is behind the log (that day is not the device's today) "Not over yet"
 * @returns {string[]}
 */
function dayRow(ladder, d, over, now) {
  const tpd = ladder.times_per_day;
  const done = d.sessions.filter((e) => e && e.done).length;
  const rise = dayRise(d);
  const notes = d.sessions.map((e, k) => (e && e.note ? (tpd > 1 ? k + 1 + ': ' : '') + e.note : '')).filter(Boolean);
  if (d.spoke) notes.push(T.historySpoke);
  return [
    showDate(d.date, true),
    (ladder.stages[d.stage] || { name: '' }).name + ' ' + shortDose(d.sets, d.reps),
    R.doneOf(done, tpd) + (d.tests.length ? ' + ' + T.historyTest(d.tests[0].reps, '', d.tests[0].pain_rise).replace(/\s+,/, ',') : ''),
    rise === null ? R.none : String(rise),
    d.sessions.some(Boolean) ? (dayStayedUp(d) ? R.yes : R.no) : R.none,
    over ? T.outcome.pain : d.outcome === 'today' ? now : T.outcome[d.outcome],
    d.change ? CHANGE_WORD[d.change] : R.none,
    notes.join('; ')
  ];
}

/**
 * @param {Period} p
 * @returns {string[]}
 */
function periodRow(p) {
  return [longDate(p.from) + ' to ' + longDate(p.to), p.doses, R.doneOf(p.done, p.planned), String(p.pain_days),
    p.max_rise === null ? R.none : String(p.max_rise)];
}

/**
 * The summary of `st` into `root`.
 * @param {HTMLElement} root
 * @param {Ladder} ladder
 * @param {import('./plan.js').Plan} plan
 * @param {State} st
 */
export function renderSummary(root, ladder, plan, st) {
  const shape = summaryShape(ladder, st, SUMMARY_SHAPE);
  let done = 0, pain = 0;
  for (const d of st.days) {
    done += d.sessions.filter((e) => e && e.done).length;
    if (overRules(d, st)) pain++;
  }
  const now = st.clock_behind ? T.outcomeTodayClock : T.outcome.today;
  const facts = [
    [R.sumStarted, showDate(st.start_date) + ' (' + st.start_date + ')'],
    [R.sumUsualStart, plan.usual_pain + ' / 10'],
    [R.sumUsualNow, st.usual_pain + ' / 10 (' + showDate(st.usual_pain_date, true) + ')'],
    // While the device's date is behind the log, the day is the last entry's, named so.
    [st.clock_behind ? T.todayClock(showDate(st.today)) : R.sumToday, T.dayOfPlan(st.day_number)],
    [R.sumDoseNow, st.exercise && st.sets !== null && st.reps !== null ? st.exercise.name + ' ' + shortDose(st.sets, st.reps) : now],
    [R.sumSessions, String(done)],
    [R.sumPainDays, String(pain)]
  ];
  // Every "I have spoken to the clinic" after a severe flare, for the physiotherapist.
  const spoke = st.days.filter((d) => d.spoke).map((d) => showDate(d.date, true));
  if (spoke.length) facts.push([R.sumSpoke, spoke.join(', ')]);
  const chart = renderChart(ladder, st, 'h2');
  const reached = st.milestones.filter((m) => m.unlocked);
  root.textContent = '';
  append(root,
    el('p', { class: 'no-print' }, el('a', { href: root.dataset.planner || '../' }, R.summaryBack), ' ',
      el('button', { type: 'button', class: 'planner-button planner-secondary', onclick: () => window.print() }, R.summaryPrint)),
    el('p', { class: 'summary-intro', text: R.summaryIntro }),
    el('dl', { class: 'summary-facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
    // Entries dated after this device's today (another phone's clock) are in no day below
    // yet: say so, so that a flare-up logged on the other phone is not missed.
    st.ahead_entries && st.ahead_last
      ? el('p', { class: 'planner-note', id: 'summary-ahead', text: T.aheadKept(st.ahead_entries, showDate(st.ahead_last)) + ' ' + T.aheadFix })
      : null,
    chart,
    el('h2', { text: R.sumRecent(SUMMARY_SHAPE.recentDays) }),
    table(R.sumDayCols, shape.recent.map((d) => dayRow(ladder, d, overRules(d, st), now)), 'summary-days',
      R.sumRecent(SUMMARY_SHAPE.recentDays)),
    shape.weeks.length ? el('h2', { text: R.sumWeeks }) : null,
    shape.weeks.length ? table(R.sumPeriodCols, shape.weeks.map(periodRow), 'summary-weeks', R.sumWeeks) : null,
    shape.months.length ? el('h2', { text: R.sumMonths }) : null,
    shape.months.length ? table(R.sumPeriodCols, shape.months.map(periodRow), 'summary-months', R.sumMonths) : null,
    el('h2', { text: R.sumMilestones }),
    reached.length
      ? el('ul', null, reached.map((m) => el('li', null, tagged(T.unlockedLine(m.milestone.reps,
        (ladder.stages.find((s) => s.exercise === m.milestone.exercise) || { name: m.milestone.exercise }).name,
        showDate(m.date || '', true)), ...ladder.stages))))
      : el('p', { text: R.sumNoMilestones }));
}

function mount() {
  const root = document.getElementById('summary-app');
  const data = document.getElementById('sinew-ladder');
  if (!root) return;
  /** @param {string} text */
  const say = (text) => {
    root.textContent = '';
    root.append(el('p', { class: 'planner-note planner-warn', role: 'alert', text }),
      el('p', null, el('a', { href: root.dataset.planner || '../' }, R.summaryBack)));
  };
  /** @type {unknown} */
  let ladder = null;
  try {
    ladder = JSON.parse(data ? data.textContent || 'null' : 'null');
  } catch {
    ladder = null;
  }
  const problems = checkLadder(ladder);
  if (problems.length) return say(T.cannotLoad(problems[0]));
  const lad = /** @type {Ladder} */ (ladder);
  const r = storage.get('sinew-planner:' + lad.id);
  if (!r.ok || !r.text) return say(R.summaryNoPlan);
  let parsed;
  try {
    parsed = JSON.parse(r.text);
  } catch {
    return say(T.damaged);
  }
  const v = validatePlan(parsed, lad);
  if (!v.ok) return say(T.unreadable(v.errors[0]));
  const st = computeState(lad, v.plan, localDate(new Date()));
  renderSummary(root, lad, v.plan, st);
}

mount();
