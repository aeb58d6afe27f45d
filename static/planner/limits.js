// @ts-check
/**
 * The ladder limits, in one place for the browser side. The build (Rust) refuses a
 * ladder past any of them, so a ladder that builds always loads in the planner; the
 * JSON Schema of the page's ladder data (tests/fixtures/planner/ladder.schema.json)
 * states the same numbers and a JS test checks the two agree. Documented for clinic
 * staff in docs/planner.md ("Ladder limits").
 * @module
 */

/** @typedef {{ min: number, max: number }} Range */

/**
 * Smallest and largest allowed value of each ladder number (inclusive).
 * `days_max.min` is a floor only: a stage's `days.max` must also be at least its own
 * `days.min`.
 */
export const LIMITS = Object.freeze({
  /** Sets in a stage's start and target dose. */
  sets: Object.freeze({ min: 1, max: 10 }),
  /** Repetitions per set in a stage's start and target dose, and a milestone's reps. */
  reps: Object.freeze({ min: 1, max: 100 }),
  /** Seconds each repetition is held (0: no hold). */
  hold_seconds: Object.freeze({ min: 0, max: 300 }),
  /** A stage's `days.min`. */
  days_min: Object.freeze({ min: 1, max: 90 }),
  /** A stage's `days.max` (and at least its `days.min`). */
  days_max: Object.freeze({ min: 1, max: 90 }),
  /** Sessions a day. */
  times_per_day: Object.freeze({ min: 1, max: 6 }),
  /** Stages in a ladder. */
  stages: Object.freeze({ min: 1, max: 30 }),
  /** `pain.max_rise_during` (0-10 pain scale; at most 9, as `severe_rise` is above it). */
  rise_during: Object.freeze({ min: 0, max: 9 }),
  /** `pain.max_rise_after` (0-10 pain scale). */
  rise_after: Object.freeze({ min: 0, max: 10 }),
  /** `pain.baseline_max`: usual pain at or above it is too much for self-management. */
  baseline_max: Object.freeze({ min: 1, max: 10 }),
  /** `pain.settle_minutes`. */
  settle_minutes: Object.freeze({ min: 1, max: 240 }),
  /**
   * `pain.severe_rise`: a rise at or above it is a severe flare (and it must be above
   * `max_rise_during`). Default 5.
   */
  severe_rise: Object.freeze({ min: 1, max: 10 })
});

/**
 * Limits of what a patient logs (not ladder limits): the reps they managed in a set can
 * be more than the dose, and a stored plan has at most this many entries.
 */
export const LOG_LIMITS = Object.freeze({
  /** Largest number of reps a patient can log for one set. */
  reps: 999,
  /** Largest number of sessions, and of test sets, in a stored or imported plan. */
  entries: 5000,
  /** Longest note a patient can add to a session, in characters. */
  note: 140,
  /** Largest planner file the page reads, in bytes. */
  import_bytes: 2 * 1024 * 1024
});
