// The ladder limits: static/planner/limits.js against the JSON Schema of the page's
// ladder data (tests/fixtures/planner/ladder.schema.json, owned by the Rust side),
// every ladder of the shared vectors against that schema, and the planner's own ladder
// check at and past every limit. Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../static/planner/limits.js';
import { checkLadder } from '../../static/planner/ladder.js';
import { idealSchedule } from '../../static/planner/engine.js';
import { validate } from './json-schema.mjs';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/planner/${name}`, import.meta.url));
const schema = JSON.parse(fs.readFileSync(fixture('ladder.schema.json'), 'utf8'));
const vectors = JSON.parse(fs.readFileSync(fixture('vectors.json'), 'utf8'));

const P = schema.properties;
const stage = P.stages.items.properties;
const range = (s) => ({ min: s.minimum, max: s.maximum });

test('limits.js states the same limits as the schema', () => {
  assert.deepEqual(range(P.times_per_day), LIMITS.times_per_day);
  assert.deepEqual({ min: P.stages.minItems, max: P.stages.maxItems }, LIMITS.stages);
  assert.deepEqual(range(P.pain.properties.max_rise_during), LIMITS.rise_during);
  assert.deepEqual(range(P.pain.properties.max_rise_after), LIMITS.rise_after);
  assert.deepEqual(range(P.pain.properties.baseline_max), LIMITS.baseline_max);
  assert.deepEqual(range(P.pain.properties.settle_minutes), LIMITS.settle_minutes);
  assert.deepEqual(range(P.pain.properties.severe_rise), LIMITS.severe_rise);
  for (const dose of [stage.start, stage.target]) {
    assert.deepEqual(range(dose.properties.sets), LIMITS.sets);
    assert.deepEqual(range(dose.properties.reps), LIMITS.reps);
  }
  assert.deepEqual(range(stage.days.properties.min), LIMITS.days_min);
  assert.deepEqual(range(stage.days.properties.max), LIMITS.days_max);
  assert.deepEqual(range(stage.hold_seconds), LIMITS.hold_seconds);
  assert.deepEqual(range(P.milestones.items.properties.reps), LIMITS.reps);
});

test('every ladder of the shared vectors matches the schema (with its schedule, as the page embeds it)', () => {
  for (const c of vectors.cases) {
    assert.deepEqual(validate(schema, { ...c.ladder, schedule: c.schedule }), [], c.name);
  }
});

/** A ladder with every number at its lowest or highest limit. */
function ladderAt(end) {
  const v = (r) => r[end];
  const days = end === 'max' ? { min: LIMITS.days_min.max, max: LIMITS.days_max.max } : { min: 1, max: 1 };
  const rise = v(LIMITS.rise_during);
  const ladder = {
    id: 'limits', title: 'At the limits', times_per_day: v(LIMITS.times_per_day),
    pain: {
      max_rise_during: rise, max_rise_after: v(LIMITS.rise_after),
      settle_minutes: v(LIMITS.settle_minutes), baseline_max: v(LIMITS.baseline_max),
      // Above max_rise_during, at the top of its range when that allows.
      severe_rise: end === 'max' ? LIMITS.severe_rise.max : LIMITS.rise_during.min + 1
    },
    clinic: { name: null, phone: null, booking_url: null, out_of_hours: null },
    pacing: null,
    stages: Array.from({ length: v(LIMITS.stages) }, (_, k) => ({
      exercise: `ex-${k}`, name: `Exercise ${k}`, url: `/exercises/ex-${k}/`, video: null,
      start: { sets: LIMITS.sets.min, reps: LIMITS.reps.min },
      target: { sets: v(LIMITS.sets), reps: v(LIMITS.reps) },
      days, hold_seconds: v(LIMITS.hold_seconds)
    })),
    milestones: [{ exercise: 'ex-0', name: 'Exercise 0', reps: v(LIMITS.reps), unlocks: 'More.', link: null }]
  };
  return { ...ladder, schedule: idealSchedule(ladder) };
}

test('a ladder at every lowest and every highest limit loads, and matches the schema', () => {
  for (const end of ['min', 'max']) {
    const l = ladderAt(end);
    assert.deepEqual(checkLadder(l), [], end);
    assert.deepEqual(validate(schema, l), [], end);
  }
});

test('a ladder one past any limit is refused by the planner and by the schema', () => {
  const cases = [
    ['times_per_day', (l) => { l.times_per_day = LIMITS.times_per_day.max + 1; }],
    ['times_per_day low', (l) => { l.times_per_day = LIMITS.times_per_day.min - 1; }],
    ['sets', (l) => { l.stages[0].target.sets = LIMITS.sets.max + 1; }],
    ['sets low', (l) => { l.stages[0].start.sets = LIMITS.sets.min - 1; }],
    ['reps', (l) => { l.stages[0].target.reps = LIMITS.reps.max + 1; }],
    ['reps low', (l) => { l.stages[0].start.reps = LIMITS.reps.min - 1; }],
    ['hold_seconds', (l) => { l.stages[0].hold_seconds = LIMITS.hold_seconds.max + 1; }],
    ['days.min', (l) => { l.stages[0].days = { min: LIMITS.days_min.max + 1, max: LIMITS.days_max.max }; }],
    ['days.max', (l) => { l.stages[0].days.max = LIMITS.days_max.max + 1; }],
    ['stages', (l) => { l.stages.push({ ...l.stages[0] }); }],
    ['max_rise_during', (l) => { l.pain.max_rise_during = LIMITS.rise_during.max + 1; }],
    ['severe_rise', (l) => { l.pain.severe_rise = LIMITS.severe_rise.max + 1; }],
    ['max_rise_after', (l) => { l.pain.max_rise_after = LIMITS.rise_after.max + 1; }],
    ['baseline_max', (l) => { l.pain.baseline_max = LIMITS.baseline_max.max + 1; }],
    ['baseline_max low', (l) => { l.pain.baseline_max = LIMITS.baseline_max.min - 1; }],
    ['settle_minutes', (l) => { l.pain.settle_minutes = LIMITS.settle_minutes.max + 1; }],
    ['milestone reps', (l) => { l.milestones[0].reps = LIMITS.reps.max + 1; }]
  ];
  for (const [name, breakIt] of cases) {
    const l = structuredClone(ladderAt('max'));
    breakIt(l);
    assert.notDeepEqual(checkLadder(l), [], `planner accepts ${name}`);
    assert.notDeepEqual(validate(schema, l), [], `schema accepts ${name}`);
  }
});

test('checks the schema cannot state: days.max below days.min, target below start, severe rise within the pain rule', () => {
  const s = structuredClone(ladderAt('max'));
  s.pain.severe_rise = s.pain.max_rise_during;
  assert.deepEqual(checkLadder(s), ['"pain" is incomplete or past its limits']);
  const l = structuredClone(ladderAt('max'));
  l.stages[0].days = { min: 5, max: 4 };
  assert.deepEqual(checkLadder(l), ['stage 1 is incomplete or past its limits']);
  const m = structuredClone(ladderAt('max'));
  m.stages[0].start.reps = 12;
  m.stages[0].target.reps = 11;
  assert.deepEqual(checkLadder(m), ['stage 1 is incomplete or past its limits']);
});

test('the validator refuses keywords it does not implement', () => {
  assert.throws(() => validate({ type: 'integer', exclusiveMaximum: 3 }, 2), /does not implement "exclusiveMaximum"/);
  assert.deepEqual(validate({ type: 'integer', maximum: 3 }, 4), ['$: 4 is above the maximum 3']);
  assert.deepEqual(validate({ type: ['string', 'null'] }, 1), ['$: expected string or null, found integer']);
});
