// @ts-check
/**
 * Every word the planner shows a patient comes from the page: the string table of the
 * page's language (`i18n/<lang>.yaml`, `planner:`), embedded by the build as the JSON
 * island `#sinew-strings`. This module turns the table into the functions the view
 * calls, so no word stays in the script; it keeps the structure (which numbers and
 * names go where, which plural form). Dates are written with the table's month and
 * weekday names. No DOM but reading the island, no rules.
 * @module
 */

/**
 * A text of the table: plain, or forms by number (`one`, `other`, or an exact number).
 * @typedef {string | Record<string, string>} Text
 */

/**
 * The island's contents.
 * @typedef {{ lang: string, months: string[], months_short: string[], weekdays: string[],
 *   weekdays_short: string[], text: Record<string, Text> }} Strings
 */

/** @returns {Strings} */
function load() {
  const g = /** @type {{ sinewStrings?: Strings }} */ (globalThis);
  if (g.sinewStrings) return g.sinewStrings;
  const island = typeof document === 'undefined' ? null : document.getElementById('sinew-strings');
  if (island) {
    try {
      return JSON.parse(island.textContent || '');
    } catch {
      // Fall through: the keys show, which a test of any page catches.
    }
  }
  return { lang: '', months: [], months_short: [], weekdays: [], weekdays_short: [], text: {} };
}

/** The page's table (tests set `globalThis.sinewStrings` before importing this module). */
export const STRINGS = load();

/**
 * The text for `key`, with `{name}`s filled in from `vars`; `vars.n` (or `count`) picks
 * the plural form. A key the table lacks shows as `[key]`.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 * @param {number} [count]
 * @returns {string}
 */
export function tr(key, vars, count) {
  const t = STRINGS.text[key];
  const n = count !== undefined ? count : vars && typeof vars.n === 'number' ? vars.n : undefined;
  /** @type {string} */
  let s;
  if (t === undefined) s = '[' + key + ']';
  else if (typeof t === 'string') s = t;
  else s = (n !== undefined && (t[String(n)] ?? (n === 1 ? t.one : undefined))) || t.other || '';
  // Most strings have no {name} to fill: no pattern run over them (a page draws hundreds).
  if (s.indexOf('{') < 0) return s;
  return s.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name) => (vars && name in vars ? String(vars[name]) : m));
}

/**
 * "1 set", "2 sets": a count of a unit of the table (`unit_set`, `unit_day`, ...).
 * @param {number} n
 * @param {string} unit
 */
export function plural(n, unit) {
  return tr('unit_' + unit, { n });
}

/**
 * "2 sets of 9 reps, holding each rep for 30 seconds".
 * @param {number} sets
 * @param {number} reps
 * @param {number | null} [hold]
 */
export function doseText(sets, reps, hold) {
  const v = { sets: plural(sets, 'set'), reps: plural(reps, 'rep') };
  return hold ? tr('doseHold', { ...v, seconds: plural(hold, 'second') }) : tr('dose', v);
}

/**
 * "2 x 9".
 * @param {number} sets
 * @param {number} reps
 */
export function shortDose(sets, reps) {
  return tr('shortDose', { sets, reps });
}

/**
 * "once a day", "twice a day", "3 times a day".
 * @param {number} n
 */
export function timesPerDay(n) {
  return tr('timesPerDay', { n });
}

/**
 * "Monday 3 March" (long) or "Mon 3 Mar" (short), with the table's names.
 * @param {string} iso YYYY-MM-DD
 * @param {boolean} [short]
 */
export function formatDate(iso, short) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return String(iso);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const weekday = (short ? STRINGS.weekdays_short : STRINGS.weekdays)[(d.getUTCDay() + 6) % 7];
  const month = (short ? STRINGS.months_short : STRINGS.months)[d.getUTCMonth()];
  if (weekday === undefined || month === undefined) return iso;
  return tr(short ? 'dateShort' : 'dateLong', { weekday, day: d.getUTCDate(), month, year: +m[1] });
}

/** Problems with the ladder data embedded in the page (for clinic staff). */
export const LADDER_PROBLEM = {
  notObject: tr('ladder_notObject'),
  notJson: tr('ladder_notJson'),
  id: tr('ladder_id'),
  /** @param {{ min: number, max: number }} r */
  timesPerDay: (r) => tr('ladder_timesPerDay', { min: r.min, max: r.max }),
  pain: tr('ladder_pain'),
  noStages: tr('ladder_noStages'),
  /** @param {number} max */
  tooManyStages: (max) => tr('ladder_tooManyStages', { max }),
  /** @param {number} n */
  stage: (n) => tr('ladder_stage', { n }),
  milestones: tr('ladder_milestones'),
  clinic: tr('ladder_clinic'),
  pacing: tr('ladder_pacing')
};

/** Why a stored plan or an imported file cannot be read. */
export const IMPORT_ERROR = {
  notData: tr('import_notData'),
  /** @param {string} format */
  notPlanner: (format) => tr('import_notPlanner', { format }),
  /** @param {unknown} got @param {number} want */
  version: (got, want) => tr('import_version', { got: JSON.stringify(got), want }),
  /** @param {string} got @param {string} want */
  otherLadder: (got, want) => tr('import_otherLadder', { got, want }),
  startDate: tr('import_startDate'),
  usualPain: tr('import_usualPain'),
  noSessions: tr('import_noSessions'),
  noTests: tr('import_noTests'),
  noUsualLog: tr('import_noUsualLog'),
  tooManyUsual: tr('import_tooManyUsual'),
  /** @param {number} n */
  usualWhere: (n) => tr('import_usualWhere', { n }),
  usualPainEntry: tr('import_usualPainEntry'),
  doneWithoutReps: tr('import_doneWithoutReps'),
  tooManySessions: tr('import_tooManySessions'),
  tooManyTests: tr('import_tooManyTests'),
  /** @param {number} n */
  sessionWhere: (n) => tr('import_sessionWhere', { n }),
  /** @param {number} n */
  testWhere: (n) => tr('import_testWhere', { n }),
  notEntry: tr('import_notEntry'),
  entryDate: tr('import_entryDate'),
  /** @param {number} tpd */
  sessionNumber: (tpd) => tr('import_sessionNumber', { tpd }),
  done: tr('import_done'),
  /** @param {number} max */
  reps: (max) => tr('import_reps', { max }),
  /** @param {number} max */
  testReps: (max) => tr('import_testReps', { max }),
  painRise: tr('import_painRise'),
  stayedUp: tr('import_stayedUp'),
  stayedUpV1: tr('import_stayedUpV1'),
  exercise: tr('import_exercise'),
  /** @param {number} max */
  note: (max) => tr('import_note', { max }),
  spokenList: tr('import_spokenList'),
  /** @param {number} n */
  spokenWhere: (n) => tr('import_spokenWhere', { n }),
  spokenFlares: tr('import_spokenFlares')
};

/**
 * The planner's rules in the words every place uses: the planner page's static text and
 * the printed log sheet (templates/, from the same table) and docs/planner.md say
 * exactly these sentences (tests/js/wording.test.js checks it). "Dose" is sets x reps;
 * "step back" is only ever used when the dose goes down, "move up" only when it goes up.
 * `severe` names the ladder's `pain.severe_rise`, so that paper says how much "a lot" is.
 */
export const RULES = {
  up: tr('rule_up'),
  stop: tr('rule_stop'),
  next: tr('rule_next'),
  same: tr('rule_same'),
  /** @param {number | string} rise */
  severe: (rise) => tr('rule_severe', { rise }),
  /** @param {number | string} max the ladder's `pain.baseline_max` */
  baseline: (max) => tr('rule_baseline', { max })
};

/** The words of the planner page. */
export const T = {
  /** @param {string} problem */
  cannotLoad: (problem) => tr('cannotLoad', { problem }),
  noStorage: tr('noStorage'),
  damaged: tr('damaged'),
  /** @param {string} why */
  unreadable: (why) => tr('unreadable', { why }),
  recover: tr('recover'),
  changedElsewhere: tr('changedElsewhere'),
  notSavedShort: tr('notSavedShort'),
  notSavedDownload: tr('notSavedDownload'),
  clinicFallback: tr('clinicFallback'),
  book: tr('book'),
  /** @param {string} name */
  call: (name) => tr('call', { name }),
  /** @param {string} name */
  contact: (name) => tr('contact', { name }),
  chooseNumber: tr('chooseNumber'),
  /** @param {number} i */
  painOption: (i) => tr(i === 0 ? 'painOptionNone' : i === 10 ? 'painOptionWorst' : 'painOption', { i }),
  yes: tr('yes'),
  no: tr('no'),
  /** @param {number} rise @param {number} minutes */
  stayedUpQuestion: (rise, minutes) => tr('stayedUpQuestion', { rise, minutes: plural(minutes, 'minute') }),
  startHeading: tr('startHeading'),
  /** @param {string} times */
  startIntro: (times) => tr('startIntro', { times }),
  startDate: tr('startDate'),
  usualPain: tr('usualPain'),
  usualPainHint: tr('usualPainHint'),
  startButton: tr('startButton'),
  /** @param {string} example */
  startDateError: (example) => tr('startDateError', { example }),
  usualPainError: tr('usualPainError'),
  started: tr('started'),
  notSavedStart: tr('notSavedStart'),
  /** @param {string} date @param {string} dose */
  notStarted: (date, dose) => [tr('notStartedHead', { date }), tr('notStartedBody', { dose })],
  /** @param {string} dose */
  start: (dose) => [tr('startHead', { dose }), tr('startBody')],
  /** @param {string} dose */
  moveUp: (dose) => tr('moveUp', { dose }),
  /** @param {string} dose */
  sameDose: (dose) => tr('sameDose', { dose }),
  /** @param {string} dose */
  stepBack: (dose) => tr('stepBack', { dose }),
  /** @param {string} name @param {string} dose */
  nextExercise: (name, dose) => tr('nextExercise', { name, dose }),
  /** @param {string} name the exercise gone back to @param {string} dose */
  previousExercise: (name, dose) => tr('previousExercise', { name, dose }),
  /** @param {string} previous */
  mastered: (previous) => tr('mastered', { previous }),
  reasonTolerated: tr('reasonTolerated'),
  reasonToleratedSame: tr('reasonToleratedSame'),
  /** @param {number} usual @param {number} max */
  reasonBaselineHeld: (usual, max) => tr('reasonBaselineHeld', { usual, max }),
  /** @param {string} date @param {number} usual @param {number} max */
  reasonBaselineHeldBefore: (date, usual, max) => tr('reasonBaselineHeldBefore', { date, usual, max }),
  reasonClinicHeld: tr('reasonClinicHeld'),
  reasonClockHeld: tr('reasonClockHeld'),
  clockHead: tr('clockHead'),
  /** The device's date is earlier than an entry. @param {string} today the device's @param {string} last the latest entry's */
  clockBody: (today, last) => tr('clockBody', { today, last }),
  logDateClock: tr('logDateClock'),
  // While the device's date is behind the log: the words for the day the advice is for
  // (`date`, the last entry's), or for no day, never "today" (see `todayClock`).
  /** @param {string} date @param {string} dose */
  moveUpClock: (date, dose) => tr('moveUpClock', { date, dose }),
  /** @param {string} date @param {string} dose */
  sameDoseClock: (date, dose) => tr('sameDoseClock', { date, dose }),
  /** @param {string} date @param {string} dose */
  stepBackClock: (date, dose) => tr('stepBackClock', { date, dose }),
  /** @param {string} date */
  reasonPainBackClock: (date) => tr('reasonPainBackClock', { date }),
  /** @param {string} date */
  reasonPainAgainClock: (date) => tr('reasonPainAgainClock', { date }),
  /** @param {string} date */
  reasonPainSameClock: (date) => tr('reasonPainSameClock', { date }),
  /** @param {string} date @param {string} name */
  reasonPainPreviousClock: (date, name) => tr('reasonPainPreviousClock', { date, name }),
  stopHeadClock: tr('stopHeadClock'),
  stopBodyClock: tr('stopBodyClock'),
  doseNotTodayClock: tr('doseNotTodayClock'),
  /** @param {string} dose */
  contactBodyClock: (dose) => tr('contactBodyClock', { dose }),
  /** @param {string} date the day after the advice's @param {string} next */
  tomorrowSameClock: (date, next) => tr('tomorrowSameClock', { date, next }),
  /** @param {string} date @param {string} next */
  tomorrowBackClock: (date, next) => tr('tomorrowBackClock', { date, next }),
  /** @param {string} date @param {string} name @param {string} dose */
  tomorrowPreviousClock: (date, name, dose) => tr('tomorrowPreviousClock', { date, name, dose }),
  /** @param {string} date */
  tomorrowFinishedClock: (date) => tr('tomorrowFinishedClock', { date }),
  /** @param {string} date @param {string} next */
  tomorrowContactClock: (date, next) => tr('tomorrowContactClock', { date, next }),
  /** @param {string} date */
  doneTodayClock: (date) => tr('doneTodayClock', { date }),
  severeHeadClock: tr('severeHeadClock'),
  /** @param {number} days */
  noProgressBodyClock: (days) => tr('noProgressBodyClock', { days }),
  /** @param {string} date */
  todaysSessionsClock: (date) => tr('todaysSessionsClock', { date }),
  sessionSkipClock: tr('sessionSkipClock'),
  milestonesNotTodayClock: tr('milestonesNotTodayClock'),
  outcomeTodayClock: tr('outcome_todayClock'),
  baselineAlertHold: tr('baselineAlertHold'),
  spokeIntro: tr('spokeIntro'),
  spokeButton: tr('spokeButton'),
  /** @param {string} date */
  spokeSaved: (date) => tr('spokeSaved', { date }),
  historySpoke: tr('historySpoke'),
  /** @param {string} date */
  reasonPainBack: (date) => tr('reasonPainBack', { date }),
  /** @param {string} date */
  reasonPainAgain: (date) => tr('reasonPainAgain', { date }),
  /** @param {string} date */
  reasonPainSame: (date) => tr('reasonPainSame', { date }),
  /** @param {string} date @param {string} name the exercise none of whose doses stayed within the rules */
  reasonPainPrevious: (date, name) => tr('reasonPainPrevious', { date, name }),
  /** @param {string} date */
  reasonMissed: (date) => tr('reasonMissed', { date }),
  /** @param {string} date */
  reasonIncomplete: (date) => tr('reasonIncomplete', { date }),
  /** @param {string} date */
  reasonUnanswered: (date) => tr('reasonUnanswered', { date }),
  /** @param {string} date */
  reasonUnansweredTest: (date) => tr('reasonUnansweredTest', { date }),
  stopHead: tr('stopHead'),
  stopBody: tr('stopBody'),
  pacingLink: tr('pacingLink'),
  contactHead: tr('contactHead'),
  doseNotToday: tr('doseNotToday'),
  doseOnHold: tr('doseOnHold'),
  /** @param {string} dose (the reason is the severe-flare note right below) */
  contactBody: (dose) => tr('contactBody', { dose }),
  /** @param {string} date */
  finished: (date) => [tr('finishedHead'), tr('finishedBody', { date })],
  /** @param {string} next */
  tomorrowUp: (next) => tr('tomorrowUp', { next }),
  /** @param {string} next */
  tomorrowSame: (next) => tr('tomorrowSame', { next }),
  /** @param {string} next */
  tomorrowBack: (next) => tr('tomorrowBack', { next }),
  /** @param {string} name @param {string} dose */
  tomorrowNext: (name, dose) => tr('tomorrowNext', { name, dose }),
  /** @param {string} name @param {string} dose */
  tomorrowPrevious: (name, dose) => tr('tomorrowPrevious', { name, dose }),
  tomorrowFinished: tr('tomorrowFinished'),
  /** @param {string} next */
  tomorrowContact: (next) => tr('tomorrowContact', { next }),
  doneToday: tr('doneToday'),
  daysMaxHead: tr('daysMaxHead'),
  /** @param {string} name @param {number} days @param {number} min @param {number} max */
  daysMaxBody: (name, days, min, max) => tr('daysMaxBody', { name, days: plural(days, 'day'), min, max }),
  noProgressHead: tr('noProgressHead'),
  /** @param {number} days */
  noProgressBody: (days) => tr('noProgressBody', { days }),
  stepBacksHead: tr('stepBacksHead'),
  /** @param {number} n @param {number} days */
  stepBacksBody: (n, days) => tr('stepBacksBody', { n: plural(n, 'day'), days }),
  severeHead: tr('severeHead'),
  /** @param {number} rise */
  severeBody: (rise) => tr('severeBody', { rise }),
  /** @param {string} text */
  outOfHours: (text) => tr('outOfHours', { text }),
  outOfHoursDefault: tr('outOfHoursDefault'),
  baselineAlertHead: tr('baselineAlertHead'),
  /** @param {number} usual @param {number} max */
  baselineAlertBody: (usual, max) => tr('baselineAlertBody', { usual, max }),
  usualAgainHeading: tr('usualAgainHeading'),
  usualAgainIntro: tr('usualAgainIntro'),
  usualAgainLabel: tr('usualAgainLabel'),
  usualAgainSave: tr('usualAgainSave'),
  /** @param {number} n */
  usualAgainSaved: (n) => tr('usualAgainSaved', { n }),
  pendingHeading: tr('pendingHeading'),
  /** @param {string} what @param {string} date */
  pendingWhat: (what, date) => tr('pendingWhat', { what, date }),
  /** @param {number} n */
  pendingSession: (n) => tr('pendingSession', { n }),
  pendingTest: tr('pendingTest'),
  /** @param {number} n */
  pendingMore: (n) => tr('pendingMore', { n }),
  pendingSave: tr('pendingSave'),
  pendingError: tr('pendingError'),
  pendingSaved: tr('pendingSaved'),
  beforeStart: tr('beforeStart'),
  /** @param {string} date */
  today: (date) => tr('today', { date }),
  /** @param {string} date */
  todayClock: (date) => tr('todayClock', { date }),
  /** @param {number} n */
  dayOfPlan: (n) => tr('dayOfPlan', { n }),
  /** @param {string} name */
  howTo: (name) => tr('howTo', { name }),
  /** @param {string} name */
  video: (name) => tr('video', { name }),
  /** @param {number} n @param {number} of */
  exerciseOf: (n, of) => tr('exerciseOf', { n, of }),
  /** @param {number} day @param {number} min @param {number} max */
  dayOnExercise: (day, min, max) => tr('dayOnExercise', { day, min, max }),
  /** @param {string} dose @param {string} times */
  doseLine: (dose, times) => tr('doseLine', { dose, times }),
  todaysSessions: tr('todaysSessions'),
  notLoggedYet: tr('notLoggedYet'),
  /** @param {number | null} reps @param {number} rise @param {boolean | null} stayed */
  sessionDetail: (reps, rise, stayed) => (reps !== null ? tr('sessionReps', { reps }) : '') + tr('sessionPainUp', { rise }) +
    (stayed ? tr('sessionStayedUp') : ''),
  sessionDone: tr('sessionDone'),
  sessionFewer: tr('sessionFewer'),
  sessionNotDone: tr('sessionNotDone'),
  sessionWaiting: tr('sessionWaiting'),
  sessionSkip: tr('sessionSkip'),
  overRules: tr('overRules'),
  /** @param {number} n @param {number} of @param {string} text */
  sessionLine: (n, of, text) => tr('sessionLine', { n, of, text }),
  repsHintBase: tr('repsHintBase'),
  /** @param {string} dose */
  repsHintToday: (dose) => tr('repsHintToday', { dose }),
  /** @param {string} date @param {string} dose */
  repsHintOn: (date, dose) => tr('repsHintOn', { date, dose }),
  /** @param {number} n @param {number} of */
  sessionOption: (n, of) => tr('sessionOption', { n, of }),
  whichSession: tr('whichSession'),
  logDate: tr('logDate'),
  didSession: tr('didSession'),
  repsLabel: tr('repsLabel'),
  riseLabel: tr('riseLabel'),
  /** @param {number} max */
  riseHint: (max) => tr('riseHint', { max }),
  stayedLater: tr('stayedLater'),
  stayedHint: tr('stayedHint'),
  logDoneError: tr('logDoneError'),
  logRiseError: tr('logRiseError'),
  logStayedError: tr('logStayedError'),
  saveSession: tr('saveSession'),
  logHeading: tr('logHeading'),
  logReplaceHint: tr('logReplaceHint'),
  /** @param {number} n @param {string} day */
  logReplacePain: (n, day) => tr('logReplacePain', { n, day }),
  logReplaceKeep: tr('logReplaceKeep'),
  logReplaceYes: tr('logReplaceYes'),
  logReplaceKept: tr('logReplaceKept'),
  logDateError: tr('logDateError'),
  /** @param {string} date */
  logBeforeStart: (date) => tr('logBeforeStart', { date }),
  logFuture: tr('logFuture'),
  /** @param {number} max */
  logRepsWhole: (max) => tr('logRepsWhole', { max }),
  logRepsMissing: tr('logRepsMissing'),
  /** @param {number} n @param {string} day */
  savedSession: (n, day) => tr('savedSession', { n, day }),
  todayWord: tr('todayWord'),
  milestones: tr('milestones'),
  milestonesIntro: tr('milestonesIntro'),
  milestonesNotToday: tr('milestonesNotToday'),
  milestonesNotBeforeClinic: tr('milestonesNotBeforeClinic'),
  unlocked: tr('unlocked'),
  /** @param {number} reps @param {string} name @param {string} date */
  unlockedLine: (reps, name, date) => tr('unlockedLine', { reps, name, date }),
  /** @param {string} unlocks */
  readMore: (unlocks) => tr('readMore', { unlocks: unlocks.replace(/\.$/, '') }),
  notYet: tr('notYet'),
  /** @param {number} reps @param {string} name @param {number} max */
  notYetLine: (reps, name, max) => tr('notYetLine', { reps, name, max }),
  /** @param {string} unlocks */
  unlocks: (unlocks) => tr('unlocks', { unlocks }),
  testExercise: tr('testExercise'),
  testReps: tr('testReps'),
  testRise: tr('testRise'),
  testRiseError: tr('testRiseError'),
  testStayedError: tr('testStayedError'),
  /** @param {string} name */
  notReached: (name) => tr('notReached', { name }),
  noTestYet: tr('noTestYet'),
  saveTest: tr('saveTest'),
  logTest: tr('logTest'),
  /** @param {number} max */
  testRepsError: (max) => tr('testRepsError', { max }),
  savedTest: tr('savedTest'),
  /** @param {string} what */
  milestoneUnlocked: (what) => tr('milestoneUnlocked', { what }),
  noNewMilestone: tr('noNewMilestone'),
  outcome: {
    tolerated: tr('outcome_tolerated'),
    pain: tr('outcome_pain'),
    incomplete: tr('outcome_incomplete'),
    missed: tr('outcome_missed'),
    today: tr('outcome_today')
  },
  historyCaption: tr('historyCaption'),
  historyWaitingResult: tr('historyWaitingResult'),
  history: tr('history'),
  data: tr('data'),
  dataIntro: tr('dataIntro'),
  download: tr('download'),
  importLabel: tr('importLabel'),
  importHint: tr('importHint'),
  deleteButton: tr('deleteButton'),
  /** @param {number} n */
  confirmDelete: (n) => tr('confirmDelete', { n: plural(n, 'loggedSession') }),
  confirmDeleteYes: tr('confirmDeleteYes'),
  /** @param {number} now @param {number} file @param {string} started */
  confirmReplace: (now, file, started) => tr('confirmReplace', { now: plural(now, 'loggedSession'), file: plural(file, 'loggedSession'), started }),
  confirmReplaceYes: tr('confirmReplaceYes'),
  cancel: tr('cancel'),
  nothingDeleted: tr('nothingDeleted'),
  nothingImported: tr('nothingImported'),
  deleted: tr('deleted'),
  notDeleted: tr('notDeleted'),
  /** @param {string} started @param {number} n */
  imported: (started, n) => tr('imported', { started, n: plural(n, 'loggedSession') }),
  /** Entries dated after this device's today, kept. @param {number} n @param {string} date the latest */
  aheadKept: (n, date) => tr('aheadKept', { n: plural(n, 'entryAhead'), date }),
  aheadFix: tr('aheadFix'),
  /** @param {string} name */
  exported: (name) => tr('exported', { name }),
  /** @param {string} msg */
  importFailed: (msg) => tr('importFailed', { msg }),
  importTooBig: tr('importTooBig'),
  importUnreadable: tr('importUnreadable'),
  importNotJson: tr('importNotJson'),
  checkBeforeReplace: tr('checkBeforeReplace'),
  gateHead: tr('gateHead'),
  /** @param {number} usual @param {number} max */
  gateBody: (usual, max) => tr('gateBody', { usual, max }),
  gateConfirm: tr('gateConfirm'),
  gateError: tr('gateError'),
  /** @param {number} n */
  historySessionLabel: (n) => tr('historySessionLabel', { n }),
  historyNotLogged: tr('historyNotLogged'),
  historyWaiting: tr('historyWaiting'),
  /** @param {number} reps @param {string} name @param {number} rise */
  historyTest: (reps, name, rise) => tr('historyTest', { reps, name, rise }),
  historyResultLabel: tr('historyResultLabel')
};

/** The column names of the CSV download, in order (record.js writes the rows). */
export const CSV_HEAD = Object.freeze(['date', 'kind', 'session', 'exercise', 'sets', 'doseReps', 'done', 'repsManaged',
  'painRise', 'painStayedUp', 'dayCountedAs', 'note'].map((k) => tr('csvCol_' + k)));

/** The words inside the CSV's cells (its column names are CSV_HEAD). */
export const CSV_WORDS = {
  yes: tr('csv_yes'),
  no: tr('csv_no'),
  notAnswered: tr('csv_notAnswered'),
  session: tr('csv_session'),
  test: tr('csv_test'),
  spoke: tr('csv_spoke')
};

/** The words of the reminder calendar file. */
export const ICS_TEXT = {
  /** @param {string} title */
  calendarName: (title) => tr('ics_calendarName', { title }),
  /** @param {string} title @param {number} n @param {number} of */
  summary: (title, n, of) => (of > 1 ? tr('ics_summarySession', { title, n, of }) : tr('ics_summary', { title })),
  /** @param {string} url */
  description: (url) => tr('ics_description', { url })
};

/**
 * What the planner's advice for the next day was, as the summary and the history name it
 * (the engine's `change` of a day).
 */
export const CHANGE_WORD = {
  move_up: tr('change_move_up'),
  next_exercise: tr('change_next_exercise'),
  previous_exercise: tr('change_previous_exercise'),
  same_dose: tr('change_same_dose'),
  step_back: tr('change_step_back'),
  finished: tr('change_finished')
};

/** The words of the record: chart, notes, keeping the data, offline, reminders, summary. */
export const R = {
  noteLabel: tr('rec_noteLabel'),
  /** @param {number} max */
  noteHint: (max) => tr('rec_noteHint', { max }),
  /** @param {number} max */
  noteError: (max) => tr('rec_noteError', { max }),
  /** @param {string} note */
  historyNote: (note) => tr('rec_historyNote', { note }),
  /** @param {number} days */
  historyAll: (days) => tr('rec_historyAll', { days }),
  chartHeading: tr('rec_chartHeading'),
  /** @param {number} days @param {number} max */
  chartTitle: (days, max) => tr('rec_chartTitle', { days: plural(days, 'day'), max }),
  /** The letter on the chart that marks a day the pain stayed up (the caption says so). */
  chartStayedMark: tr('rec_chartStayedMark'),
  chartDose: tr('rec_chartDose'),
  chartPain: tr('rec_chartPain'),
  /** @param {number} days */
  chartCaption: (days) => tr('rec_chartCaption', { days: plural(days, 'day') }),
  keepHeading: tr('rec_keepHeading'),
  persisted: tr('rec_persisted'),
  notPersisted: tr('rec_notPersisted'),
  neverDownloaded: tr('rec_neverDownloaded'),
  /** @param {string} date */
  lastDownloaded: (date) => tr('rec_lastDownloaded', { date }),
  /** @param {number} days */
  downloadReminder: (days) => tr('rec_downloadReminder', { days }),
  iosAdvice: tr('rec_iosAdvice'),
  iosImport: tr('rec_iosImport'),
  downloadCsv: tr('rec_downloadCsv'),
  /** @param {string} name */
  exportedCsv: (name) => tr('rec_exportedCsv', { name }),
  summaryLink: tr('rec_summaryLink'),
  offlineReady: tr('rec_offlineReady'),
  offlineNo: tr('rec_offlineNo'),
  remindHeading: tr('rec_remindHeading'),
  /** @param {string[]} times @param {string} until */
  remindIntro: (times, until) => tr('rec_remindIntro', { times: listWords(times), until }),
  remindButton: tr('rec_remindButton'),
  /** @param {string} name */
  remindSaved: (name) => tr('rec_remindSaved', { name }),
  summaryNoPlan: tr('rec_summaryNoPlan'),
  summaryBack: tr('rec_summaryBack'),
  summaryPrint: tr('rec_summaryPrint'),
  summaryIntro: tr('rec_summaryIntro'),
  sumStarted: tr('rec_sumStarted'),
  sumUsualStart: tr('rec_sumUsualStart'),
  sumUsualNow: tr('rec_sumUsualNow'),
  sumToday: tr('rec_sumToday'),
  sumDoseNow: tr('rec_sumDoseNow'),
  sumSessions: tr('rec_sumSessions'),
  sumPainDays: tr('rec_sumPainDays'),
  /** @param {number} days */
  sumRecent: (days) => tr('rec_sumRecent', { days }),
  sumWeeks: tr('rec_sumWeeks'),
  sumMonths: tr('rec_sumMonths'),
  sumMilestones: tr('rec_sumMilestones'),
  sumNoMilestones: tr('rec_sumNoMilestones'),
  sumSpoke: tr('rec_sumSpoke'),
  /** @type {string[]} */
  sumDayCols: ['date', 'dose', 'sessions', 'painUp', 'stayedUp', 'countedAs', 'next', 'notes'].map((k) => tr('rec_sumDayCol_' + k)),
  /** @type {string[]} */
  sumPeriodCols: ['dates', 'doses', 'sessions', 'painDays', 'highest'].map((k) => tr('rec_sumPeriodCol_' + k)),
  /** @param {number} done @param {number} of */
  doneOf: (done, of) => tr('rec_doneOf', { done, of }),
  yes: tr('rec_yes'),
  no: tr('rec_no'),
  none: tr('rec_none')
};

/**
 * "a", "a and b", "a, b and c" (the table's `listComma` and `listAnd`).
 * @param {string[]} xs
 */
export function listWords(xs) {
  return xs.length < 2 ? xs.join('') : tr('listAnd', { first: xs.slice(0, -1).join(tr('listComma')), last: xs[xs.length - 1] });
}
