// The planner's engine as it was before its day loop was made cheaper for long plans
// (issue 12's speed target; static/planner/engine.js at commit 61ebe23), written the
// straightforward way. Not used by the page: tests/js/engine-equivalence.test.js checks
// that the page's engine gives exactly the same state as this one, every day, over many
// random logs. A change to a rule is made in both (the test fails until it is).
// @ts-check
/**
 * The planner's rules engine: ladder + stored plan + today's date -> the state of the
 * plan (today's dose, advice, alerts, history, milestones). Pure: no DOM, no storage,
 * no clock. The rules are documented for clinic staff in docs/planner.md; the dose rule
 * must match the build's ideal schedule (src/planner.rs), which the shared vectors in
 * tests/fixtures/planner/vectors.json check on both sides.
 * @module
 */
import { dayNumber, formatDay } from '../../static/planner/dates.js';
import { isInt } from '../../static/planner/ladder.js';

/** @typedef {import('../../static/planner/ladder.js').Ladder} Ladder */
/** @typedef {import('../../static/planner/ladder.js').Stage} Stage */
/** @typedef {import('../../static/planner/ladder.js').Dose} Dose */
/** @typedef {import('../../static/planner/ladder.js').Milestone} Milestone */
/** @typedef {import('../../static/planner/plan.js').Plan} Plan */
/** @typedef {import('../../static/planner/plan.js').SessionEntry} SessionEntry */
/** @typedef {import('../../static/planner/plan.js').TestEntry} TestEntry */
/** @typedef {import('../../static/planner/plan.js').ClinicContact} ClinicContact */

/** Window (in days) for the "no progress" and "pain days" rules. */
export const REVIEW_WINDOW_DAYS = 14;
/** Second-or-later pain days in a run, within REVIEW_WINDOW_DAYS, that suggest a consultation. */
export const STEP_BACKS_FOR_CONSULT = 2;
/** Days after which the planner asks again for the patient's usual pain. */
export const USUAL_PAIN_EVERY_DAYS = 7;
/** A rise at or above this is severe when the ladder sets no `pain.severe_rise`. */
export const DEFAULT_SEVERE_RISE = 5;

/**
 * How a past day went.
 *   tolerated  every session done at the dose, each answered (test sets too), none over the pain rules;
 *   pain       a session or test set broke a pain rule;
 *   incomplete something logged, but not every session done at the dose and answered,
 *              or a test set's "pain stayed up" not answered yet;
 *   missed     nothing logged.
 * @typedef {'tolerated' | 'pain' | 'incomplete' | 'missed'} Outcome
 */

/**
 * How a day's dose compares with the day before, named by what happens to the dose:
 * a higher dose of the same exercise is "move_up", a lower one "step_back", the same
 * one "same_dose"; "next_exercise" starts the next exercise; "previous_exercise" goes back
 * to the exercise before (a pain day on an exercise none of whose doses was tolerated yet);
 * "finished" ends the ladder.
 * @typedef {'move_up' | 'next_exercise' | 'previous_exercise' | 'same_dose' | 'step_back' | 'finished'} Change
 */

/**
 * Today's advice: `stop_today` once a session or test set today broke a pain rule;
 * else `contact_clinic` while a severe flare says to speak to the clinic before
 * exercising again (until the patient says they have); otherwise how today's dose came about.
 * @typedef {Change | 'start' | 'not_started' | 'stop_today' | 'contact_clinic'} Advice
 */

/**
 * baseline: usual pain at or above `pain.baseline_max` (book a consultation);
 * severe: a severe flare not yet followed by "I have spoken to the clinic" (contact the clinic now);
 * days_max: longer on one exercise than `days.max`;
 * no_progress: today's dose no further along than 14 days ago;
 * step_backs: two or more pain days running, twice or more in 14 days.
 * @typedef {'baseline' | 'severe' | 'days_max' | 'no_progress' | 'step_backs'} Alert
 */

/**
 * One day of the plan's history (today included, with outcome "today").
 * @typedef {object} DayRecord
 * @property {string} date
 * @property {number} stage
 * @property {number} level
 * @property {number} sets
 * @property {number} reps
 * @property {number} day_on_stage
 * @property {(SessionEntry | null)[]} sessions one per session of the day
 * @property {TestEntry[]} tests test sets that day
 * @property {Outcome | 'today'} outcome
 * @property {number} unanswered sessions and test sets whose "pain stayed up" answer is still open
 * @property {number} pain_run for a pain day: 1 for the first of a run, 2 for the second ...; else 0
 * @property {Change | null} change what this day did to the next day's dose
 * @property {Held | null} held why a day within the pain rules did not move the dose up
 * @property {boolean} spoke the patient said that day that they had spoken to the clinic
 */

/**
 * Why a tolerated day kept the dose where it was instead of moving it up:
 *   baseline the usual pain that day was at or above `pain.baseline_max`;
 *   clinic   a severe flare before that day was still waiting for the patient to speak
 *            to the clinic;
 *   clock    dated on or after the device's today while an entry is dated after it.
 * @typedef {'baseline' | 'clinic' | 'clock'} Held
 */

/**
 * What one of today's sessions shows:
 *   done     done at the dose, answered, within the pain rules;
 *   fewer    done with fewer reps than the dose;
 *   not_done logged as not done;
 *   pain     over the pain rules;
 *   waiting  done, but "did your pain stay up" is not answered yet;
 *   todo     not logged yet;
 *   skip     not logged, and not to be done today (a pain rule was broken today).
 * @typedef {'done' | 'fewer' | 'not_done' | 'pain' | 'waiting' | 'todo' | 'skip'} SessionStatus
 */

/**
 * One of today's sessions.
 * @typedef {object} TodaySession
 * @property {number} session
 * @property {SessionEntry | null} entry
 * @property {SessionStatus} status
 * @property {boolean} complete done at the dose and answered
 * @property {boolean} pain broke a pain rule
 */

/**
 * A logged session or test set whose "did your pain stay up" question is still open.
 * @typedef {object} Pending
 * @property {'session' | 'test'} kind
 * @property {string} date
 * @property {number} session session number; for a test set, its place among that day's test sets (0, 1, ...)
 * @property {string} exercise exercise id ("" when unknown)
 */

/**
 * @typedef {object} MilestoneState
 * @property {number} index
 * @property {Milestone} milestone
 * @property {boolean} reached the patient has reached its exercise (current or mastered)
 * @property {boolean} unlocked
 * @property {string | null} date the day it was unlocked
 */

/**
 * The state of a plan on one day.
 * @typedef {object} State
 * @property {string} today the day the advice is for (the latest logged date when later than the device's)
 * @property {string} device_today
 * @property {boolean} clock_behind an entry is dated after the device's today
 * @property {string} start_date
 * @property {number} usual_pain the latest usual pain given on or before today
 * @property {string} usual_pain_date the day it was given
 * @property {boolean} usual_pain_due it was given USUAL_PAIN_EVERY_DAYS or more days ago
 * @property {number} day_number day of the plan (1 on the start date)
 * @property {boolean} finished
 * @property {string | null} finished_on
 * @property {Advice} advice
 * @property {Change | 'start' | 'not_started'} change how today's dose came about
 * @property {Outcome | null} reason how the last day went (null before day 2)
 * @property {Held | null} held why the last day, within the pain rules, did not move the dose up
 * @property {number | null} held_usual_pain for `held` "baseline": the usual pain at or above
 *   `pain.baseline_max` that held it (the last day's, else today's answer); else null
 * @property {number} flare_signs severe signs in the log up to today (what "I have spoken
 *   to the clinic" records, see `severeSigns`)
 * @property {string[]} flare_dates their dates, oldest first (recorded with the answer too)
 * @property {number} ahead_entries sessions and test sets dated after today (another device's
 *   clock or time zone): kept, shown as a note, counted from their own date
 * @property {string | null} ahead_last the latest of their dates, or null
 * @property {string | null} flare_date the latest severe sign not yet followed by "I have
 *   spoken to the clinic" (the `severe` alert shows while there is one)
 * @property {number} reason_unanswered open "pain stayed up" answers on the last day
 * @property {boolean} today_stop a session or test set today broke a pain rule
 * @property {Alert[]} alerts most urgent first (severe, baseline, days_max, no_progress, step_backs)
 * @property {number} recent_step_backs second-or-later pain days of a run in the last 14 days
 * @property {number} recent_pain_days pain days in the last 14 days
 * @property {DayRecord[]} days
 * @property {number} stage index (stages.length when finished)
 * @property {number | null} level null when finished
 * @property {number} steps levels of the stage minus one
 * @property {number | null} sets null when finished
 * @property {number | null} reps null when finished
 * @property {number | null} hold_seconds
 * @property {Stage | null} exercise null when finished
 * @property {string | null} stage_start
 * @property {number} day_on_stage
 * @property {number} position
 * @property {number} total_positions
 * @property {TodaySession[]} sessions
 * @property {boolean} today_pain same as today_stop
 * @property {boolean} today_complete every session of today done at the dose and answered
 * @property {Pending[]} pending open "pain stayed up" answers, oldest first
 * @property {MilestoneState[]} milestones
 * @property {number[]} unlocked indices of unlocked milestones
 */

// --- the dose rule (must match the Rust build) ------------------------------------

/**
 * Number of steps L of a stage: days.min - 1 (levels are 0..=L).
 * @param {{ days: { min: number } }} stage
 */
export function stageSteps(stage) {
  return Math.max(0, stage.days.min - 1);
}

/**
 * round-half-up(i * diff / L) with integers only.
 * @param {number} i
 * @param {number} diff
 * @param {number} L
 */
function stepAmount(i, diff, L) {
  return Math.floor((2 * i * diff + L) / (2 * L));
}

/**
 * The dose at `level` (0..=L) of a stage.
 * @param {{ start: Dose, target: Dose, days: { min: number } }} stage
 * @param {number} level
 * @returns {Dose}
 */
export function levelDose(stage, level) {
  const L = stageSteps(stage);
  const { sets: s0, reps: r0 } = stage.start;
  const { sets: s1, reps: r1 } = stage.target;
  if (L === 0) return { sets: s1, reps: r1 };
  const i = Math.max(0, Math.min(L, level));
  return { sets: s0 + stepAmount(i, s1 - s0, L), reps: r0 + stepAmount(i, r1 - r0, L) };
}

/**
 * The ideal schedule: every stage's levels 0..=L in order, one day each.
 * @param {Ladder} ladder
 * @returns {{ day: number, stage: number, sets: number, reps: number }[]}
 */
export function idealSchedule(ladder) {
  /** @type {{ day: number, stage: number, sets: number, reps: number }[]} */
  const out = [];
  let day = 1;
  ladder.stages.forEach((stage, si) => {
    const L = stageSteps(stage);
    for (let i = 0; i <= L; i++) {
      const dose = levelDose(stage, i);
      out.push({ day: day++, stage: si, sets: dose.sets, reps: dose.reps });
    }
  });
  return out;
}

// --- pain rules -------------------------------------------------------------------

/**
 * Does a logged session (or test set) break one of the ladder's pain rules? A session
 * not done breaks none.
 * @param {Ladder} ladder
 * @param {{ done?: boolean, pain_rise?: number, pain_stayed_up?: boolean | null } | null} entry
 */
export function breaksPainRule(ladder, entry) {
  if (!entry || entry.done === false) return false;
  const rise = typeof entry.pain_rise === 'number' ? entry.pain_rise : 0;
  return rise > ladder.pain.max_rise_during || entry.pain_stayed_up === true;
}

/**
 * The ladder's severe rise: a rise at or above it is a severe flare.
 * @param {Ladder} ladder
 */
export function severeRise(ladder) {
  return typeof ladder.pain.severe_rise === 'number' ? ladder.pain.severe_rise : DEFAULT_SEVERE_RISE;
}

/**
 * Is this usual pain too high for self-management (book a consultation first)?
 * @param {Ladder} ladder
 * @param {number} usualPain
 */
export function baselineTooHigh(ladder, usualPain) {
  return usualPain >= ladder.pain.baseline_max;
}

/**
 * Did this session complete the dose? Done, reps managed at least the dose's reps, and
 * the "did your pain stay up" question answered.
 * @param {SessionEntry | null} entry
 * @param {Dose} dose
 */
export function sessionComplete(entry, dose) {
  if (!entry || entry.done !== true || entry.pain_stayed_up === null) return false;
  return entry.reps !== null && entry.reps >= dose.reps;
}

/**
 * How the dose `to` compares with `from` on the same exercise.
 * @param {Dose} from
 * @param {Dose} to
 * @returns {'move_up' | 'same_dose' | 'step_back'}
 */
function compareDose(from, to) {
  if (to.sets === from.sets && to.reps === from.reps) return 'same_dose';
  return to.sets >= from.sets && to.reps >= from.reps ? 'move_up' : 'step_back';
}

// --- the state of a plan -------------------------------------------------------------

/**
 * The usual pain given on or before `today`, and the day it was given.
 * @param {Plan} plan
 * @param {string} today
 */
export function usualPainOn(plan, today) {
  let value = plan.usual_pain, date = plan.start_date;
  for (const u of plan.usual_pain_log) {
    if (u.date <= today && u.date >= date) {
      value = u.usual_pain;
      date = u.date;
    }
  }
  return { value, date };
}

/**
 * The state of `plan` for `ladder` on the calendar day `today` ("YYYY-MM-DD").
 *
 * Every day from the start date up to yesterday is classified from the log (see
 * Outcome) and sets the next day's dose (see docs/planner.md):
 *   tolerated -> one level up (or, at the target after at least days.min days on the
 *                exercise, or of an exercise mastered before, the next exercise at its
 *                start dose);
 *   pain      -> on an exercise with no dose tolerated yet (after the first): back to
 *                the previous exercise at its target; else first in a run: back to the
 *                last dose tolerated on this exercise (its start dose if none); second
 *                and later in a run: one level down from that day's dose, never below
 *                the start. Only a tolerated day ends a run;
 *   otherwise -> the same dose again.
 * Entries dated before the start date are ignored. When an entry is dated after the
 * device's today `now`, the advice is for the latest logged date instead; no day from `now`
 * on moves the dose up, and a pain rule broken on any day from `now` on stops today.
 * @param {Ladder} ladder
 * @param {Plan} plan
 * @param {string} now the device's today
 * @returns {State}
 */
export function computeState(ladder, plan, now) {
  const logged = [...plan.sessions, ...plan.tests, ...plan.usual_pain_log, ...(plan.spoken_to_clinic || [])]
    .map((e) => e.date).filter((date) => date >= plan.start_date).sort();
  const today = logged.length && logged[logged.length - 1] > now ? logged[logged.length - 1] : now;
  const behind = today !== now;
  const stages = ladder.stages;
  const tpd = ladder.times_per_day;
  const Ls = stages.map(stageSteps);
  /** @type {number[]} */
  const offsets = [];
  let acc = 0;
  for (const L of Ls) {
    offsets.push(acc);
    acc += L + 1;
  }
  const totalPositions = acc;
  // Every level's dose of every stage, worked out once (a long plan has hundreds of days).
  const doses = stages.map((s, i) => Array.from({ length: Ls[i] + 1 }, (_, k) => levelDose(s, k)));
  const startN = dayNumber(plan.start_date);
  const todayN = dayNumber(today);
  /** @param {string} date */
  const inPlan = (date) => date >= plan.start_date && date <= today;

  // Index the log by date (last entry per date+session wins).
  /** @type {Map<string, (SessionEntry | undefined)[]>} */
  const byDate = new Map();
  for (const e of plan.sessions) {
    if (!isInt(e.session, 1, tpd) || !inPlan(e.date)) continue;
    let list = byDate.get(e.date);
    if (!list) byDate.set(e.date, (list = []));
    list[e.session - 1] = e;
  }
  /** @type {Map<string, TestEntry[]>} */
  const testsByDate = new Map();
  for (const t of plan.tests) {
    if (!inPlan(t.date)) continue;
    const list = testsByDate.get(t.date);
    if (list) list.push(t);
    else testsByDate.set(t.date, [t]);
  }
  /** @param {string} date */
  const sessionsOn = (date) => {
    const list = byDate.get(date) || [];
    /** @type {(SessionEntry | null)[]} */
    const out = [];
    for (let k = 0; k < tpd; k++) out.push(list[k] || null);
    return out;
  };
  /** @param {string} date */
  const testsOn = (date) => testsByDate.get(date) || [];

  let stage = 0, level = 0, streak = 0, stageStartN = startN;
  // The furthest exercise started: an exercise before it was mastered once, so after a
  // pain day on the next one sent the patient back to it, one tolerated day at its
  // target masters it again.
  let furthest = 0;
  /** @type {number | null} */
  let safe = null;
  let finished = false;
  /** @type {string | null} */
  let finishedOn = null;
  /** @type {number[]} day numbers of second-or-later pain days of a run */
  const stepBackDays = [];
  /** @type {number[]} */
  const painDays = [];
  /** @type {number[]} best position reached up to each day, by day from the start */
  const bestByDay = [];
  /** @type {Map<string, number>} date -> stage that day */
  const stageOn = new Map();
  let best = -1;
  /** @type {DayRecord[]} */
  const days = [];
  // Severe flares and the patient's "I have spoken to the clinic" answers.
  const flares = severeSigns(ladder, byDate, testsByDate);
  // Every entry dated after the device's today, started or not: kept, and told to the patient.
  const later = [...plan.sessions.filter((e) => isInt(e.session, 1, tpd)), ...plan.tests].filter((e) => e.date > now)
    .map((e) => e.date).sort();
  const aheadCount = { n: later.length, last: later.length ? later[later.length - 1] : null };
  // With the device's date behind the log: any pain over the rules from its today on.
  let laterPain = false;
  for (let d = Math.max(dayNumber(now), startN); behind && d <= todayN; d++) {
    const date = formatDay(d);
    if (sessionsOn(date).some((e) => breaksPainRule(ladder, e)) || testsOn(date).some((t) => breaksPainRule(ladder, t))) laterPain = true;
  }
  const contacts = clinicContacts(plan, flares, inPlan);
  const spokeOn = new Set(contacts.all);
  // The usual pain answers in date order, walked along with the days.
  const usualLog = plan.usual_pain_log.filter((u) => u.date >= plan.start_date);
  let usualAt = 0, usualNow = plan.usual_pain;
  // The latest flare before the day, and the latest standing "spoken to the clinic" up to it.
  let flareAt = 0, spokeAt = 0;
  /** @type {string | null} */
  let flareBefore = null;
  /** @type {number | null} the usual pain that held the latest day, for `held_usual_pain` */
  let heldUsual = null;
  /** @type {string | null} */
  let spokeBy = null;

  for (let d = startN; d < todayN && !finished; d++) {
    const date = formatDay(d);
    const dose = doses[stage][level];
    const pos = offsets[stage] + level;
    if (pos > best) best = pos;
    bestByDay.push(best);
    stageOn.set(date, stage);
    const logs = sessionsOn(date);
    const tests = testsOn(date);
    // One pass over the day's entries (this loop runs once per day of the plan).
    let logged = 0, pain = false, complete = true, unanswered = 0, openTests = 0;
    for (const e of logs) {
      if (!sessionComplete(e, dose)) complete = false;
      if (e === null) continue;
      logged += 1;
      if (breaksPainRule(ladder, e)) pain = true;
      if (e.done && e.pain_stayed_up === null) unanswered += 1;
    }
    for (const t of tests) {
      if (breaksPainRule(ladder, t)) pain = true;
      // A test set whose "pain stayed up" is not answered yet may still turn out to be
      // over the pain rules: until then the day is incomplete, never tolerated.
      if (t.pain_stayed_up === null) openTests += 1;
    }
    if (openTests) complete = false;
    unanswered += openTests;
    /** @type {Outcome} */
    const outcome = pain ? 'pain' : complete ? 'tolerated' : logged || openTests ? 'incomplete' : 'missed';
    /** @type {DayRecord} */
    const rec = {
      date, stage, level, sets: dose.sets, reps: dose.reps, day_on_stage: d - stageStartN + 1,
      sessions: logs, tests, outcome, unanswered, pain_run: 0, change: null, held: null, spoke: false
    };
    const L = Ls[stage];
    while (usualAt < usualLog.length && usualLog[usualAt].date <= date) usualNow = usualLog[usualAt++].usual_pain;
    // The usual pain on the day the dose would go up (an answer given the next day, up to
    // today, counts too: no step up into a day whose usual pain is at or above baseline_max).
    const next = formatDay(d + 1);
    const usualNext = usualAt < usualLog.length && usualLog[usualAt].date <= next ? usualLog[usualAt].usual_pain : usualNow;
    rec.spoke = spokeOn.has(date);
    while (flareAt < flares.length && flares[flareAt] < date) flareBefore = flares[flareAt++];
    while (spokeAt < contacts.valid.length && contacts.valid[spokeAt] <= date) spokeBy = contacts.valid[spokeAt++];
    // A flare before this day waits for the clinic unless the patient spoke to it since.
    const waiting = flareBefore !== null && (spokeBy === null || spokeBy < flareBefore);
    // Safer than the clinic's letter (docs/planner.md): no step up while the usual pain is
    // at or above baseline_max (that day's or the next day's answer), nor while a severe
    // flare waits for the clinic.
    /** @type {Held | null} */
    const held = outcome !== 'tolerated' ? null
      : waiting ? 'clinic'
        : baselineTooHigh(ladder, usualNow) || baselineTooHigh(ladder, usualNext) ? 'baseline'
          : behind && d >= dayNumber(now) ? 'clock' : null;
    rec.held = held;
    heldUsual = held === 'baseline' ? (baselineTooHigh(ladder, usualNow) ? usualNow : usualNext) : null;
    if (outcome === 'tolerated' && held) {
      streak = 0;
      safe = level;
    } else if (outcome === 'tolerated') {
      streak = 0;
      safe = level;
      if (level >= L && (stage < furthest || d - stageStartN + 1 >= stages[stage].days.min)) {
        stage += 1;
        level = 0;
        safe = null;
        stageStartN = d + 1;
        if (stage > furthest) furthest = stage;
        if (stage >= stages.length) {
          finished = true;
          finishedOn = date;
        }
      } else {
        level = Math.min(level + 1, L);
      }
    } else if (outcome === 'pain') {
      streak += 1;
      rec.pain_run = streak;
      painDays.push(d);
      if (streak > 1) stepBackDays.push(d);
      if (safe === null && stage > 0) {
        // A safety decision (docs/planner.md, "A flare on a new exercise"): no dose of this
        // exercise has stayed within the pain rules yet, so the last dose that did is the
        // previous exercise's target. Go back to it, never on at the new one's start dose.
        stage -= 1;
        level = Ls[stage];
        safe = level;
        stageStartN = d + 1;
      } else if (streak === 1) {
        level = safe !== null && safe < level ? safe : level;
      } else {
        level = Math.max(0, level - 1);
      }
    }
    rec.change = finished ? 'finished'
      : stage > rec.stage ? 'next_exercise'
        : stage < rec.stage ? 'previous_exercise'
        : compareDose(dose, doses[stage][level]);
    days.push(rec);
  }

  const last = days.length ? days[days.length - 1] : null;
  /** @type {Change | 'start' | 'not_started'} */
  const change = todayN < startN ? 'not_started' : !last ? 'start' : /** @type {Change} */ (last.change);

  const todayLogs = todayN >= startN && !finished ? sessionsOn(today) : [];
  const todayTests = todayN >= startN ? testsOn(today) : [];
  const todayStop = todayLogs.some((e) => breaksPainRule(ladder, e)) || todayTests.some((t) => breaksPainRule(ladder, t)) ||
    laterPain;
  const usual = usualPainOn(plan, today);

  /** @type {Alert[]} */
  const alerts = [];
  // Most urgent first: the page shows them in this order. A severe flare, whenever it
  // was logged, shows until the patient says they have spoken to the clinic after it.
  const openFlare = latestOpenFlare(flares, contacts.valid);
  if (openFlare !== null) alerts.push('severe');
  if (baselineTooHigh(ladder, usual.value)) alerts.push('baseline');

  /** @type {State} */
  const st = {
    today,
    device_today: now,
    clock_behind: behind,
    start_date: plan.start_date,
    usual_pain: usual.value,
    usual_pain_date: usual.date,
    usual_pain_due: todayN >= startN && dayNumber(now) - dayNumber(usual.date) >= USUAL_PAIN_EVERY_DAYS,
    day_number: todayN - startN + 1,
    finished,
    finished_on: finishedOn,
    // A severe flare says "do not exercise until you have spoken to the clinic": no
    // headline beside it may give a dose to do today.
    advice: todayStop ? 'stop_today' : alerts.includes('severe') && change !== 'not_started' ? 'contact_clinic' : change,
    change,
    reason: last ? last.outcome === 'today' ? null : last.outcome : null,
    held: last ? last.held : null,
    held_usual_pain: last && last.held === 'baseline' ? heldUsual : null,
    flare_signs: flares.length,
    flare_dates: flares.slice(),
    flare_date: openFlare,
    ahead_entries: aheadCount.n,
    ahead_last: aheadCount.last,
    reason_unanswered: last ? last.unanswered : 0,
    today_stop: todayStop,
    alerts,
    recent_step_backs: 0,
    recent_pain_days: 0,
    days,
    stage: stages.length,
    level: null,
    steps: 0,
    sets: null,
    reps: null,
    hold_seconds: null,
    exercise: null,
    stage_start: null,
    day_on_stage: 0,
    position: totalPositions,
    total_positions: totalPositions,
    sessions: [],
    today_pain: todayStop,
    today_complete: false,
    pending: pendingAnswers(plan, inPlan),
    milestones: [],
    unlocked: []
  };

  if (!finished) {
    const s = stages[stage];
    const dose = levelDose(s, level);
    st.stage = stage;
    st.level = level;
    st.steps = Ls[stage];
    st.sets = dose.sets;
    st.reps = dose.reps;
    st.hold_seconds = s.hold_seconds;
    st.exercise = s;
    st.stage_start = formatDay(stageStartN);
    st.day_on_stage = Math.max(0, todayN - stageStartN + 1);
    st.position = offsets[stage] + level;
    st.sessions = todayLogs.map((e, k) => {
      const pain = breaksPainRule(ladder, e);
      const complete = sessionComplete(e, dose);
      /** @type {SessionStatus} */
      const status = !e ? (todayStop ? 'skip' : 'todo')
        : pain ? 'pain'
          : !e.done ? 'not_done'
            : e.reps !== null && e.reps < dose.reps ? 'fewer'
              : e.pain_stayed_up === null ? 'waiting' : 'done';
      return { session: k + 1, entry: e, status, complete, pain };
    });
    st.today_complete = st.sessions.length > 0 && st.sessions.every((x) => x.complete);
    if (todayN >= startN) {
      stageOn.set(today, stage);
      days.push({
        date: today, stage, level, sets: dose.sets, reps: dose.reps, day_on_stage: st.day_on_stage,
        sessions: todayLogs, tests: todayTests, outcome: 'today',
        unanswered: todayLogs.filter((e) => e && e.done && e.pain_stayed_up === null).length, pain_run: 0, change: null,
        held: null, spoke: spokeOn.has(today)
      });
    }

    if (todayN > startN) {
      if (st.day_on_stage > s.days.max) alerts.push('days_max');
      // No progress: today's dose is no further along the ladder than the furthest
      // dose reached by the day REVIEW_WINDOW_DAYS ago.
      const bestThen = bestByDay[todayN - REVIEW_WINDOW_DAYS - startN];
      if (bestThen !== undefined && offsets[stage] + level <= bestThen) alerts.push('no_progress');
      const from = todayN - REVIEW_WINDOW_DAYS;
      st.recent_step_backs = stepBackDays.filter((x) => x >= from).length;
      st.recent_pain_days = painDays.filter((x) => x >= from).length;
      if (st.recent_step_backs >= STEP_BACKS_FOR_CONSULT) alerts.push('step_backs');
    }
  }

  // Milestones: offered once the patient has reached the milestone's exercise (the
  // current one or a mastered one), and unlocked by a test set of it on a day it had
  // been reached, with enough reps, within the pain rules, and answered, on a day that
  // broke no pain rule: a milestone invites more activity, never on a flare-up day.
  const painDates = new Set(painDays);
  /** @param {string} date */
  const painOn = (date) => (date === today ? todayStop : painDates.has(dayNumber(date)));
  /** @param {string} exercise */
  const firstStage = (exercise) => stages.findIndex((s) => s.exercise === exercise);
  /** @param {string} exercise @param {string} date */
  const reachedOn = (exercise, date) => {
    const k = firstStage(exercise);
    if (k < 0) return false;
    const on = stageOn.get(date);
    return on === undefined ? finished && !!finishedOn && date > finishedOn : k <= on;
  };
  const tests = plan.tests.filter((t) => inPlan(t.date));
  st.milestones = (ladder.milestones || []).map((m, k) => {
    const k0 = firstStage(m.exercise);
    const reached = k0 >= 0 && (finished || k0 <= stage);
    const hit = tests.find((t) => t.exercise === m.exercise && t.reps >= m.reps && t.pain_stayed_up === false &&
      !breaksPainRule(ladder, t) && reachedOn(t.exercise, t.date) && !painOn(t.date) && !(behind && t.date >= now)) || null;
    return { index: k, milestone: m, reached, unlocked: !!hit, date: hit ? hit.date : null };
  });
  st.unlocked = st.milestones.filter((x) => x.unlocked).map((x) => x.index);
  return st;
}

/**
 * The severe signs in the log, dated from the start to today, oldest first (a date once
 * per sign): each session done or test set with a rise at or above the ladder's severe
 * rise, and each day whose pain stayed up (answer Yes) after pain stayed up the day
 * before too. A sign logged late, for any earlier day, counts like any other.
 * @param {Ladder} ladder
 * @param {Map<string, (SessionEntry | undefined)[]>} byDate the sessions in the plan by date
 * @param {Map<string, TestEntry[]>} testsByDate the test sets in the plan by date
 * @returns {string[]}
 */
function severeSigns(ladder, byDate, testsByDate) {
  const severe = severeRise(ladder);
  /** @type {string[]} */
  const out = [];
  /** @type {Set<number>} day numbers of days whose pain stayed up after a session or test set */
  const stayed = new Set();
  /** @param {string} date @param {{ done?: boolean, pain_rise: number, pain_stayed_up: boolean | null }} e */
  const add = (date, e) => {
    if (e.done === false) return;
    if (e.pain_rise >= severe) out.push(date);
    if (e.pain_stayed_up === true) stayed.add(dayNumber(date));
  };
  for (const [date, list] of byDate) for (const e of list) if (e) add(date, e);
  for (const [date, list] of testsByDate) for (const t of list) add(date, t);
  for (const n of stayed) if (stayed.has(n - 1)) out.push(formatDay(n));
  return out.sort();
}

/**
 * The dates of the patient's "I have spoken to the clinic" answers within the plan
 * (`all`), and of those that still stand (`valid`): an answer stands while the log holds
 * exactly the severe signs up to its date that it held when it was given (`flares`, and
 * their dates `signs` when the answer has them: a sign corrected away and another logged
 * for another day keep the count). A sign logged later for a day up to that date (or one
 * corrected away) means the clinic has not heard of the log as it is: the answer no
 * longer counts, and the page asks again. Safer than trusting the date alone.
 * @param {Plan} plan
 * @param {string[]} flares severe signs, oldest first
 * @param {(date: string) => boolean} inPlan
 */
function clinicContacts(plan, flares, inPlan) {
  /** @type {string[]} */
  const all = [];
  /** @type {string[]} */
  const valid = [];
  for (const c of plan.spoken_to_clinic || []) {
    if (!inPlan(c.date)) continue;
    all.push(c.date);
    let upTo = 0;
    while (upTo < flares.length && flares[upTo] <= c.date) upTo++;
    const signs = c.signs;
    if (upTo === c.flares && (!signs || signs.every((x, k) => x === flares[k]))) valid.push(c.date);
  }
  valid.sort();
  return { all, valid };
}

/**
 * The latest severe sign after the latest standing "I have spoken to the clinic", or null.
 * @param {string[]} flares oldest first
 * @param {string[]} valid standing answers' dates, oldest first
 * @returns {string | null}
 */
function latestOpenFlare(flares, valid) {
  const spoke = valid.length ? valid[valid.length - 1] : '';
  const last = flares.length ? flares[flares.length - 1] : null;
  return last !== null && last > spoke ? last : null;
}

/**
 * Logged sessions and test sets whose "did your pain stay up" is still open, oldest first.
 * @param {Plan} plan
 * @param {(date: string) => boolean} inPlan
 * @returns {Pending[]}
 */
function pendingAnswers(plan, inPlan) {
  /** @type {Pending[]} */
  const out = [];
  for (const e of plan.sessions) {
    if (e.done && e.pain_stayed_up === null && inPlan(e.date)) {
      out.push({ kind: 'session', date: e.date, session: e.session, exercise: e.exercise || '' });
    }
  }
  /** @type {Map<string, number>} */
  const nth = new Map();
  for (const t of plan.tests) {
    const k = nth.get(t.date) || 0;
    nth.set(t.date, k + 1);
    if (t.pain_stayed_up === null && inPlan(t.date)) out.push({ kind: 'test', date: t.date, session: k, exercise: t.exercise });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind < b.kind ? -1 : a.session - b.session));
}
