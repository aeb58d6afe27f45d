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
  clinic: '"clinic" is missing'
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
  stayedUp: '"pain_stayed_up" must be true or false.',
  exercise: 'the exercise is missing.'
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
  baselineHead: 'This plan is meant for milder pain.',
  /** @param {number} usual @param {number} max */
  baselineBody: (usual, max) => ' Your usual pain is ' + usual + ' out of 10. The plan is for usual pain below ' + max +
    ' out of 10. Please talk to the clinic before you rely on it. You can still use the planner.',
  started: 'Your plan has started. ',
  notSavedStart: 'It could not be saved in this browser. ',

  // Advice: [headline, detail].
  /** @param {string} date @param {string} dose */
  notStarted: (date, dose) => ['Your plan starts on ' + date + '.', 'Your first dose will be ' + dose + '.'],
  /** @param {string} dose */
  start: (dose) => ['Day 1: start at ' + dose + '.', 'Log each session after you do it.'],
  /** @param {string} dose */
  progress: (dose) => ['Move up: today is ' + dose + '.', 'Your last day stayed within the pain rules.'],
  /** @param {string} dose @param {string} date @param {boolean} same */
  hold: (dose, date, same) => ['Hold: today is ' + dose + '.',
    'Your pain went over the pain rules on ' + date + ', so today you ' +
    (same ? 'do the same dose again.' : 'go back to the last dose that felt OK.')],
  /** @param {string} dose @param {boolean} atStart */
  stepBack: (dose, atStart) => ['Step back: today is ' + dose + '.',
    atStart
      ? 'Your pain went over the pain rules again, so today you stay at the starting dose.'
      : 'Your pain went over the pain rules again, so today you go one step down.'],
  /** @param {string} name @param {string} dose @param {string} previous */
  nextStage: (name, dose, previous) => ['New exercise: ' + name + ', at ' + dose + '.',
    'You mastered ' + previous + '. Well done.'],
  /** @param {string} dose @param {string} date @param {boolean} missed */
  repeat: (dose, date, missed) => ['Same dose today: ' + dose + '.',
    missed
      ? 'Nothing was logged for ' + date + ', so the dose stays the same.'
      : 'Not every session on ' + date + ' was logged as done, so the dose stays the same.'],
  /** @param {string} date */
  finished: (date) => ['You have finished the whole ladder. Well done!',
    'You mastered the last exercise on ' + date + '. You can still log test sets for ' +
    'the milestones below. Ask the clinic if you are not sure what to do next.'],

  // Alerts.
  daysMaxHead: 'This step is taking longer than expected.',
  /** @param {string} name @param {number} days @param {number} min @param {number} max */
  daysMaxBody: (name, days, min, max) => ' You have been on ' + name + ' for ' + plural(days, 'day', 'days') +
    '. Most people master it in ' + min + ' to ' + max + ' days. Please contact the clinic for advice.',
  noProgressHead: 'No progress for 2 weeks.',
  /** @param {number} days */
  noProgressBody: (days) => ' Your dose has not gone higher for ' + days + ' days. A consultation can help you find out why.',
  stepBacksHead: 'Your plan keeps stepping back.',
  /** @param {number} n @param {number} days */
  stepBacksBody: (n, days) => ' It stepped back ' + plural(n, 'time', 'times') + ' in the last ' + days +
    ' days. A consultation can help.',

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
  /** @param {number | null} reps @param {number} rise @param {boolean} stayed */
  sessionDetail: (reps, rise, stayed) => (reps !== null ? reps + ' reps, ' : '') + 'pain up ' + rise +
    (stayed ? ', pain stayed up' : ''),
  sessionDone: 'done',
  sessionFewer: 'done, fewer reps than the dose',
  sessionNotDone: 'not done',
  overRules: ': over the pain rules',
  /** @param {number} n @param {number} of @param {string} text */
  sessionLine: (n, of, text) => ' Session ' + n + ' of ' + of + ': ' + text,
  finishedTomorrow: 'you will have finished the ladder',
  /** @param {boolean} stepBack @param {string} next */
  painTomorrow: (stepBack, next) => 'Your pain went over the pain rules today, so tomorrow you ' +
    (stepBack ? 'step back' : 'hold') + '. Tomorrow: ' + next + '.',
  /** @param {string} next */
  doneTomorrow: (next) => 'All done for today. Tomorrow: ' + next + '.',

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
  stayedHint: 'If it is too soon to tell, answer No now, and log this session again later if it changes.',
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
  savedOverRules: ' That was over the pain rules.',

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
  historyDate: 'Date',
  historyDose: 'Exercise and dose',
  historyOneSession: 'Reps, pain up',
  /** @param {number} n */
  historySession: (n) => 'Session ' + n + ': reps, pain up',
  historyResult: 'Result',
  historyNone: '\u2013',
  /** @param {boolean} done @param {number | null} reps @param {number} rise @param {boolean} stayed */
  historyCell: (done, reps, rise, stayed) => (done ? (reps === null ? 'done' : reps + ' reps') : 'not done') +
    ', +' + rise + (stayed ? ', stayed up' : ''),
  historyCaption: 'Your days, newest first. "Pain up" is how much your pain went up during a session.',
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
  sessionsCount: (n) => plural(n, 'logged session', 'logged sessions'),
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
  checkBeforeReplace: 'Check before you replace your plan.'
};
