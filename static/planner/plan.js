// @ts-check
/**
 * The patient's stored plan: its format (what localStorage keeps and what "Download my
 * data" saves), building it up entry by entry, and checking a file before it is
 * imported. Pure: plain data in, plain data out.
 * @module
 */
import { isDate } from './dates.js';
import { isInt } from './ladder.js';
import { LOG_LIMITS } from './limits.js';
import { IMPORT_ERROR } from './strings.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */

/** The `format` field of every plan file. */
export const FORMAT = 'sinew-planner';
/** The plan format version this page writes. */
export const VERSION = 1;

/**
 * One logged session.
 * @typedef {object} SessionEntry
 * @property {string} date "YYYY-MM-DD"
 * @property {number} session 1 to times_per_day
 * @property {boolean} done
 * @property {number | null} reps reps managed in each set (the lowest), or null
 * @property {number} pain_rise how much pain went up during it (0-10)
 * @property {boolean} pain_stayed_up pain stayed up afterwards (see the pain rules)
 * @property {string} [exercise] the exercise id of that day, for the record
 */

/**
 * One test set for a milestone.
 * @typedef {object} TestEntry
 * @property {string} date
 * @property {string} exercise exercise id
 * @property {number} reps
 * @property {number} pain_rise
 * @property {boolean} pain_stayed_up
 */

/**
 * A plan, as stored and exported.
 * @typedef {object} Plan
 * @property {string} format always FORMAT
 * @property {number} version always VERSION
 * @property {string} ladder ladder id
 * @property {string} start_date
 * @property {number} usual_pain 0-10
 * @property {SessionEntry[]} sessions sorted by date and session, one per date+session
 * @property {TestEntry[]} tests sorted by date
 */

/**
 * @typedef {{ ok: true, plan: Plan } | { ok: false, errors: string[] }} Checked
 */

/**
 * A new, empty plan.
 * @param {Ladder} ladder
 * @param {string} startDate
 * @param {number} usualPain
 * @returns {Plan}
 */
export function newPlan(ladder, startDate, usualPain) {
  return {
    format: FORMAT,
    version: VERSION,
    ladder: ladder.id,
    start_date: startDate,
    usual_pain: usualPain,
    sessions: [],
    tests: []
  };
}

/**
 * @template T
 * @param {T} x
 * @returns {T}
 */
function cloneJson(x) {
  return JSON.parse(JSON.stringify(x));
}

/**
 * @param {{ date: string, session?: number }} a
 * @param {{ date: string, session?: number }} b
 */
function byDateThenSession(a, b) {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return (a.session || 0) - (b.session || 0);
}

/**
 * A copy of `plan` with a session entry added (replacing the same date and session).
 * @param {Plan} plan
 * @param {SessionEntry} entry
 * @returns {Plan}
 */
export function withSession(plan, entry) {
  const p = cloneJson(plan);
  p.sessions = p.sessions.filter((e) => !(e.date === entry.date && e.session === entry.session));
  p.sessions.push(cloneJson(entry));
  p.sessions.sort(byDateThenSession);
  return p;
}

/**
 * A copy of `plan` with a milestone test set added.
 * @param {Plan} plan
 * @param {TestEntry} entry
 * @returns {Plan}
 */
export function withTest(plan, entry) {
  const p = cloneJson(plan);
  p.tests.push(cloneJson(entry));
  p.tests.sort(byDateThenSession);
  return p;
}

/**
 * @param {unknown} x
 * @returns {x is Record<string, unknown>}
 */
function isObject(x) {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/**
 * Check parsed data (a stored plan or an imported file) as a plan for `ladder`.
 * Returns the clean plan, or the problems in plain words (at most 10).
 * @param {unknown} data
 * @param {Ladder} ladder
 * @returns {Checked}
 */
export function validatePlan(data, ladder) {
  /** @type {string[]} */
  const errors = [];
  /** @param {string} msg */
  const err = (msg) => {
    if (errors.length < 10) errors.push(msg);
  };
  if (!isObject(data)) return { ok: false, errors: [IMPORT_ERROR.notData] };
  if (data.format !== FORMAT) return { ok: false, errors: [IMPORT_ERROR.notPlanner(FORMAT)] };
  if (data.version !== VERSION) return { ok: false, errors: [IMPORT_ERROR.version(data.version, VERSION)] };
  if (data.ladder !== ladder.id) return { ok: false, errors: [IMPORT_ERROR.otherLadder(String(data.ladder), ladder.id)] };
  if (!isDate(data.start_date)) err(IMPORT_ERROR.startDate);
  if (!isInt(data.usual_pain, 0, 10)) err(IMPORT_ERROR.usualPain);
  const tpd = ladder.times_per_day;
  const max = LOG_LIMITS.reps;
  const { sessions, tests } = data;
  if (!Array.isArray(sessions)) err(IMPORT_ERROR.noSessions);
  if (!Array.isArray(tests)) err(IMPORT_ERROR.noTests);
  if (Array.isArray(sessions) && sessions.length > LOG_LIMITS.entries) err(IMPORT_ERROR.tooManySessions);
  if (Array.isArray(tests) && tests.length > LOG_LIMITS.entries) err(IMPORT_ERROR.tooManyTests);
  /** @type {SessionEntry[]} */
  const cleanSessions = [];
  /** @type {TestEntry[]} */
  const cleanTests = [];
  if (Array.isArray(sessions) && sessions.length <= LOG_LIMITS.entries) {
    sessions.forEach((/** @type {unknown} */ e, k) => {
      const where = IMPORT_ERROR.sessionWhere(k + 1);
      if (!isObject(e)) return err(where + IMPORT_ERROR.notEntry);
      if (!isDate(e.date)) return err(where + IMPORT_ERROR.entryDate);
      if (!isInt(e.session, 1, tpd)) return err(where + IMPORT_ERROR.sessionNumber(tpd));
      if (typeof e.done !== 'boolean') return err(where + IMPORT_ERROR.done);
      if (!(e.reps === null || e.reps === undefined || isInt(e.reps, 0, max))) return err(where + IMPORT_ERROR.reps(max));
      if (!isInt(e.pain_rise, 0, 10)) return err(where + IMPORT_ERROR.painRise);
      if (typeof e.pain_stayed_up !== 'boolean') return err(where + IMPORT_ERROR.stayedUp);
      /** @type {SessionEntry} */
      const c = {
        date: e.date, session: e.session, done: e.done,
        reps: e.reps === undefined ? null : e.reps,
        pain_rise: e.pain_rise, pain_stayed_up: e.pain_stayed_up
      };
      if (typeof e.exercise === 'string') c.exercise = e.exercise.slice(0, 200);
      cleanSessions.push(c);
    });
  }
  if (Array.isArray(tests) && tests.length <= LOG_LIMITS.entries) {
    tests.forEach((/** @type {unknown} */ e, k) => {
      const where = IMPORT_ERROR.testWhere(k + 1);
      if (!isObject(e)) return err(where + IMPORT_ERROR.notEntry);
      if (!isDate(e.date)) return err(where + IMPORT_ERROR.entryDate);
      if (typeof e.exercise !== 'string' || e.exercise === '') return err(where + IMPORT_ERROR.exercise);
      if (!isInt(e.reps, 0, max)) return err(where + IMPORT_ERROR.testReps(max));
      if (!isInt(e.pain_rise, 0, 10)) return err(where + IMPORT_ERROR.painRise);
      if (!(e.pain_stayed_up === undefined || typeof e.pain_stayed_up === 'boolean')) {
        return err(where + IMPORT_ERROR.stayedUp);
      }
      cleanTests.push({
        date: e.date, exercise: e.exercise.slice(0, 200), reps: e.reps,
        pain_rise: e.pain_rise, pain_stayed_up: e.pain_stayed_up === true
      });
    });
  }
  if (errors.length || !isDate(data.start_date) || !isInt(data.usual_pain, 0, 10)) return { ok: false, errors };
  let plan = newPlan(ladder, data.start_date, data.usual_pain);
  // Keep the last entry for each date and session, in date order.
  for (const e of cleanSessions) plan = withSession(plan, e);
  plan.tests = cleanTests.sort(byDateThenSession);
  return { ok: true, plan };
}
