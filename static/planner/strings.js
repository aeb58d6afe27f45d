// @ts-check
/**
 * Every word the planner shows a patient, in one place, so it can be reviewed (and one
 * day translated) without reading the code. Plain strings, or functions of the numbers
 * and names they include. Dates arrive already written out (the view formats them in
 * the page's language). No DOM, no rules: the view decides where each text goes, the
 * engine decides what happens.
 * @module
 */

/**
 * "1 set", "2 sets".
 * @param {number} n
 * @param {string} one
 * @param {string} many
 */
export function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

/**
 * "2 sets of 9 reps, holding each rep for 30 seconds".
 * @param {number} sets
 * @param {number} reps
 * @param {number | null} [hold]
 */
export function doseText(sets, reps, hold) {
  let t = plural(sets, 'set', 'sets') + ' of ' + plural(reps, 'rep', 'reps');
  if (hold) t += ', holding each rep for ' + plural(hold, 'second', 'seconds');
  return t;
}

/**
 * "2 x 9".
 * @param {number} sets
 * @param {number} reps
 */
export function shortDose(sets, reps) {
  return sets + ' x ' + reps;
}

/**
 * "once a day", "twice a day", "3 times a day".
 * @param {number} n
 */
export function timesPerDay(n) {
  return n === 1 ? 'once a day' : n === 2 ? 'twice a day' : n + ' times a day';
}

/** Problems with the ladder data embedded in the page (for clinic staff). */
export const LADDER_PROBLEM = {
  notObject: 'the ladder data is not an object',
  notJson: 'the ladder data is not valid JSON',
  id: 'missing "id"',
  /** @param {{ min: number, max: number }} r */
  timesPerDay: (r) => `"times_per_day" must be ${r.min} to ${r.max}`,
  pain: '"pain" is incomplete or past its limits',
  noStages: '"stages" is empty',
  /** @param {number} max */
  tooManyStages: (max) => `more than ${max} stages`,
  /** @param {number} n */
  stage: (n) => 'stage ' + n + ' is incomplete or past its limits',
  milestones: '"milestones" is missing or incomplete',
  clinic: '"clinic" is missing',
  pacing: '"pacing" is not an address'
};

/** Why a stored plan or an imported file cannot be read. */
export const IMPORT_ERROR = {
  notData: 'The file does not contain planner data.',
  /** @param {string} format */
  notPlanner: (format) => 'This is not a sinew planner file (it has no "format": "' + format + '").',
  /** @param {unknown} got @param {number} want */
  version: (got, want) => 'This planner file has version ' + JSON.stringify(got) + '; this page reads version ' + want + '.',
  /** @param {string} got @param {string} want */
  otherLadder: (got, want) => 'This file is for the plan "' + got + '", not for this plan ("' + want +
    '"). Open the matching planner page to import it.',
  startDate: 'The start date is missing or not a real date (expected YYYY-MM-DD).',
  usualPain: 'The usual pain must be a whole number from 0 to 10.',
  noSessions: 'The list of sessions is missing.',
  noTests: 'The list of test sets is missing.',
  noUsualLog: 'The list of usual pain answers is missing.',
  tooManyUsual: 'The file has too many usual pain answers.',
  /** @param {number} n */
  usualWhere: (n) => 'Usual pain answer ' + n + ': ',
  usualPainEntry: 'the usual pain must be a whole number from 0 to 10.',
  doneWithoutReps: 'it is marked as done but has no reps. Add the reps, or mark it as not done.',
  tooManySessions: 'The file has too many sessions.',
  tooManyTests: 'The file has too many test sets.',
  /** @param {number} n */
  sessionWhere: (n) => 'Session entry ' + n + ': ',
  /** @param {number} n */
  testWhere: (n) => 'Test set ' + n + ': ',
  notEntry: 'is not an entry.',
  entryDate: 'the date is not a real date.',
  /** @param {number} tpd */
  sessionNumber: (tpd) => 'the session number must be 1 to ' + tpd + '.',
  done: '"done" must be true or false.',
  /** @param {number} max */
  reps: (max) => 'reps must be a whole number from 0 to ' + max + '.',
  /** @param {number} max */
  testReps: (max) => 'reps must be a whole number from 0 to ' + max + '.',
  painRise: 'the pain rise must be a whole number from 0 to 10.',
  stayedUp: '"pain_stayed_up" must be true, false, or null (not answered yet).',
  exercise: 'the exercise is missing.',
  /** @param {number} max */
  note: (max) => 'the note must be text of at most ' + max + ' characters on one line.'
};

/**
 * The planner's rules in the words every place uses: the planner page's static text,
 * the printed log sheet (templates/) and docs/planner.md say exactly these sentences
 * (tests/js/wording.test.js checks it). "Dose" is sets x reps; "step back" is only ever
 * used when the dose goes down, "move up" only when it goes up.
 */
export const RULES = {
  up: 'If every session of a day is done and stays within the pain rules, move up to the next dose the next day.',
  stop: 'If a session goes over the pain rules, stop the exercises for the rest of that day.',
  next: 'The next day, go back to the last dose that stayed within the pain rules. ' +
    'If it happens two days running, step back one more dose (never below the first dose of that exercise).',
  same: 'If you miss a day or do not finish every session, do the same dose again the next day.',
  severe: 'If your pain goes up a lot, or stays up after exercise two days running, contact the clinic.'
};

/** The words of the planner page. */
export const T = {
  // Loading and saving.
  /** @param {string} problem */
  cannotLoad: (problem) => 'The interactive planner could not load this plan (' + problem +
    '). The schedule and log sheet below still work.',
  noStorage: 'This browser is not letting the planner save. Your entries will be lost when you close ' +
    'the page. Use "Download my data" to keep a copy.',
  damaged: 'The saved plan in this browser is damaged and cannot be read.',
  /** @param {string} why */
  unreadable: (why) => 'The saved plan in this browser cannot be read: ' + why,
  recover: 'You can import a planner file you downloaded before, or delete the saved data and start again.',
  changedElsewhere: 'Your plan was changed in another window.',
  notSavedShort: ' It could not be saved in this browser.',
  notSavedDownload: ' It could not be saved in this browser: download your data to keep it.',

  // Contact.
  clinicFallback: 'the clinic',
  book: 'Book a consultation',
  /** @param {string} name */
  call: (name) => 'Call ' + name + ' on ',
  /** @param {string} name */
  contact: (name) => 'Contact ' + name + '.',

  // Pain questions.
  chooseNumber: 'Choose a number',
  /** @param {number} i */
  painOption: (i) => String(i) + (i === 0 ? ' (none)' : i === 10 ? ' (worst)' : ''),
  yes: ' Yes',
  no: ' No',
  /** @param {number} rise @param {number} minutes */
  stayedUpQuestion: (rise, minutes) => 'Afterwards, did your pain stay more than ' + rise + ' points above usual for more than ' +
    plural(minutes, 'minute', 'minutes') + '?',

  // Start.
  startHeading: 'Start your plan',
  /** @param {string} times */
  startIntro: (times) => 'The planner turns this ladder into a plan for each day: ' + times +
    ', moving up one step at a time while your pain stays within the pain rules. ' +
    'What you enter stays in this browser on this device. Nothing is sent to the clinic or anywhere else.',
  startDate: 'Start date',
  usualPain: 'Your usual pain, on average',
  usualPainHint: '0 means no pain, 10 means the worst pain you can imagine.',
  startButton: 'Start my plan',
  /** @param {string} example */
  startDateError: (example) => 'Enter the date you start, for example ' + example + '.',
  usualPainError: 'Choose your usual pain, from 0 to 10.',
  started: 'Your plan has started. ',
  notSavedStart: 'It could not be saved in this browser. ',

  // Advice: [headline, detail].
  /** @param {string} date @param {string} dose */
  notStarted: (date, dose) => ['Your plan starts on ' + date + '.', 'Your first dose will be ' + dose + '.'],
  /** @param {string} dose */
  start: (dose) => ['Day 1: start at ' + dose + '.', 'Log each session after you do it.'],
  /** @param {string} dose */
  moveUp: (dose) => 'Move up: today is ' + dose + '.',
  /** @param {string} dose */
  sameDose: (dose) => 'Same dose today: ' + dose + '.',
  /** @param {string} dose */
  stepBack: (dose) => 'Step back: today is ' + dose + '.',
  /** @param {string} name @param {string} dose */
  nextExercise: (name, dose) => 'New exercise: ' + name + ', at ' + dose + '.',
  /** @param {string} previous */
  mastered: (previous) => 'You mastered ' + previous + '. Well done.',
  reasonTolerated: 'Your last day stayed within the pain rules.',
  reasonToleratedSame: 'Your last day stayed within the pain rules. At this point of the step the dose stays the same.',
  /** @param {string} date */
  reasonPainBack: (date) => 'Your pain went over the pain rules on ' + date + ', so today you go back to the last dose that stayed within them.',
  /** @param {string} date */
  reasonPainAgain: (date) => 'Your pain went over the pain rules on ' + date + ' again, so today you step back one more dose.',
  /** @param {string} date */
  reasonPainSame: (date) => 'Your pain went over the pain rules on ' + date + ', so the dose does not go up today.',
  /** @param {string} date */
  reasonMissed: (date) => 'Nothing was logged for ' + date + ', so the dose stays the same.',
  /** @param {string} date */
  reasonIncomplete: (date) => 'Not every session on ' + date + ' was done at the dose, so the dose stays the same.',
  /** @param {string} date */
  reasonUnanswered: (date) => 'You have not said yet whether your pain settled after a session on ' + date +
    ', so the dose stays the same. Answer the question above.',
  stopHead: 'Stop your exercises for today.',
  stopBody: 'A session today went over the pain rules. Do not do the rest of today\u2019s sessions. Rest, and keep the rest of your day gentle.',
  pacingLink: 'Read about pacing: balancing activity and rest',
  /** @param {string} date */
  finished: (date) => ['You have finished the whole ladder. Well done!',
    'You mastered the last exercise on ' + date + '. You can still log test sets for ' +
    'the milestones below. Ask the clinic if you are not sure what to do next.'],
  /** @param {string} next */
  tomorrowUp: (next) => 'Tomorrow: move up to ' + next + '.',
  /** @param {string} next */
  tomorrowSame: (next) => 'Tomorrow: the same dose, ' + next + '.',
  /** @param {string} next */
  tomorrowBack: (next) => 'Tomorrow: step back to ' + next + '.',
  /** @param {string} name @param {string} dose */
  tomorrowNext: (name, dose) => 'Tomorrow: a new exercise, ' + name + ', at ' + dose + '.',
  tomorrowFinished: 'Tomorrow: you will have finished the ladder.',
  doneToday: 'All done for today.',

  // Alerts.
  daysMaxHead: 'This step is taking longer than expected.',
  /** @param {string} name @param {number} days @param {number} min @param {number} max */
  daysMaxBody: (name, days, min, max) => ' You have been on ' + name + ' for ' + plural(days, 'day', 'days') +
    '. Most people master it in ' + min + ' to ' + max + ' days. Please contact the clinic for advice.',
  noProgressHead: 'No progress for 2 weeks.',
  /** @param {number} days */
  noProgressBody: (days) => ' Your dose today is no higher than ' + days + ' days ago. The clinic suggests a consultation when there is no progress for 2 weeks.',
  stepBacksHead: 'Your pain often goes over the pain rules.',
  /** @param {number} n @param {number} days */
  stepBacksBody: (n, days) => ' In the last ' + days + ' days it went over the pain rules on ' + plural(n, 'day', 'days') +
    ', sometimes two days running. If the plan feels hard to follow, a consultation can help.',
  severeHead: 'Your pain flared up badly. Please contact the clinic today.',
  /** @param {number} rise */
  severeBody: (rise) => ' This is because your pain went up by ' + rise + ' or more, or stayed up after exercise two days running. ' +
    'Do not do any more exercises from this plan until you have spoken to the clinic.',
  /** @param {string} text */
  outOfHours: (text) => 'When the clinic is closed: ' + text,
  outOfHoursDefault: 'When the clinic is closed and you are worried, get urgent medical advice.',
  baselineAlertHead: 'The clinic recommends a consultation.',
  /** @param {number} usual @param {number} max */
  baselineAlertBody: (usual, max) => ' Your usual pain is ' + usual + ' out of 10. This plan is for usual pain below ' + max +
    ' out of 10. Please book a consultation.',

  // Usual pain, asked again each week.
  usualAgainHeading: 'Your usual pain this week',
  usualAgainIntro: 'Once a week the planner asks about your usual pain, on average, when you are not exercising.',
  usualAgainLabel: 'Your usual pain now, on average',
  usualAgainSave: 'Save my usual pain',
  /** @param {number} n */
  usualAgainSaved: (n) => 'Saved: your usual pain is ' + n + ' out of 10.',

  // Open "pain stayed up" answers.
  pendingHeading: 'A question about your pain',
  /** @param {string} what @param {string} date */
  pendingWhat: (what, date) => what + ' on ' + date + '.',
  /** @param {number} n */
  pendingSession: (n) => 'Session ' + n,
  pendingTest: 'Your test set',
  /** @param {number} n */
  pendingMore: (n) => plural(n, 'more question waits', 'more questions wait') + ' after this one.',
  pendingSave: 'Save answer',
  pendingError: 'Choose Yes or No.',
  pendingSaved: 'Saved your answer.',

  // Today.
  beforeStart: 'Before you start',
  /** @param {string} date */
  today: (date) => 'Today, ' + date,
  /** @param {number} n */
  dayOfPlan: (n) => 'Day ' + n + ' of your plan.',
  /** @param {string} name */
  howTo: (name) => 'How to do ' + name,
  /** @param {string} name */
  video: (name) => 'Watch the video of ' + name,
  /** @param {number} n @param {number} of */
  exerciseOf: (n, of) => 'Exercise ' + n + ' of ' + of,
  /** @param {number} day @param {number} min @param {number} max */
  dayOnExercise: (day, min, max) => ', day ' + day + ' on this exercise (usually ' + min + ' to ' + max + ' days)',
  /** @param {string} dose @param {string} times */
  doseLine: (dose, times) => '(' + dose + '), ' + times + '.',
  todaysSessions: "Today's sessions",
  notLoggedYet: 'not logged yet',
  /** @param {number | null} reps @param {number} rise @param {boolean | null} stayed */
  sessionDetail: (reps, rise, stayed) => (reps !== null ? reps + ' reps, ' : '') + 'pain up ' + rise +
    (stayed ? ', pain stayed up' : ''),
  sessionDone: 'done',
  sessionFewer: 'done, fewer reps than the dose',
  sessionNotDone: 'not done',
  sessionWaiting: 'done, waiting for your answer about pain afterwards',
  sessionSkip: 'not to be done today (your pain went over the pain rules)',
  overRules: ': over the pain rules',
  /** @param {number} n @param {number} of @param {string} text */
  sessionLine: (n, of, text) => ' Session ' + n + ' of ' + of + ': ' + text,

  // Log form.
  repsHintBase: 'If your sets were different, the lowest number.',
  /** @param {string} dose */
  repsHintToday: (dose) => " Today's dose is " + dose + '.',
  /** @param {string} date @param {string} dose */
  repsHintOn: (date, dose) => ' The dose on ' + date + ' was ' + dose + '.',
  /** @param {number} n @param {number} of */
  sessionOption: (n, of) => 'Session ' + n + ' of ' + of,
  whichSession: 'Which session',
  logDate: 'Date of the session',
  didSession: 'Did you do this session?',
  repsLabel: 'Reps you managed in each set',
  riseLabel: 'How much did your pain go up during it?',
  /** @param {number} max */
  riseHint: (max) => '0 means not at all. Going up by more than ' + max + ' is over the pain rules.',
  stayedLater: ' Too soon to tell: ask me later',
  stayedHint: 'If it is too soon to tell, choose "Too soon to tell". The planner asks you again later, and the dose does not go up until you answer.',
  logDoneError: 'Choose Yes or No: did you do this session?',
  logRiseError: 'Choose how much your pain went up, from 0 to 10.',
  logStayedError: 'Choose an answer: did your pain stay up afterwards?',
  saveSession: 'Save session',
  logHeading: 'Log a session',
  logReplaceHint: 'Saving the same date and session again replaces what you saved before.',
  logDateError: 'Enter the date of the session.',
  /** @param {string} date */
  logBeforeStart: (date) => 'The date is before your plan started (' + date + ').',
  logFuture: 'The date is in the future. Log a session after you do it.',
  /** @param {number} max */
  logRepsWhole: (max) => 'Enter a whole number of reps, from 0 to ' + max + '.',
  logRepsMissing: 'Enter the reps you managed in each set.',
  /** @param {number} n @param {string} day */
  savedSession: (n, day) => 'Saved session ' + n + ' for ' + day + '.',
  todayWord: 'today',

  // Milestones.
  milestones: 'Milestones',
  milestonesIntro: 'When you feel ready, try one set of a milestone exercise and log it here. ' +
    'Only do exercises you have been shown how to do.',
  unlocked: 'Unlocked: ',
  /** @param {number} reps @param {string} name @param {string} date */
  unlockedLine: (reps, name, date) => reps + ' ' + name + ' (' + date + ').',
  /** @param {string} unlocks */
  readMore: (unlocks) => 'Read more: ' + unlocks.replace(/\.$/, ''),
  notYet: 'Not yet: ',
  /** @param {number} reps @param {string} name @param {number} max */
  notYetLine: (reps, name, max) => reps + ' ' + name + ' in one set, with your pain going up by ' + max + ' or less.',
  /** @param {string} unlocks */
  unlocks: (unlocks) => 'Unlocks: ' + unlocks,
  testExercise: 'Exercise',
  testReps: 'Reps you managed in one set',
  testRise: 'How much did your pain go up during the test set?',
  testRiseError: 'Choose how much your pain went up, from 0 to 10.',
  testStayedError: 'Choose an answer: did your pain stay up afterwards?',
  /** @param {string} name */
  notReached: (name) => 'You can try this once your plan reaches ' + name + '.',
  noTestYet: 'You can log a test set once your plan reaches a milestone’s exercise.',
  saveTest: 'Save test set',
  logTest: 'Log a test set',
  /** @param {number} max */
  testRepsError: (max) => 'Enter the number of reps you managed, from 0 to ' + max + '.',
  savedTest: 'Saved your test set. ',
  /** @param {string} what */
  milestoneUnlocked: (what) => 'Milestone unlocked: ' + what,
  noNewMilestone: 'No new milestone this time. Keep going with your daily plan.',

  // History.
  outcome: {
    tolerated: 'Within the pain rules',
    pain: 'Over the pain rules',
    incomplete: 'Not all sessions done',
    missed: 'Nothing logged',
    today: 'Today'
  },
  historyCaption: 'Your days, newest first. "Pain up" is how much your pain went up during a session.',
  historyWaitingResult: 'Waiting for your answer',
  history: 'Your history',
  /** @param {number} days */
  chartTitle: (days) => 'Chart of the last ' + plural(days, 'day', 'days') +
    ': reps you managed (bars, upper part) and how much your pain went up (dots, lower part). The table below has the same numbers.',
  chartReps: 'Reps',
  chartPain: 'Pain up (0-10)',
  /** @param {number} days @param {number} max */
  chartCaption: (days, max) => 'Last ' + plural(days, 'day', 'days') + '. Bars: reps you managed (outline: the dose). ' +
    'Dots: how much your pain went up; the line is the pain rule (' + max + ').',

  // Your data.
  data: 'Your data',
  dataIntro: 'Your plan is kept only in this browser on this device. Nothing is sent to the clinic or anywhere else. ' +
    'Clearing your browsing data deletes it, so download a copy now and then. You can show the file to your physiotherapist.',
  download: 'Download my data',
  importLabel: 'Import a planner file',
  importHint: 'A file you downloaded from this page before.',
  deleteButton: 'Delete my data',
  /** @param {number} n */
  confirmDelete: (n) => 'Delete your plan and ' + plural(n, 'logged session', 'logged sessions') +
    ' from this browser? This cannot be undone. Download your data first if you want to keep it.',
  confirmDeleteYes: 'Yes, delete my data',
  /** @param {number} now @param {number} file @param {string} started */
  confirmReplace: (now, file, started) => 'Replace your current plan (' + plural(now, 'logged session', 'logged sessions') +
    ') with the one in the file (' + plural(file, 'logged session', 'logged sessions') + ', started ' + started + ')?',
  confirmReplaceYes: 'Yes, replace my plan',
  cancel: 'Cancel',
  nothingDeleted: 'Nothing was deleted.',
  nothingImported: 'Nothing was imported.',
  deleted: 'Your data was deleted from this browser.',
  notDeleted: 'The data could not be deleted: this browser blocked it.',
  /** @param {string} started @param {number} n */
  imported: (started, n) => 'Imported your plan: started ' + started + ', ' + plural(n, 'logged session', 'logged sessions') + '.',
  /** @param {string} name */
  exported: (name) => 'Your data was saved as a file called ' + name + ' (look in your downloads).',
  /** @param {string} msg */
  importFailed: (msg) => 'That file could not be imported. ' + msg + ' Your plan has not changed.',
  importTooBig: 'It is too big to be a planner file.',
  importUnreadable: 'The file could not be read.',
  importNotJson: 'It is not a planner file (it is not JSON).',
  checkBeforeReplace: 'Check before you replace your plan.',

  // Start: the consultation first.
  gateHead: 'The clinic recommends a consultation before you start this plan.',
  /** @param {number} usual @param {number} max */
  gateBody: (usual, max) => ' Your usual pain is ' + usual + ' out of 10. This plan is for usual pain below ' + max + ' out of 10.',
  gateConfirm: 'I understand the clinic recommends a consultation first. I want to start the plan anyway.',
  gateError: 'Book a consultation first, or tick the box to start the plan anyway.',

  // History.
  /** @param {number} n */
  historySessionLabel: (n) => 'Session ' + n + ': ',
  historyNotLogged: 'not logged',
  historyWaiting: ', pain afterwards not answered yet',
  /** @param {number} reps @param {string} name @param {number} rise */
  historyTest: (reps, name, rise) => 'Test set: ' + reps + ' ' + name + ', pain up ' + rise,
  historyResultLabel: 'Result: '
};

/** The column names of the CSV download, in order (record.js writes the rows). */
export const CSV_HEAD = Object.freeze(['date', 'kind', 'session', 'exercise', 'sets', 'dose reps', 'done', 'reps managed',
  'pain rise', 'pain stayed up', 'day counted as', 'note']);

/** The words inside the CSV's cells (its column names are CSV_HEAD). */
export const CSV_WORDS = {
  yes: 'yes',
  no: 'no',
  notAnswered: 'not answered',
  session: 'session',
  test: 'test set'
};

/** The words of the reminder calendar file. */
export const ICS_TEXT = {
  /** @param {string} title */
  calendarName: (title) => 'Exercises: ' + title,
  /** @param {string} title @param {number} n @param {number} of */
  summary: (title, n, of) => 'Exercises: ' + title + (of > 1 ? ' (session ' + n + ' of ' + of + ')' : ''),
  /** @param {string} url */
  description: (url) => 'Time for your exercises. Open your plan to see today\'s dose, and log the session after you do it: ' + url
};

/**
 * What the planner's advice for the next day was, as the summary and the history name it
 * (the engine's `change` of a day).
 */
export const CHANGE_WORD = {
  move_up: 'Move up',
  next_exercise: 'New exercise',
  same_dose: 'Same dose',
  step_back: 'Step back',
  finished: 'Plan finished'
};

/** The words of the record: chart, notes, keeping the data, offline, reminders, summary. */
export const R = {
  // Session notes.
  noteLabel: 'Note (optional)',
  /** @param {number} max */
  noteHint: (max) => 'A few words for you and your physiotherapist, for example "tight after stairs". At most ' + max + ' characters.',
  /** @param {number} max */
  noteError: (max) => 'Keep the note to ' + max + ' characters or fewer, on one line.',
  /** @param {string} note */
  historyNote: (note) => 'Note: ' + note,
  /** @param {number} days */
  historyAll: (days) => 'Show all ' + days + ' days',

  // The whole-plan chart.
  chartHeading: 'Your progress chart',
  /** @param {number} days @param {number} max */
  chartTitle: (days, max) => 'Chart of all ' + plural(days, 'day', 'days') + ' of your plan: the daily dose (line, upper part), ' +
    'how much your pain went up (dots, lower part; the dashed line is the pain rule, ' + max + '), days your pain stayed up ' +
    '(marked "S"), new exercises (tall lines) and milestones (stars). The history below has the same numbers.',
  chartDose: 'Daily dose (reps a day)',
  chartPain: 'Pain up during (0-10)',
  /** @param {number} days */
  chartCaption: (days) => 'All ' + plural(days, 'day', 'days') + ' of your plan. Upper part: the dose each day (sets x reps x sessions). ' +
    'Lower part: the highest pain rise each day. "S": pain stayed up afterwards. Tall lines: a new exercise. Stars: milestones reached.',

  // Keeping the data.
  keepHeading: 'Keep your plan safe',
  persisted: 'This browser has agreed to keep your plan until you delete it.',
  notPersisted: 'This browser may delete your plan if the device runs short of space, or if you do not use this site for a while. Download a copy now and then.',
  neverDownloaded: 'You have not downloaded a copy of your plan yet.',
  /** @param {string} date */
  lastDownloaded: (date) => 'You last downloaded your data on ' + date + '.',
  /** @param {number} days */
  downloadReminder: (days) => 'It is ' + days + ' days or more since your last copy. Download your data now, so you do not lose your log.',
  iosAdvice: 'On iPhone and iPad, Safari deletes this plan if you do not open this site for 7 days; add this page to your Home Screen (Share, then "Add to Home Screen") to keep it safe.',
  iosImport: 'The Home Screen app keeps its own copy: download your data here first, then open the app and import the file once.',
  downloadCsv: 'Download for a spreadsheet (CSV)',
  /** @param {string} name */
  exportedCsv: (name) => 'Your log was saved as a spreadsheet file called ' + name + ' (look in your downloads).',
  summaryLink: 'My progress: a summary to print or show your physiotherapist',

  // Offline.
  offlineReady: 'This plan now works on this device without an internet connection.',
  offlineNo: 'This browser cannot keep the plan for use without an internet connection.',

  // Reminders.
  remindHeading: 'Reminders in your calendar',
  /** @param {string[]} times @param {string} until */
  remindIntro: (times, until) => 'This page cannot send you reminders, but your calendar can. The file adds a daily reminder at ' +
    listWords(times) + ', from the day your plan started until ' + until + ' (the longest this plan can take). ' +
    'Open the downloaded file to add it to your calendar; you can change the times there.',
  remindButton: 'Add reminders to my calendar',
  /** @param {string} name */
  remindSaved: (name) => 'Your reminders were saved as ' + name + '. Open it to add them to your calendar.',

  // The summary page.
  summaryTitle: 'My progress',
  summaryNoPlan: 'There is no plan saved in this browser for this ladder. Open the plan on the device you use it on.',
  summaryBack: 'Back to my plan',
  summaryPrint: 'Print this summary',
  summaryIntro: 'A summary of your plan to print or show your physiotherapist. It is made in this browser from your own log; nothing is sent anywhere.',
  sumStarted: 'Started',
  sumUsualStart: 'Usual pain at the start',
  sumUsualNow: 'Usual pain, latest answer',
  sumToday: 'Today',
  sumDoseNow: 'Exercise and dose now',
  sumSessions: 'Sessions done',
  sumPainDays: 'Days over the pain rules',
  /** @param {number} days */
  sumRecent: (days) => 'The last ' + days + ' days, day by day',
  sumWeeks: 'Earlier weeks',
  sumMonths: 'Earlier, four weeks a line',
  sumMilestones: 'Milestones reached',
  sumNoMilestones: 'None yet.',
  /** @type {string[]} */
  sumDayCols: ['Date', 'Exercise and dose', 'Sessions done', 'Pain up during', 'Pain stayed up', 'Day counted as', 'Next day', 'Notes'],
  /** @type {string[]} */
  sumPeriodCols: ['Dates', 'Doses', 'Sessions done', 'Days over the pain rules', 'Highest pain up'],
  /** @param {number} done @param {number} of */
  doneOf: (done, of) => done + ' of ' + of,
  yes: 'yes',
  no: 'no',
  none: '-'
};

/**
 * "a", "a and b", "a, b and c".
 * @param {string[]} xs
 */
export function listWords(xs) {
  return xs.length < 2 ? xs.join('') : xs.slice(0, -1).join(', ') + ' and ' + xs[xs.length - 1];
}

/**
 * Day and month names of British English, written out so an `en-GB` page formats its
 * dates without `Intl` (whose first formatter costs tens of milliseconds as the browser
 * loads its locale data). They give exactly what `Intl.DateTimeFormat('en-GB')` gives
 * (tests/js/record.test.js compares every day of a year); other languages use `Intl`.
 */
export const EN_GB_DATES = {
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  weekdaysShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'],
  monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec']
};
