// @ts-check
/**
 * The patient's record as it travels: the CSV a clinician opens in a spreadsheet, the
 * calendar file (RFC 5545) that reminds the patient of their sessions, and the "My
 * progress" summary's weeks and months. Pure: plain data in, text or plain data out; no
 * DOM, no storage, no clock (the calendar's time stamp is a parameter).
 * @module
 */
import { addDays, daysBetween } from './dates.js';
import { CSV_HEAD, CSV_WORDS, ICS_TEXT } from './strings.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */
/** @typedef {import('./plan.js').Plan} Plan */
/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./engine.js').DayRecord} DayRecord */

/**
 * One spreadsheet cell, RFC 4180 quoted. Text that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return is prefixed with `'`, so a spreadsheet shows it and never runs it
 * as a formula (numbers are written as numbers and never start so).
 * @param {string | number | boolean | null} v
 */
export function csvCell(v) {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  let s = typeof v === 'boolean' ? (v ? CSV_WORDS.yes : CSV_WORDS.no) : v;
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/**
 * The whole log as CSV (RFC 4180, CRLF line ends): one row per logged session, per
 * test set and per "I have spoken to the clinic", in date order, with the day's dose
 * and what the day counted as. Entries dated after the device's today are in it too, on
 * their own days: the engine's `today` is the latest logged date when that is later
 * (`State.clock_behind`), so every entry is in a day of `st.days`.
 * @param {Ladder} ladder
 * @param {State} st
 */
export function toCsv(ladder, st) {
  /** @type {(string | number | boolean | null)[][]} */
  const rows = [CSV_HEAD.slice()];
  for (const d of st.days) {
    const exercise = ladder.stages[d.stage] ? ladder.stages[d.stage].name : '';
    const outcome = d.outcome;
    d.sessions.forEach((e, k) => {
      if (!e) return;
      rows.push([d.date, CSV_WORDS.session, k + 1, exercise, d.sets, d.reps, e.done, e.reps, e.done ? e.pain_rise : null,
        e.done ? stayedWord(e.pain_stayed_up) : null, outcome, e.note || '']);
    });
    for (const t of d.tests) {
      const name = (ladder.stages.find((s) => s.exercise === t.exercise) || { name: t.exercise }).name;
      rows.push([d.date, CSV_WORDS.test, null, name, 1, null, true, t.reps, t.pain_rise, stayedWord(t.pain_stayed_up), outcome, '']);
    }
    if (d.spoke) rows.push([d.date, CSV_WORDS.spoke, null, '', null, null, null, null, null, null, outcome, '']);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** @param {boolean | null} x */
function stayedWord(x) {
  return x === null ? CSV_WORDS.notAnswered : x ? CSV_WORDS.yes : CSV_WORDS.no;
}

/**
 * Preset reminder times (24-hour "HH:MM", the patient's local time) for each number of
 * sessions a day, 1 to 6. docs/planner.md lists them.
 * @type {readonly (readonly string[])[]}
 */
export const REMINDER_TIMES = Object.freeze([
  Object.freeze(['09:00']),
  Object.freeze(['09:00', '18:00']),
  Object.freeze(['08:00', '13:00', '18:00']),
  Object.freeze(['08:00', '12:00', '16:00', '20:00']),
  Object.freeze(['08:00', '11:00', '14:00', '17:00', '20:00']),
  Object.freeze(['08:00', '10:30', '13:00', '15:30', '18:00', '20:30'])
]);

/**
 * Days from a plan's start to the end of the ladder's longest plan: every stage at its
 * `days.max`. The reminders recur daily this many times.
 * @param {Ladder} ladder
 */
export function longestPlanDays(ladder) {
  return ladder.stages.reduce((n, s) => n + s.days.max, 0);
}

/**
 * A TEXT value escaped as RFC 5545 section 3.3.11 says.
 * @param {string} s
 */
export function icsText(s) {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * One content line folded at 75 octets (RFC 5545 section 3.1), never inside a UTF-8
 * character; continuation lines start with a space.
 * @param {string} line
 */
export function foldLine(line) {
  const enc = new TextEncoder();
  const out = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    if (octets + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = '';
      octets = 0;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

/**
 * The reminders as one calendar file: one daily event per session of the day, at the
 * preset times, from the plan's start for as long as the ladder's longest plan lasts,
 * each linking to the planner page. Times are floating (the patient's own clock).
 * @param {Ladder} ladder
 * @param {Plan} plan
 * @param {{ pageUrl: string, title: string, host: string, stamp: Date }} opts
 */
export function toIcs(ladder, plan, opts) {
  const tpd = ladder.times_per_day;
  const times = REMINDER_TIMES[tpd - 1];
  const count = longestPlanDays(ladder);
  const start = plan.start_date.replace(/-/g, '');
  const stamp = opts.stamp.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//sinew//planner reminders//EN', 'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH', 'X-WR-CALNAME:' + icsText(ICS_TEXT.calendarName(opts.title))];
  times.forEach((hm, k) => {
    const [h, m] = hm.split(':');
    const endMin = +h * 60 + +m + 30;
    const end = String(Math.floor(endMin / 60)).padStart(2, '0') + String(endMin % 60).padStart(2, '0') + '00';
    lines.push('BEGIN:VEVENT',
      'UID:' + icsText('sinew-' + ladder.id + '-' + plan.start_date + '-' + (k + 1) + '@' + (opts.host || 'planner')),
      'DTSTAMP:' + stamp,
      'DTSTART:' + start + 'T' + h + m + '00',
      'DTEND:' + start + 'T' + end,
      'RRULE:FREQ=DAILY;COUNT=' + count,
      'SUMMARY:' + icsText(ICS_TEXT.summary(opts.title, k + 1, tpd)),
      'DESCRIPTION:' + icsText(ICS_TEXT.description(opts.pageUrl)),
      'URL:' + opts.pageUrl,
      'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:PT0M', 'DESCRIPTION:' + icsText(ICS_TEXT.summary(opts.title, k + 1, tpd)),
      'END:VALARM', 'END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/**
 * The last day the reminders fall on (the plan's start plus the longest plan, minus one).
 * @param {Ladder} ladder
 * @param {Plan} plan
 */
export function lastReminderDay(ladder, plan) {
  return addDays(plan.start_date, longestPlanDays(ladder) - 1);
}

/**
 * One line of the summary for a run of earlier days (a week or a month).
 * @typedef {object} Period
 * @property {string} from first date
 * @property {string} to last date
 * @property {number} done sessions done
 * @property {number} planned sessions planned (days x times_per_day)
 * @property {number} pain_days days over the pain rules
 * @property {number | null} max_rise highest pain rise logged (null: none logged)
 * @property {string} doses first and last dose, e.g. "Bridge 2 x 5 to 2 x 12"
 */

/**
 * The summary's shape: the last `recentDays` days one by one, then up to `weeks` weeks
 * before them one line each, and anything earlier one line per 4 weeks, so two years
 * still fit two A4 pages. Newest first.
 * @param {Ladder} ladder
 * @param {State} st
 * @param {{ recentDays: number, weeks: number }} shape
 * @returns {{ recent: DayRecord[], weeks: Period[], months: Period[] }}
 */
export function summaryShape(ladder, st, shape) {
  const days = st.days.filter((d) => d.outcome !== 'today' || d.sessions.some(Boolean) || d.tests.length);
  const recent = days.slice(-shape.recentDays).reverse();
  const older = days.slice(0, Math.max(0, days.length - shape.recentDays));
  /** @type {Period[]} */
  const weeks = [];
  /** @type {Period[]} */
  const months = [];
  let end = older.length;
  while (end > 0) {
    const size = weeks.length < shape.weeks ? 7 : 28;
    const chunk = older.slice(Math.max(0, end - size), end);
    (weeks.length < shape.weeks ? weeks : months).push(period(ladder, chunk));
    end -= size;
  }
  return { recent, weeks, months };
}

/**
 * @param {Ladder} ladder
 * @param {DayRecord[]} days
 * @returns {Period}
 */
function period(ladder, days) {
  let done = 0, pain = 0;
  /** @type {number | null} */
  let max = null;
  for (const d of days) {
    if (d.outcome === 'pain') pain++;
    for (const e of d.sessions) {
      if (!e || !e.done) continue;
      done++;
      max = max === null ? e.pain_rise : Math.max(max, e.pain_rise);
    }
  }
  const a = days[0], b = days[days.length - 1];
  const name = (/** @type {DayRecord} */ d) => (ladder.stages[d.stage] || { name: '' }).name;
  const doses = name(a) === name(b)
    ? name(a) + ' ' + a.sets + ' x ' + a.reps + (a.sets === b.sets && a.reps === b.reps ? '' : ' to ' + b.sets + ' x ' + b.reps)
    : name(a) + ' ' + a.sets + ' x ' + a.reps + ' to ' + name(b) + ' ' + b.sets + ' x ' + b.reps;
  return { from: a.date, to: b.date, done, planned: days.length * ladder.times_per_day, pain_days: pain,
    max_rise: max, doses };
}

/**
 * Whole days since `date` on `today` (0 on the day itself).
 * @param {string} date
 * @param {string} today
 */
export function daysSince(date, today) {
  return daysBetween(date, today);
}
