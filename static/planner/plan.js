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
/**
 * The plan format version this page writes. Version 1 (no `usual_pain_log`, every
 * "pain stayed up" answered) still loads: `validatePlan` migrates it.
 */
export const VERSION = 2;

/**
 * One logged session.
 * @typedef {object} SessionEntry
 * @property {string} date "YYYY-MM-DD"
 * @property {number} session 1 to times_per_day
 * @property {boolean} done
 * @property {number | null} reps reps managed in each set (the lowest); null when not done
 * @property {number} pain_rise how much pain went up during it (0-10); 0 when not done
 * @property {boolean | null} pain_stayed_up pain stayed up afterwards (see the pain
 *   rules); null: not answered yet (the page asks again later)
 * @property {string} [exercise] the exercise id of that day, for the record
 * @property {string} [note] the patient's own short note ("tight after stairs"), at most
 *   LOG_LIMITS.note characters; left out when empty
 */

/**
 * One test set for a milestone.
 * @typedef {object} TestEntry
 * @property {string} date
 * @property {string} exercise exercise id
 * @property {number} reps
 * @property {number} pain_rise
 * @property {boolean | null} pain_stayed_up null: not answered yet
 */

/**
 * The patient's usual pain, asked again once a week.
 * @typedef {object} UsualPain
 * @property {string} date
 * @property {number} usual_pain 0-10
 */

/**
 * The patient's answer "I have spoken to the clinic", after a severe flare.
 * @typedef {object} ClinicContact
 * @property {string} date the day they said it
 * @property {number} flares the severe signs in the log up to that day when they said it
 *   (the engine's `flare_signs`): the answer stands only while the log still holds exactly
 *   these, so a severe rise logged later for an earlier day asks again
 * @property {string[]} [signs] the dates of those signs, oldest first (the engine's
 *   `flare_dates`): a sign corrected away and another logged for another day keep the
 *   count, not the dates. Answers saved before the dates were kept have none.
 */

/**
 * A plan, as stored and exported.
 * @typedef {object} Plan
 * @property {string} format always FORMAT
 * @property {number} version always VERSION
 * @property {string} ladder ladder id
 * @property {string} start_date
 * @property {number} usual_pain 0-10, at the start
 * @property {UsualPain[]} usual_pain_log later answers, in date order
 * @property {SessionEntry[]} sessions sorted by date and session, one per date+session
 * @property {TestEntry[]} tests sorted by date
 * @property {ClinicContact[]} [spoken_to_clinic] "I have spoken to the clinic" answers,
 *   one per date, in date order; left out when there are none
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
    usual_pain_log: [],
    sessions: [],
    tests: []
  };
}

/**
 * A copy of `plan` with the usual pain given on `date` (replacing one given that day).
 * @param {Plan} plan
 * @param {UsualPain} entry
 * @returns {Plan}
 */
export function withUsualPain(plan, entry) {
  const p = cloneJson(plan);
  p.usual_pain_log = p.usual_pain_log.filter((u) => u.date !== entry.date);
  p.usual_pain_log.push({ date: entry.date, usual_pain: entry.usual_pain });
  p.usual_pain_log.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return p;
}

/**
 * A copy of `plan` with the "pain stayed up" answer of a pending session or test set
 * (a test set is named by its place among that day's test sets).
 * @param {Plan} plan
 * @param {{ kind: 'session' | 'test', date: string, session: number }} which
 * @param {boolean} stayedUp
 * @returns {Plan}
 */
export function withAnswer(plan, which, stayedUp) {
  const p = cloneJson(plan);
  if (which.kind === 'session') {
    for (const e of p.sessions) if (e.date === which.date && e.session === which.session) e.pain_stayed_up = stayedUp;
  } else {
    const t = p.tests.filter((x) => x.date === which.date)[which.session];
    if (t) t.pain_stayed_up = stayedUp;
  }
  return p;
}

/**
 * A copy of `plan` with the patient's "I have spoken to the clinic" of `entry.date`
 * (replacing one given that day).
 * @param {Plan} plan
 * @param {ClinicContact} entry
 * @returns {Plan}
 */
export function withClinicContact(plan, entry) {
  const p = cloneJson(plan);
  const list = (p.spoken_to_clinic || []).filter((c) => c.date !== entry.date);
  list.push(entry.signs ? { date: entry.date, flares: entry.flares, signs: entry.signs.slice() } : { date: entry.date, flares: entry.flares });
  list.sort(byDateThenSession);
  p.spoken_to_clinic = list;
  return p;
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
 * Check parsed data (a stored plan or an imported file) as a plan for `ladder`, and
 * bring a version-1 plan up to this version. Refuses what the log form refuses (a
 * session marked done without reps); ignores what it would never save: entries dated
 * before the start date, and the reps and pain of a session that was not done. Entries
 * dated after the device's today are kept (another device's clock or time zone: a
 * patient's data is never lost; the engine counts them from their own date). Returns the
 * clean plan, or the problems in plain words (at most 10).
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
  if (data.version !== 1 && data.version !== VERSION) return { ok: false, errors: [IMPORT_ERROR.version(data.version, VERSION)] };
  if (data.ladder !== ladder.id) return { ok: false, errors: [IMPORT_ERROR.otherLadder(String(data.ladder), ladder.id)] };
  const v1 = data.version === 1;
  const start = data.start_date;
  if (!isDate(start)) err(IMPORT_ERROR.startDate);
  if (!isInt(data.usual_pain, 0, 10)) err(IMPORT_ERROR.usualPain);
  /** @param {string} date */
  const keep = (date) => !isDate(start) || date >= start;
  /** @param {unknown} x */
  const stayedOk = (x) => typeof x === 'boolean' || (!v1 && x === null);
  const tpd = ladder.times_per_day;
  const max = LOG_LIMITS.reps;
  const { sessions, tests } = data;
  const usualLog = v1 ? [] : data.usual_pain_log;
  if (!Array.isArray(sessions)) err(IMPORT_ERROR.noSessions);
  if (!Array.isArray(tests)) err(IMPORT_ERROR.noTests);
  if (!Array.isArray(usualLog)) err(IMPORT_ERROR.noUsualLog);
  if (Array.isArray(sessions) && sessions.length > LOG_LIMITS.entries) err(IMPORT_ERROR.tooManySessions);
  if (Array.isArray(tests) && tests.length > LOG_LIMITS.entries) err(IMPORT_ERROR.tooManyTests);
  if (Array.isArray(usualLog) && usualLog.length > LOG_LIMITS.entries) err(IMPORT_ERROR.tooManyUsual);
  // "I have spoken to the clinic" answers came after version 2 was first written: a file
  // without them has none.
  const spoken = v1 || data.spoken_to_clinic === undefined ? [] : data.spoken_to_clinic;
  if (!Array.isArray(spoken) || spoken.length > LOG_LIMITS.entries) err(IMPORT_ERROR.spokenList);
  /** @type {SessionEntry[]} */
  const cleanSessions = [];
  /** @type {TestEntry[]} */
  const cleanTests = [];
  /** @type {UsualPain[]} */
  const cleanUsual = [];
  if (Array.isArray(sessions) && sessions.length <= LOG_LIMITS.entries) {
    sessions.forEach((/** @type {unknown} */ e, k) => {
      const where = IMPORT_ERROR.sessionWhere(k + 1);
      if (!isObject(e)) return err(where + IMPORT_ERROR.notEntry);
      if (!isDate(e.date)) return err(where + IMPORT_ERROR.entryDate);
      if (!isInt(e.session, 1, tpd)) return err(where + IMPORT_ERROR.sessionNumber(tpd));
      if (typeof e.done !== 'boolean') return err(where + IMPORT_ERROR.done);
      if (!keep(e.date)) return;
      /** @type {SessionEntry} */
      let c;
      if (e.done) {
        if (e.reps === null || e.reps === undefined) return err(where + IMPORT_ERROR.doneWithoutReps);
        if (!isInt(e.reps, 0, max)) return err(where + IMPORT_ERROR.reps(max));
        if (!isInt(e.pain_rise, 0, 10)) return err(where + IMPORT_ERROR.painRise);
        if (!stayedOk(e.pain_stayed_up)) return err(where + (v1 ? IMPORT_ERROR.stayedUpV1 : IMPORT_ERROR.stayedUp));
        c = { date: e.date, session: e.session, done: true, reps: e.reps, pain_rise: e.pain_rise,
          pain_stayed_up: /** @type {boolean | null} */ (e.pain_stayed_up) };
      } else {
        c = { date: e.date, session: e.session, done: false, reps: null, pain_rise: 0, pain_stayed_up: false };
      }
      if (typeof e.exercise === 'string') c.exercise = e.exercise.slice(0, 200);
      if (e.note !== undefined && e.note !== null && e.note !== '') {
        if (typeof e.note !== 'string' || !isNoteText(e.note)) return err(where + IMPORT_ERROR.note(LOG_LIMITS.note));
        c.note = e.note;
      }
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
      // Version 1 left the answer out when it was "no".
      const stayed = v1 && e.pain_stayed_up === undefined ? false : e.pain_stayed_up;
      if (!stayedOk(stayed)) return err(where + (v1 ? IMPORT_ERROR.stayedUpV1 : IMPORT_ERROR.stayedUp));
      if (!keep(e.date)) return;
      cleanTests.push({
        date: e.date, exercise: e.exercise.slice(0, 200), reps: e.reps,
        pain_rise: e.pain_rise, pain_stayed_up: /** @type {boolean | null} */ (stayed)
      });
    });
  }
  if (Array.isArray(usualLog) && usualLog.length <= LOG_LIMITS.entries) {
    usualLog.forEach((/** @type {unknown} */ e, k) => {
      const where = IMPORT_ERROR.usualWhere(k + 1);
      if (!isObject(e)) return err(where + IMPORT_ERROR.notEntry);
      if (!isDate(e.date)) return err(where + IMPORT_ERROR.entryDate);
      if (!isInt(e.usual_pain, 0, 10)) return err(where + IMPORT_ERROR.usualPainEntry);
      if (!keep(e.date)) return;
      cleanUsual.push({ date: e.date, usual_pain: e.usual_pain });
    });
  }
  /** @type {ClinicContact[]} */
  const cleanSpoken = [];
  if (Array.isArray(spoken) && spoken.length <= LOG_LIMITS.entries) {
    spoken.forEach((/** @type {unknown} */ e, k) => {
      const where = IMPORT_ERROR.spokenWhere(k + 1);
      if (!isObject(e)) return err(where + IMPORT_ERROR.notEntry);
      if (!isDate(e.date)) return err(where + IMPORT_ERROR.entryDate);
      if (!isInt(e.flares, 0, 3 * LOG_LIMITS.entries)) return err(where + IMPORT_ERROR.spokenFlares);
      if (!keep(e.date)) return;
      // The dates of the signs it answers: a list that does not fit its count drops the
      // answer (the page then asks again), the safer way round.
      if (e.signs === undefined) return cleanSpoken.push({ date: e.date, flares: e.flares });
      const signs = e.signs, date = String(e.date);
      if (!Array.isArray(signs) || signs.length !== e.flares || !signs.every((x) => isDate(x) && x <= date)) return;
      cleanSpoken.push({ date: e.date, flares: e.flares, signs: signs.slice() });
    });
  }
  if (errors.length || !isDate(start) || !isInt(data.usual_pain, 0, 10)) return { ok: false, errors };
  const plan = newPlan(ladder, start, data.usual_pain);
  // Keep the last entry for each date and session (and usual pain per date), in date
  // order: one pass and one sort, so a two-year log loads in linear-logarithmic time
  // (adding entries one by one copied the whole plan for each of them).
  /** @type {Map<string, SessionEntry>} */
  const bySlot = new Map();
  for (const e of cleanSessions) {
    const k = e.date + '#' + e.session;
    bySlot.delete(k);
    bySlot.set(k, e);
  }
  plan.sessions = [...bySlot.values()].sort(byDateThenSession);
  /** @type {Map<string, UsualPain>} */
  const byDate = new Map();
  for (const u of cleanUsual) byDate.set(u.date, u);
  plan.usual_pain_log = [...byDate.values()].sort(byDateThenSession);
  plan.tests = cleanTests.sort(byDateThenSession);
  /** @type {Map<string, ClinicContact>} */
  const spokenByDate = new Map();
  for (const c of cleanSpoken) spokenByDate.set(c.date, c);
  if (spokenByDate.size) plan.spoken_to_clinic = [...spokenByDate.values()].sort(byDateThenSession);
  return { ok: true, plan };
}

/**
 * The revision of the checks `validatePlan` makes. A plan this page stored is sealed
 * with it (`sealOf`); a page whose checks are newer sees a different seal and checks
 * the stored plan in full again.
 */
export const CHECKS_REVISION = 3;

/**
 * A fingerprint of the exact text of a plan this page stored: the checks' revision, the
 * text's length and a 32-bit FNV-style hash of its UTF-8 bytes. Kept beside the plan when
 * the page stores it, so a later load can tell its own writing from anything else (a
 * text changed by hand, a damaged store). Not a secret: the browser's owner can write
 * anything, seal included; it only spares the page from checking again, entry by entry,
 * a plan it checked itself before storing it.
 * @param {string} text
 */
export function sealOf(text) {
  // Over the UTF-8 bytes four at a time (the encoding is native code): a quarter of the
  // steps of a loop over the characters, on a text of a few hundred kilobytes.
  const bytes = new TextEncoder().encode(text);
  const whole = bytes.byteOffset % 4 === 0 ? bytes.length >>> 2 : 0;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, whole);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  for (let i = whole * 4; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return CHECKS_REVISION + ':' + text.length + ':' + bytes.length + ':' + (h >>> 0).toString(36);
}

/**
 * A stored plan whose text matches the seal this page wrote with it: its entries were
 * checked before it was stored, so only its frame is checked again (format, this
 * version, this ladder, the start, the lists). Null when anything there is off: the
 * caller then checks it in full with `validatePlan`. Never for an imported file.
 * @param {unknown} data
 * @param {Ladder} ladder
 * @returns {Plan | null}
 */
export function sealedPlan(data, ladder) {
  if (!isObject(data) || data.format !== FORMAT || data.version !== VERSION || data.ladder !== ladder.id) return null;
  if (!isDate(data.start_date) || !isInt(data.usual_pain, 0, 10)) return null;
  if (!Array.isArray(data.sessions) || !Array.isArray(data.tests) || !Array.isArray(data.usual_pain_log)) return null;
  if (data.spoken_to_clinic !== undefined && !Array.isArray(data.spoken_to_clinic)) return null;
  return /** @type {Plan} */ (/** @type {unknown} */ (data));
}

/**
 * Whether `text` may be kept as a session note: at most LOG_LIMITS.note characters, one
 * line, no control characters (a note is shown as text and exported to CSV and calendars).
 * @param {string} text
 */
export function isNoteText(text) {
  // eslint-disable-next-line no-control-regex
  return [...text].length <= LOG_LIMITS.note && !/[\u0000-\u001f\u007f]/.test(text);
}
