// @ts-check
/**
 * The ladder data the planner page reads (the JSON in `<script id="sinew-ladder">`),
 * its types, and the check that it is within the ladder limits. Pure.
 * The same shape is described by tests/fixtures/planner/ladder.schema.json.
 * @module
 */
import { LIMITS } from './limits.js';
import { LADDER_PROBLEM } from './strings.js';

/**
 * Sets and reps.
 * @typedef {object} Dose
 * @property {number} sets
 * @property {number} reps
 */

/**
 * How many days a stage usually takes.
 * @typedef {object} Days
 * @property {number} min fewest days (the dose reaches the target on this day)
 * @property {number} max most days before the planner suggests contacting the clinic
 */

/**
 * One step (stage) of the ladder: one exercise, from a start dose to a target dose.
 * @typedef {object} Stage
 * @property {string} exercise exercise id
 * @property {string} name exercise name, as the patient reads it
 * @property {string} url the exercise's page
 * @property {string | null} video a video of the exercise
 * @property {Dose} start
 * @property {Dose} target
 * @property {Days} days
 * @property {number | null} hold_seconds seconds each rep is held (null or 0: no hold)
 */

/**
 * The ladder's pain rules (pain on a 0-10 scale).
 * @typedef {object} PainRules
 * @property {number} max_rise_during a rise above this during a session breaks the rules
 * @property {number} max_rise_after pain more than this above usual afterwards ...
 * @property {number} settle_minutes ... for longer than this breaks the rules
 * @property {number} baseline_max usual pain at or above this: book a consultation
 * @property {number} severe_rise a rise at or above this is a severe flare: contact the clinic
 */

/**
 * The clinic's contact details (from site.yaml).
 * @typedef {object} Clinic
 * @property {string | null} name
 * @property {string | null} phone
 * @property {string | null} booking_url
 * @property {string | null} out_of_hours what to do when the clinic is closed, in the clinic's words
 * @property {string | null} [out_of_hours_lang] its language when not the page's (no translation): shown in it, marked
 * @property {string | null} [out_of_hours_mark] the mark after it then, in the page's language ("(en inglés)")
 */

/**
 * A milestone: a test set of an exercise that unlocks advice.
 * @typedef {object} Milestone
 * @property {string} exercise exercise id
 * @property {string} name exercise name
 * @property {number} reps reps needed in one set
 * @property {string} unlocks what the patient may start doing
 * @property {string | null} link a page about it
 */

/**
 * One day of the ideal schedule, as computed by the build.
 * @typedef {object} ScheduleDay
 * @property {number} day day number, from 1
 * @property {number} stage stage index
 * @property {number} sets
 * @property {number} reps
 */

/**
 * The ladder as the page embeds it.
 * @typedef {object} Ladder
 * @property {string} id
 * @property {string} title
 * @property {number} times_per_day sessions a day
 * @property {PainRules} pain
 * @property {Clinic} clinic
 * @property {Stage[]} stages
 * @property {Milestone[]} milestones
 * @property {string | null} pacing address of the page on pacing (what to do instead on a bad day)
 * @property {ScheduleDay[]} [schedule] the build's ideal schedule (the engine computes its own)
 */

/**
 * Is `x` a whole number from `lo` to `hi`?
 * @param {unknown} x
 * @param {number} lo
 * @param {number} hi
 * @returns {x is number}
 */
export function isInt(x, lo, hi) {
  return typeof x === 'number' && Math.floor(x) === x && x >= lo && x <= hi;
}

/**
 * @param {unknown} x
 * @param {{ min: number, max: number }} r
 * @returns {x is number}
 */
function within(x, r) {
  return isInt(x, r.min, r.max);
}

/**
 * @param {unknown} x
 * @returns {x is Record<string, unknown>}
 */
function isObject(x) {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/**
 * @param {unknown} x
 */
function isOptionalString(x) {
  return x === null || x === undefined || typeof x === 'string';
}

/**
 * Check the embedded ladder against its shape and the ladder limits. Returns the
 * problems found (empty when the ladder is usable), in words for clinic staff.
 * @param {unknown} l
 * @returns {string[]}
 */
export function checkLadder(l) {
  /** @type {string[]} */
  const p = [];
  if (!isObject(l)) return [LADDER_PROBLEM.notObject];
  if (typeof l.id !== 'string' || !l.id) p.push(LADDER_PROBLEM.id);
  if (!within(l.times_per_day, LIMITS.times_per_day)) p.push(LADDER_PROBLEM.timesPerDay(LIMITS.times_per_day));
  const pain = l.pain;
  if (!isObject(pain) || !within(pain.max_rise_during, LIMITS.rise_during) || !within(pain.max_rise_after, LIMITS.rise_after) ||
      !within(pain.baseline_max, LIMITS.baseline_max) || !within(pain.settle_minutes, LIMITS.settle_minutes) ||
      !within(pain.severe_rise, LIMITS.severe_rise) || pain.severe_rise <= pain.max_rise_during) {
    p.push(LADDER_PROBLEM.pain);
  }
  if (!Array.isArray(l.stages) || l.stages.length < LIMITS.stages.min) {
    p.push(LADDER_PROBLEM.noStages);
  } else if (l.stages.length > LIMITS.stages.max) {
    p.push(LADDER_PROBLEM.tooManyStages(LIMITS.stages.max));
  } else {
    l.stages.forEach((s, k) => {
      if (!stageOk(s)) p.push(LADDER_PROBLEM.stage(k + 1));
    });
  }
  if (!Array.isArray(l.milestones) || !l.milestones.every(milestoneOk)) p.push(LADDER_PROBLEM.milestones);
  const c = l.clinic;
  if (!isObject(c) || !isOptionalString(c.name) || !isOptionalString(c.phone) || !isOptionalString(c.booking_url) ||
      !isOptionalString(c.out_of_hours) || !isOptionalString(c.out_of_hours_lang) ||
      !isOptionalString(c.out_of_hours_mark)) {
    p.push(LADDER_PROBLEM.clinic);
  }
  if (!isOptionalString(l.pacing)) p.push(LADDER_PROBLEM.pacing);
  return p;
}

/**
 * @param {unknown} s
 */
function stageOk(s) {
  if (!isObject(s) || typeof s.name !== 'string' || typeof s.exercise !== 'string') return false;
  const { start, target, days } = s;
  if (!isObject(start) || !isObject(target) || !isObject(days)) return false;
  if (!within(start.sets, LIMITS.sets) || !within(start.reps, LIMITS.reps)) return false;
  if (!within(target.sets, LIMITS.sets) || !within(target.reps, LIMITS.reps)) return false;
  if (target.sets < start.sets || target.reps < start.reps) return false;
  if (!within(days.min, LIMITS.days_min) || !within(days.max, LIMITS.days_max) || days.max < days.min) return false;
  if (!(s.hold_seconds === null || s.hold_seconds === undefined || within(s.hold_seconds, LIMITS.hold_seconds))) {
    return false;
  }
  return isOptionalString(s.url) && isOptionalString(s.video);
}

/**
 * @param {unknown} m
 */
function milestoneOk(m) {
  return isObject(m) && typeof m.exercise === 'string' && typeof m.name === 'string' &&
    within(m.reps, LIMITS.reps) && typeof m.unlocks === 'string' && isOptionalString(m.link);
}
