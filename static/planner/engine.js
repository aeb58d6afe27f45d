// @ts-check
/**
 * The planner's rules engine: ladder + stored plan + today's date -> the state of the
 * plan (today's dose, advice, alerts, history, milestones). Pure: no DOM, no storage,
 * no clock. The rules are documented for clinic staff in docs/planner.md; the dose rule
 * must match the build's ideal schedule (src/planner.rs), which the shared vectors in
 * tests/fixtures/planner/vectors.json check on both sides.
 * @module
 */
import { dayNumber, formatDay } from './dates.js';
import { isInt } from './ladder.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */
/** @typedef {import('./ladder.js').Stage} Stage */
/** @typedef {import('./ladder.js').Dose} Dose */
/** @typedef {import('./ladder.js').Milestone} Milestone */
/** @typedef {import('./plan.js').Plan} Plan */
/** @typedef {import('./plan.js').SessionEntry} SessionEntry */

/** Window (in days) for the "no progress" and "repeated step-backs" rules. */
export const REVIEW_WINDOW_DAYS = 14;
/** Step-backs within REVIEW_WINDOW_DAYS that trigger the consultation alert. */
export const STEP_BACKS_FOR_CONSULT = 2;

/**
 * How a past day went.
 * @typedef {'tolerated' | 'pain' | 'incomplete' | 'missed'} Outcome
 */

/**
 * What a day did to the plan (the advice for the next day).
 * @typedef {'progress' | 'next_stage' | 'finished' | 'hold' | 'step_back' | 'repeat'} Action
 */

/**
 * Today's advice: an Action from yesterday, or where the plan stands.
 * @typedef {Action | 'start' | 'not_started'} Advice
 */

/**
 * @typedef {'baseline' | 'days_max' | 'no_progress' | 'step_backs'} Alert
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
 * @property {Outcome | 'today'} outcome
 * @property {Action | null} action
 */

/**
 * One of today's sessions.
 * @typedef {object} TodaySession
 * @property {number} session
 * @property {SessionEntry | null} entry
 * @property {boolean} complete done at the dose
 * @property {boolean} pain broke a pain rule
 */

/**
 * @typedef {object} MilestoneState
 * @property {number} index
 * @property {Milestone} milestone
 * @property {boolean} unlocked
 * @property {string | null} date the day it was unlocked
 */

/**
 * The state of a plan on one day.
 * @typedef {object} State
 * @property {string} today
 * @property {string} start_date
 * @property {number} usual_pain
 * @property {number} day_number day of the plan (1 on the start date)
 * @property {boolean} finished
 * @property {string | null} finished_on
 * @property {Advice} advice
 * @property {Alert[]} alerts
 * @property {number} recent_step_backs
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
 * @property {boolean} today_pain
 * @property {boolean} today_complete
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
 * Does a logged session (or test set) break one of the ladder's pain rules?
 * @param {Ladder} ladder
 * @param {{ pain_rise?: number, pain_stayed_up?: boolean } | null} entry
 */
export function breaksPainRule(ladder, entry) {
  if (!entry) return false;
  const rise = typeof entry.pain_rise === 'number' ? entry.pain_rise : 0;
  return rise > ladder.pain.max_rise_during || entry.pain_stayed_up === true;
}

/**
 * Did this session complete the dose? Done, and reps managed (if given) >= dose reps.
 * @param {SessionEntry | null} entry
 * @param {Dose} dose
 */
export function sessionComplete(entry, dose) {
  if (!entry || entry.done !== true) return false;
  return entry.reps === null || entry.reps === undefined || entry.reps >= dose.reps;
}

// --- the state of a plan -------------------------------------------------------------

/**
 * The state of `plan` for `ladder` on the calendar day `today` ("YYYY-MM-DD").
 *
 * Every day from the start date up to yesterday is classified from the log:
 *   "tolerated"  all times_per_day sessions done at the dose, no pain-rule break;
 *   "pain"       at least one logged session broke a pain rule;
 *   "incomplete" something was logged but not every session was done at the dose;
 *   "missed"     nothing was logged.
 * and moves the plan (see docs/planner.md):
 *   tolerated -> next level (or, at target with >= days.min days on the stage,
 *                the next stage at level 0);
 *   pain      -> first in a run: hold (back to the last tolerated level of the
 *                stage); second and later in a run: step back one level (not below 0).
 *                A run of pain days is only ended by a tolerated day;
 *   otherwise -> same dose again.
 * @param {Ladder} ladder
 * @param {Plan} plan
 * @param {string} today
 * @returns {State}
 */
export function computeState(ladder, plan, today) {
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
  const startN = dayNumber(plan.start_date);
  const todayN = dayNumber(today);

  // Index the log: sessions by date (last entry per date+session wins).
  /** @type {Map<string, (SessionEntry | undefined)[]>} */
  const byDate = new Map();
  for (const e of plan.sessions || []) {
    if (!isInt(e.session, 1, tpd)) continue;
    let list = byDate.get(e.date);
    if (!list) byDate.set(e.date, (list = []));
    list[e.session - 1] = e;
  }
  /** @param {string} date */
  const sessionsOn = (date) => {
    const list = byDate.get(date) || [];
    /** @type {(SessionEntry | null)[]} */
    const out = [];
    for (let k = 0; k < tpd; k++) out.push(list[k] || null);
    return out;
  };

  let stage = 0, level = 0, streak = 0, stageStartN = startN;
  /** @type {number | null} */
  let safe = null;
  let finished = false;
  /** @type {string | null} */
  let finishedOn = null;
  /** @type {Action | 'start'} */
  let lastAction = 'start';
  /** @type {number[]} day numbers of days that caused a step back */
  const stepBackDays = [];
  /** @type {Map<number, number>} day number -> best position reached up to that day */
  const bestByDay = new Map();
  let best = -1;
  /** @type {DayRecord[]} */
  const days = [];

  for (let d = startN; d < todayN && !finished; d++) {
    const date = formatDay(d);
    const dose = levelDose(stages[stage], level);
    const pos = offsets[stage] + level;
    if (pos > best) best = pos;
    bestByDay.set(d, best);
    const logs = sessionsOn(date);
    const logged = logs.filter((e) => e !== null);
    const pain = logged.some((e) => breaksPainRule(ladder, e));
    const complete = logs.every((e) => sessionComplete(e, dose));
    /** @type {Outcome} */
    const outcome = pain ? 'pain' : complete ? 'tolerated' : logged.length ? 'incomplete' : 'missed';
    /** @type {DayRecord} */
    const rec = {
      date, stage, level, sets: dose.sets, reps: dose.reps,
      day_on_stage: d - stageStartN + 1, sessions: logs, outcome, action: null
    };
    const L = Ls[stage];
    /** @type {Action} */
    let action;
    if (outcome === 'tolerated') {
      streak = 0;
      safe = level;
      if (level >= L && d - stageStartN + 1 >= stages[stage].days.min) {
        stage += 1;
        level = 0;
        safe = null;
        stageStartN = d + 1;
        if (stage >= stages.length) {
          finished = true;
          finishedOn = date;
          action = 'finished';
        } else {
          action = 'next_stage';
        }
      } else {
        level = Math.min(level + 1, L);
        action = 'progress';
      }
    } else if (outcome === 'pain') {
      streak += 1;
      if (streak === 1) {
        if (safe !== null && safe < level) level = safe;
        action = 'hold';
      } else {
        level = Math.max(0, level - 1);
        action = 'step_back';
        stepBackDays.push(d);
      }
    } else {
      action = 'repeat';
    }
    lastAction = action;
    rec.action = action;
    days.push(rec);
  }

  /** @type {Advice} */
  const advice = todayN < startN ? 'not_started' : todayN === startN ? 'start' : lastAction;

  /** @type {Alert[]} */
  const alerts = [];
  if (plan.usual_pain >= ladder.pain.baseline_max) alerts.push('baseline');

  /** @type {State} */
  const st = {
    today,
    start_date: plan.start_date,
    usual_pain: plan.usual_pain,
    day_number: todayN - startN + 1,
    finished,
    finished_on: finishedOn,
    advice: finished ? 'finished' : advice,
    alerts,
    recent_step_backs: 0,
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
    today_pain: false,
    today_complete: false,
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
    const todayLogs = todayN >= startN ? sessionsOn(today) : [];
    st.sessions = todayLogs.map((e, k) => ({
      session: k + 1,
      entry: e,
      complete: sessionComplete(e, dose),
      pain: breaksPainRule(ladder, e)
    }));
    st.today_pain = st.sessions.some((x) => x.pain);
    st.today_complete = st.sessions.length > 0 && st.sessions.every((x) => x.complete);
    if (todayN >= startN) {
      days.push({
        date: today, stage, level, sets: dose.sets, reps: dose.reps,
        day_on_stage: st.day_on_stage, sessions: todayLogs, outcome: 'today', action: null
      });
    }

    if (todayN > startN) {
      if (st.day_on_stage > s.days.max) alerts.push('days_max');
      // No progress: no higher dose reached in the last REVIEW_WINDOW_DAYS days.
      if (todayN - startN >= REVIEW_WINDOW_DAYS) {
        const bestNow = Math.max(best, offsets[stage] + level);
        const bestThen = bestByDay.get(todayN - REVIEW_WINDOW_DAYS);
        if (bestThen !== undefined && bestNow <= bestThen) alerts.push('no_progress');
      }
      const recent = stepBackDays.filter((x) => x >= todayN - REVIEW_WINDOW_DAYS);
      st.recent_step_backs = recent.length;
      if (recent.length >= STEP_BACKS_FOR_CONSULT) alerts.push('step_backs');
    }
  }

  // Milestones: unlocked by a test set on or before today.
  const tests = (plan.tests || []).filter((t) => dayNumber(t.date) <= todayN)
    .slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  st.milestones = (ladder.milestones || []).map((m, k) => {
    const hit = tests.find((t) => t.exercise === m.exercise && t.reps >= m.reps && !breaksPainRule(ladder, t)) || null;
    return { index: k, milestone: m, unlocked: !!hit, date: hit ? hit.date : null };
  });
  st.unlocked = st.milestones.filter((x) => x.unlocked).map((x) => x.index);
  return st;
}
