// Tests for the planner's pure modules (static/planner/: engine, plan, ladder, dates)
// against the shared vectors. Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as engine from '../../static/planner/engine.js';
import * as plan from '../../static/planner/plan.js';
import * as dates from '../../static/planner/dates.js';
import { checkLadder } from '../../static/planner/ladder.js';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(__dirname, '..', '..');
const P = { ...engine, ...plan, ...dates, checkLadder };
const vectorsPath = path.join(root, 'tests', 'fixtures', 'planner', 'vectors.json');
const vectors = JSON.parse(fs.readFileSync(vectorsPath, 'utf8'));

function pick(state, key) {
  switch (key) {
    case 'alerts': return state.alerts.slice().sort();
    case 'outcomes': return state.days.filter((d) => d.outcome !== 'today').map((d) => d.outcome);
    case 'today_sessions': return state.sessions.map((s) => s.complete);
    case 'today_status': return state.sessions.map((s) => s.status);
    case 'reached': return state.milestones.map((m) => m.reached);
    case 'pending': return state.pending.length;
    default: return state[key];
  }
}

test('vectors.json is up to date with its generator', () => {
  execFileSync(process.execPath, [path.join(__dirname, 'gen-vectors.mjs'), '--check'], { stdio: 'pipe' });
});

test('vectors cover both fixture ladders and every advice and alert', () => {
  const ids = new Set(vectors.cases.map((c) => c.ladder.id));
  assert.ok(ids.has('hamstring') && ids.has('patellar'));
  const advice = new Set(vectors.cases.map((c) => c.expect.advice).filter(Boolean));
  for (const a of ['start', 'not_started', 'move_up', 'same_dose', 'step_back', 'next_exercise', 'previous_exercise', 'stop_today', 'contact_clinic', 'finished']) {
    assert.ok(advice.has(a), `no vector expects advice ${a}`);
  }
  const alerts = new Set(vectors.cases.flatMap((c) => c.expect.alerts || []));
  for (const a of ['baseline', 'severe', 'days_max', 'no_progress', 'step_backs']) {
    assert.ok(alerts.has(a), `no vector expects alert ${a}`);
  }
});

for (const c of vectors.cases) {
  test(`vector: ${c.name}`, () => {
    assert.deepEqual(P.checkLadder(c.ladder), [], 'ladder JSON shape');
    assert.deepEqual(P.idealSchedule(c.ladder), c.schedule, 'ideal schedule');
    const v = P.validatePlan(c.log, c.ladder);
    assert.ok(v.ok, 'log is a valid plan file: ' + (v.errors || []).join('; '));
    const state = P.computeState(c.ladder, c.log, c.today);
    for (const key of Object.keys(c.expect)) {
      const want = key === 'alerts' ? c.expect.alerts.slice().sort() : c.expect[key];
      assert.deepEqual(pick(state, key), want, `${key}`);
    }
    // The validated (normalised) copy gives the same state.
    assert.deepEqual(P.computeState(c.ladder, v.plan, c.today), state);
  });
}

const ham = vectors.cases.find((c) => c.ladder.id === 'hamstring').ladder;
const knee = vectors.cases.find((c) => c.ladder.id === 'patellar').ladder;

/**
 * The plan as it was on `date`: what was logged by then (a device whose date is right
 * has nothing dated after its today). Tests that look at one plan on several past days use it.
 */
function asOf(p, date) {
  const upTo = (list) => list.filter((e) => e.date <= date);
  const out = { ...p, sessions: upTo(p.sessions), tests: upTo(p.tests), usual_pain_log: upTo(p.usual_pain_log) };
  if (p.spoken_to_clinic) out.spoken_to_clinic = upTo(p.spoken_to_clinic);
  return out;
}

test('sample ladder schedule: 18 days, 2x5 2x9 2x12 per exercise', () => {
  const s = P.idealSchedule(ham);
  assert.equal(s.length, 18);
  assert.deepEqual(s.slice(0, 4).map((r) => `${r.sets}x${r.reps}`), ['2x5', '2x9', '2x12', '2x5']);
  assert.deepEqual(s[17], { day: 18, stage: 5, sets: 2, reps: 12 });
});

test('second ladder: sets change as well as reps', () => {
  const s = P.idealSchedule(knee);
  assert.equal(s.length, 16);
  assert.deepEqual(s.slice(0, 4).map((r) => `${r.sets}x${r.reps}`), ['1x3', '2x5', '2x8', '3x10']);
});

test('dose rule: starts at start, ends at target, never decreases or passes target', () => {
  let seed = 12345;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let k = 0; k < 2000; k++) {
    const s0 = rnd(6), r0 = rnd(30);
    const stage = {
      start: { sets: s0, reps: r0 },
      target: { sets: s0 + rnd(5), reps: r0 + rnd(40) },
      days: { min: 1 + rnd(15), max: 30 }
    };
    const L = P.stageSteps(stage);
    let prev = null;
    for (let i = 0; i <= L; i++) {
      const d = P.levelDose(stage, i);
      if (i === 0 && L > 0) assert.deepEqual(d, stage.start);
      if (i === L) assert.deepEqual(d, stage.target);
      assert.ok(d.sets <= stage.target.sets && d.reps <= stage.target.reps);
      if (prev) assert.ok(d.sets >= prev.sets && d.reps >= prev.reps);
      // round half up of i*diff/L
      if (L > 0) {
        const exact = (i * (stage.target.reps - r0)) / L;
        assert.equal(d.reps - r0, Math.floor(exact + 0.5));
      }
      prev = d;
    }
  }
});

test('a step back at level 0 stays at the start dose', () => {
  const plan = P.newPlan(ham, '2025-01-01', 2);
  let p = plan;
  for (const date of ['2025-01-01', '2025-01-02', '2025-01-03']) {
    p = P.withSession(p, { date, session: 1, done: true, reps: 5, pain_rise: 4, pain_stayed_up: false });
  }
  const s = P.computeState(ham, p, '2025-01-04');
  assert.equal(s.level, 0);
  assert.equal(s.advice, 'same_dose', 'the dose did not fall, so it is not called a step back');
  assert.equal(s.recent_step_backs, 2);
  assert.ok(s.alerts.includes('step_backs'));
});

test('later entry for the same date and session replaces the earlier one', () => {
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = P.withSession(p, { date: '2025-01-01', session: 1, done: true, reps: 5, pain_rise: 6, pain_stayed_up: false });
  p = P.withSession(p, { date: '2025-01-01', session: 2, done: true, reps: 5, pain_rise: 0, pain_stayed_up: false });
  p = P.withSession(p, { date: '2025-01-01', session: 1, done: true, reps: 5, pain_rise: 1, pain_stayed_up: false });
  assert.equal(p.sessions.length, 2);
  const s = P.computeState(ham, p, '2025-01-02');
  assert.equal(s.days[0].outcome, 'tolerated');
  assert.equal(s.reps, 9);
});

test('alerts come most urgent first: a severe flare before every other note', () => {
  let p = P.newPlan(ham, '2025-01-01', 6);
  for (let i = 1; i <= 20; i++) {
    const date = '2025-01-' + String(i).padStart(2, '0');
    p = P.withSession(p, { date, session: 1, done: true, reps: 5, pain_rise: i === 20 ? 7 : 3, pain_stayed_up: false });
  }
  const s = P.computeState(ham, p, '2025-01-21');
  assert.deepEqual(s.alerts, ['severe', 'baseline', 'days_max', 'no_progress', 'step_backs']);
});

test('today: sessions logged today do not change today\'s dose; pain today is reported', () => {
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = P.withSession(p, { date: '2025-01-01', session: 1, done: true, reps: 5, pain_rise: 3, pain_stayed_up: false });
  const s = P.computeState(ham, p, '2025-01-01');
  assert.equal(s.reps, 5);
  assert.equal(s.today_pain, true);
  assert.equal(s.advice, 'stop_today');
  assert.deepEqual(s.sessions.map((x) => x.status), ['pain', 'skip']);
  const tomorrow = P.computeState(ham, p, '2025-01-02');
  assert.equal(tomorrow.advice, 'same_dose');
  assert.equal(tomorrow.reason, 'pain');
});

test('entries before the start date are ignored; entries after the device\'s today count on their own day', () => {
  let p = P.newPlan(knee, '2025-01-10', 2);
  p = P.withSession(p, { date: '2025-01-09', session: 1, done: true, reps: 3, pain_rise: 0, pain_stayed_up: false });
  p = P.withSession(p, { date: '2025-01-12', session: 1, done: true, reps: 3, pain_rise: 9, pain_stayed_up: false });
  const s = P.computeState(knee, p, '2025-01-11');
  // The device's date went back after the 12th was logged: the advice is for the 12th.
  assert.deepEqual([s.today, s.device_today, s.clock_behind], ['2025-01-12', '2025-01-11', true]);
  assert.deepEqual(s.days.map((d) => [d.date, d.outcome]), [['2025-01-10', 'missed'], ['2025-01-11', 'missed'], ['2025-01-12', 'today']]);
  assert.equal(s.reason, 'missed');
  // The severe rise stops today and asks to speak to the clinic, dated on its own day.
  assert.equal(s.advice, 'stop_today');
  assert.deepEqual(s.alerts, ['severe']);
  assert.deepEqual(s.flare_dates, ['2025-01-12']);
  const calm = P.withSession(p, { date: '2025-01-12', session: 1, done: true, reps: 3, pain_rise: 0, pain_stayed_up: false });
  assert.equal(P.computeState(knee, calm, '2025-01-11').advice, 'same_dose');
  // On time, nothing is behind.
  const onTime = P.computeState(knee, calm, '2025-01-12');
  assert.deepEqual([onTime.today, onTime.device_today, onTime.clock_behind], ['2025-01-12', '2025-01-12', false]);
});

test('history: one record per day from the start to today, with the dose of that day', () => {
  let p = P.newPlan(knee, '2025-01-01', 2);
  p = P.withSession(p, { date: '2025-01-01', session: 1, done: true, reps: 3, pain_rise: 1, pain_stayed_up: false });
  p = P.withSession(p, { date: '2025-01-02', session: 1, done: true, reps: 5, pain_rise: 1, pain_stayed_up: false });
  const s = P.computeState(knee, p, '2025-01-04');
  assert.deepEqual(s.days.map((d) => [d.date, d.sets, d.reps, d.outcome, d.change]), [
    ['2025-01-01', 1, 3, 'tolerated', 'move_up'],
    ['2025-01-02', 2, 5, 'tolerated', 'move_up'],
    ['2025-01-03', 2, 8, 'missed', 'same_dose'],
    ['2025-01-04', 2, 8, 'today', null]
  ]);
  assert.equal(s.hold_seconds, 30);
});

test('dates: real calendar days only, no daylight-saving drift', () => {
  assert.ok(P.isDate('2024-02-29'));
  assert.ok(!P.isDate('2025-02-29'));
  assert.ok(!P.isDate('2025-13-01'));
  assert.ok(!P.isDate('2025-1-01'));
  assert.ok(!P.isDate(20250101));
  assert.equal(P.addDays('2025-03-29', 2), '2025-03-31'); // across a DST change in Europe
  assert.equal(P.addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(P.daysBetween('2025-01-01', '2025-12-31'), 364);
  assert.equal(P.localDate(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
});

test('import validation: a good file round-trips', () => {
  const c = vectors.cases.find((x) => x.log.sessions.length > 4);
  const text = JSON.stringify(c.log);
  const v = P.validatePlan(JSON.parse(text), c.ladder);
  assert.ok(v.ok);
  assert.deepEqual(v.plan.sessions, c.log.sessions);
});

test('import validation: bad files get a clear message', () => {
  const good = P.newPlan(ham, '2025-01-01', 2);
  const bad = (patch) => P.validatePlan(Object.assign({}, good, patch), ham);
  assert.match(P.validatePlan(null, ham).errors[0], /does not contain planner data/);
  assert.match(P.validatePlan([], ham).errors[0], /does not contain planner data/);
  assert.match(P.validatePlan({ hello: 1 }, ham).errors[0], /not a sinew planner file/);
  assert.match(bad({ version: 3 }).errors[0], /version 3/);
  assert.match(bad({ ladder: 'patellar' }).errors[0], /for the plan "patellar", not for this plan/);
  assert.match(bad({ start_date: '2025-02-30' }).errors[0], /start date/);
  assert.match(bad({ usual_pain: 11 }).errors[0], /usual pain/);
  assert.match(bad({ sessions: 'x' }).errors[0], /sessions is missing/);
  const s = { date: '2025-01-01', session: 3, done: true, reps: 5, pain_rise: 0, pain_stayed_up: false };
  assert.match(bad({ usual_pain_log: 'x' }).errors[0], /usual pain answers is missing/);
  assert.match(bad({ usual_pain_log: [{ date: '2025-01-08', usual_pain: 11 }] }).errors[0], /Usual pain answer 1: the usual pain/);
  assert.match(bad({ sessions: [{ ...s, session: 1, pain_stayed_up: 'no' }] }).errors[0], /"pain_stayed_up" must be true, false, or null/);
  assert.match(bad({ sessions: [s] }).errors[0], /Session entry 1: the session number must be 1 to 2/);
  assert.match(bad({ sessions: [{ ...s, session: 1, pain_rise: -1 }] }).errors[0], /pain rise/);
  assert.match(bad({ sessions: [{ ...s, session: 1, done: 'yes' }] }).errors[0], /"done"/);
  assert.match(bad({ tests: [{ date: '2025-01-01', reps: 3, pain_rise: 0 }] }).errors[0], /exercise is missing/);
  assert.ok(bad({ sessions: [{ ...s, session: 1 }, { ...s, session: 1, reps: 7 }] }).plan.sessions.length === 1);
});

test('breaksPainRule follows the ladder\'s numbers', () => {
  assert.equal(P.breaksPainRule(ham, { pain_rise: 2, pain_stayed_up: false }), false);
  assert.equal(P.breaksPainRule(ham, { pain_rise: 3, pain_stayed_up: false }), true);
  assert.equal(P.breaksPainRule(ham, { pain_rise: 0, pain_stayed_up: true }), true);
  assert.equal(P.breaksPainRule(knee, { pain_rise: 3, pain_stayed_up: false }), false);
});

test('checkLadder reports a broken embedded ladder', () => {
  assert.deepEqual(P.checkLadder(ham), []);
  assert.ok(P.checkLadder({}).length > 0);
  assert.ok(P.checkLadder(null).length > 0);
  const broken = JSON.parse(JSON.stringify(ham));
  broken.stages[0].target.reps = 1;
  assert.deepEqual(P.checkLadder(broken), ['stage 1 is incomplete or past its limits']);
});

test('docs/planner.md worked example, with its flare-up day', () => {
  const s = (date, session, reps, rise, stayed = false) =>
    ({ date, session, done: true, reps, pain_rise: rise, pain_stayed_up: stayed });
  let p = P.newPlan(ham, '2025-03-03', 3);
  for (const e of [
    s('2025-03-03', 1, 5, 1), s('2025-03-03', 2, 5, 1),
    s('2025-03-04', 1, 9, 1), s('2025-03-04', 2, 9, 2),
    s('2025-03-05', 1, 12, 3)
  ]) p = P.withSession(p, e);
  const dose = (st) => `${st.sets}x${st.reps}`;
  const at = (date) => P.computeState(ham, asOf(p, date), date);
  assert.deepEqual(at('2025-03-03').alerts, []);
  // The flare-up day: stop for today, the evening session is not to be done.
  const wed = at('2025-03-05');
  assert.equal(wed.advice, 'stop_today');
  assert.equal(dose(wed), '2x12');
  assert.deepEqual(wed.sessions.map((x) => x.status), ['pain', 'skip']);
  assert.deepEqual(wed.alerts, []);
  const thu = at('2025-03-06');
  assert.equal(thu.advice, 'step_back');
  assert.equal(dose(thu), '2x9');
  // Thursday: the evening answer is "too soon to tell" at first ...
  p = P.withSession(p, s('2025-03-06', 1, 9, 1));
  p = P.withSession(p, s('2025-03-06', 2, 9, 1, null));
  assert.equal(at('2025-03-07').advice, 'same_dose');
  assert.equal(at('2025-03-07').reason, 'incomplete');
  assert.equal(at('2025-03-07').pending.length, 1);
  // ... and "yes" on Friday morning: a second pain day running.
  p = P.withAnswer(p, { kind: 'session', date: '2025-03-06', session: 2 }, true);
  const fri = at('2025-03-07');
  assert.equal(fri.advice, 'step_back');
  assert.equal(dose(fri), '2x5');
  assert.equal(fri.pending.length, 0);
  assert.deepEqual(fri.alerts, []);
  for (const e of [
    s('2025-03-08', 1, 5, 0), s('2025-03-08', 2, 5, 0),
    s('2025-03-09', 1, 9, 1), s('2025-03-09', 2, 9, 1),
    s('2025-03-10', 1, 12, 1), s('2025-03-10', 2, 12, 1)
  ]) p = P.withSession(p, e);
  const day9 = at('2025-03-09');
  assert.deepEqual(day9.days.map((d) => `${d.date.slice(8)} ${d.sets}x${d.reps} ${d.outcome}`), [
    '03 2x5 tolerated', '04 2x9 tolerated', '05 2x12 pain', '06 2x9 pain', '07 2x5 missed', '08 2x5 tolerated',
    '09 2x9 today'
  ]);
  assert.equal(at('2025-03-08').advice, 'same_dose');
  assert.equal(day9.advice, 'move_up');
  assert.deepEqual(day9.alerts, ['days_max']);
  assert.deepEqual(at('2025-03-08').alerts, []);
  assert.equal(dose(at('2025-03-10')), '2x12');
  assert.deepEqual(at('2025-03-10').alerts, ['days_max']);
  // The milestone's exercise is not reached on Monday 10: no test set is offered for it.
  assert.deepEqual(at('2025-03-10').milestones.map((m) => m.reached), [false, false, false]);
  const day11 = at('2025-03-11');
  assert.equal(day11.advice, 'next_exercise');
  assert.equal(day11.exercise.name, 'Single leg bridge, bent knee');
  assert.equal(dose(day11), '2x5');
  assert.deepEqual(day11.alerts, []);
  p = P.withTest(p, { date: '2025-03-11', exercise: 'single-leg-bridge-bent-knee', reps: 15, pain_rise: 1, pain_stayed_up: false });
  assert.deepEqual(at('2025-03-11').unlocked, [0]);
});

const fixture = (name) => JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'planner', name), 'utf8'));

test('a plan saved by the version-1 planner loads, as the same plan in version 2', () => {
  const v1 = fixture('plan-v1.json');
  assert.equal(v1.version, 1);
  const v = P.validatePlan(v1, ham);
  assert.ok(v.ok, (v.errors || []).join('; '));
  assert.equal(v.plan.version, 2);
  assert.deepEqual(v.plan.usual_pain_log, []);
  assert.deepEqual(v.plan.sessions, v1.sessions);
  // Version 1 left a test set's "pain_stayed_up" out when it was no.
  assert.equal(v.plan.tests[0].pain_stayed_up, false);
  const st = P.computeState(ham, v.plan, '2025-03-06');
  assert.equal(st.advice, 'step_back');
  assert.equal(`${st.sets}x${st.reps}`, '2x9');
  assert.deepEqual(st.days.slice(0, 3).map((d) => d.outcome), ['tolerated', 'tolerated', 'pain']);
  // A version-1 file never had an unanswered question.
  const open = { ...v1, sessions: [{ ...v1.sessions[0], pain_stayed_up: null }] };
  // ... and the message says what a version-1 file may hold (not "or null").
  assert.equal(P.validatePlan(open, ham).errors[0], 'Session entry 1: "pain_stayed_up" must be true or false.');
  // Saved again, it is a version-2 plan that loads as it is.
  const again = P.validatePlan(JSON.parse(JSON.stringify(v.plan)), ham);
  assert.ok(again.ok);
  assert.deepEqual(again.plan, v.plan);
});

test('imports refuse or ignore exactly what the log form would', () => {
  const good = P.newPlan(ham, '2025-01-10', 2);
  const s = { date: '2025-01-10', session: 1, done: true, reps: 5, pain_rise: 0, pain_stayed_up: false };
  const check = (patch, opts) => P.validatePlan({ ...good, ...patch }, ham, opts);
  // Done without reps: refused, with the fix.
  assert.match(check({ sessions: [{ ...s, reps: null }] }).errors[0],
    /Session entry 1: it is marked as done but has no reps\. Add the reps, or mark it as not done\./);
  assert.match(check({ sessions: [{ date: '2025-01-10', session: 1, done: true, pain_rise: 0, pain_stayed_up: false }] }).errors[0],
    /marked as done but has no reps/);
  // Dated before the start: ignored, sessions, test sets and usual pain alike.
  const early = check({
    sessions: [{ ...s, date: '2025-01-09' }, s],
    tests: [{ date: '2025-01-09', exercise: 'single-leg-bridge-bent-knee', reps: 20, pain_rise: 0, pain_stayed_up: false }],
    usual_pain_log: [{ date: '2025-01-09', usual_pain: 9 }]
  });
  assert.ok(early.ok);
  assert.deepEqual(early.plan.sessions.map((e) => e.date), ['2025-01-10']);
  assert.deepEqual(early.plan.tests, []);
  assert.deepEqual(early.plan.usual_pain_log, []);
  // Dated after today on the importing device (another phone's clock or time zone): kept,
  // never lost; the engine counts them from their own date and says they are there.
  const late = check({
    sessions: [s, { ...s, date: '2025-01-12' }],
    tests: [{ date: '2025-01-13', exercise: 'double-leg-bridge', reps: 5, pain_rise: 0, pain_stayed_up: false }],
    usual_pain_log: [{ date: '2025-01-12', usual_pain: 3 }]
  });
  assert.deepEqual(late.plan.sessions.map((e) => e.date), ['2025-01-10', '2025-01-12']);
  assert.deepEqual(late.plan.tests.map((e) => e.date), ['2025-01-13']);
  assert.deepEqual(late.plan.usual_pain_log, [{ date: '2025-01-12', usual_pain: 3 }]);
  const lateState = P.computeState(ham, late.plan, '2025-01-11');
  assert.deepEqual([lateState.ahead_entries, lateState.ahead_last], [2, '2025-01-13']);
  // The advice is for the latest logged date: every entry counts on its own day.
  assert.deepEqual(lateState.days.map((d) => d.date).slice(-1), ['2025-01-13']);
  assert.equal(lateState.clock_behind, true);
  const onTime = P.computeState(ham, late.plan, '2025-01-13');
  assert.deepEqual([onTime.ahead_entries, onTime.ahead_last], [0, null]);
  // Not done: its reps and pain are not kept (the form does not ask them).
  const notDone = check({ sessions: [{ ...s, done: false, reps: 5, pain_rise: 7, pain_stayed_up: true }] });
  assert.deepEqual(notDone.plan.sessions[0], { date: '2025-01-10', session: 1, done: false, reps: null, pain_rise: 0, pain_stayed_up: false });
  // A session not done breaks no pain rule.
  assert.equal(P.breaksPainRule(ham, { done: false, pain_rise: 9, pain_stayed_up: true }), false);
});

test('answers given later, and the weekly usual pain, are stored in the plan', () => {
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = P.withSession(p, { date: '2025-01-01', session: 1, done: true, reps: 5, pain_rise: 0, pain_stayed_up: null });
  p = P.withTest(p, { date: '2025-01-01', exercise: 'double-leg-bridge', reps: 5, pain_rise: 0, pain_stayed_up: false });
  p = P.withTest(p, { date: '2025-01-01', exercise: 'double-leg-bridge', reps: 6, pain_rise: 0, pain_stayed_up: null });
  const pending = P.computeState(ham, p, '2025-01-02').pending;
  assert.deepEqual(pending.map((x) => [x.kind, x.date, x.session]), [['session', '2025-01-01', 1], ['test', '2025-01-01', 1]]);
  p = P.withAnswer(p, pending[1], false);
  assert.equal(p.tests[1].pain_stayed_up, false);
  assert.equal(p.tests[0].pain_stayed_up, false);
  p = P.withAnswer(p, pending[0], true);
  assert.equal(p.sessions[0].pain_stayed_up, true);
  assert.deepEqual(P.computeState(ham, p, '2025-01-02').pending, []);
  p = P.withUsualPain(p, { date: '2025-01-08', usual_pain: 5 });
  p = P.withUsualPain(p, { date: '2025-01-08', usual_pain: 4 });
  assert.deepEqual(p.usual_pain_log, [{ date: '2025-01-08', usual_pain: 4 }]);
  assert.equal(P.computeState(ham, asOf(p, '2025-01-07'), '2025-01-07').usual_pain, 2);
  assert.equal(P.computeState(ham, p, '2025-01-08').usual_pain, 4);
});

test('"I have spoken to the clinic" answers: stored one per date, checked and kept on import', () => {
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = P.withSession(p, { date: '2025-01-02', session: 1, done: true, reps: 9, pain_rise: 7, pain_stayed_up: false });
  const st = P.computeState(ham, p, '2025-01-03');
  assert.deepEqual([st.advice, st.alerts, st.flare_signs, st.flare_date], ['contact_clinic', ['severe'], 1, '2025-01-02']);
  p = P.withClinicContact(p, { date: '2025-01-03', flares: 0 });
  p = P.withClinicContact(p, { date: '2025-01-03', flares: st.flare_signs });
  assert.deepEqual(p.spoken_to_clinic, [{ date: '2025-01-03', flares: 1 }]);
  const after = P.computeState(ham, p, '2025-01-03');
  assert.deepEqual([after.alerts, after.flare_date], [[], null]);
  assert.equal(after.days[after.days.length - 1].spoke, true, 'the day shows the answer');
  // Kept through an import, and dropped when dated before the start (one dated after
  // today on the importing device is kept: it counts on its own date).
  const v = P.validatePlan(JSON.parse(JSON.stringify(p)), ham);
  assert.ok(v.ok);
  assert.deepEqual(v.plan.spoken_to_clinic, [{ date: '2025-01-03', flares: 1 }]);
  const early = P.validatePlan({ ...p, spoken_to_clinic: [{ date: '2024-12-31', flares: 0 }] }, ham);
  assert.ok(early.ok);
  assert.equal(early.plan.spoken_to_clinic, undefined, 'none left: left out, as in a plan without answers');
  const dated = P.validatePlan({ ...p, spoken_to_clinic: [{ date: '2024-12-31', flares: 0 }, { date: '2025-01-09', flares: 1 }] }, ham);
  assert.ok(dated.ok);
  assert.deepEqual(dated.plan.spoken_to_clinic, [{ date: '2025-01-09', flares: 1 }]);
  assert.deepEqual(P.computeState(ham, asOf(dated.plan, '2025-01-05'), '2025-01-05').alerts, ['severe']);
  // On a device whose date went back, the advice is for the answer's date: the answer
  // covers the log up to it, so the page does not ask for it again.
  const behind = P.computeState(ham, dated.plan, '2025-01-05');
  assert.deepEqual([behind.clock_behind, behind.today, behind.alerts.includes('severe')], [true, '2025-01-09', false]);
  // Refused: not a list, no real date, a count that is not a whole number.
  assert.match(P.validatePlan({ ...p, spoken_to_clinic: 'yes' }, ham).errors[0], /not a list/);
  assert.match(P.validatePlan({ ...p, spoken_to_clinic: [{ date: '2025-02-30', flares: 1 }] }, ham).errors[0],
    /^"Spoken to the clinic" answer 1: the date is not a real date\.$/);
  assert.match(P.validatePlan({ ...p, spoken_to_clinic: [{ date: '2025-01-03', flares: 1.5 }] }, ham).errors[0],
    /^"Spoken to the clinic" answer 1: "flares" must be a whole number, 0 or more\.$/);
  // A plan without answers validates to the same plan as before they existed.
  const plain = P.newPlan(ham, '2025-01-01', 2);
  assert.deepEqual(P.validatePlan(plain, ham).plan, plain);
});

test('a sealed plan: any change to its text breaks the seal, and only the frame of a sealed plan is checked', () => {
  const p = P.withSession(P.newPlan(ham, '2025-01-01', 2),
    { date: '2025-01-01', session: 1, done: true, reps: 5, pain_rise: 0, pain_stayed_up: false });
  const text = JSON.stringify(p);
  assert.equal(P.sealOf(text), P.sealOf(String(text)));
  for (const changed of [text.replace('"reps":5', '"reps":6'), text.replace('"reps":5', '"reps":50'), text + ' ', text.slice(1)]) {
    assert.notEqual(P.sealOf(changed), P.sealOf(text), changed);
  }
  assert.match(P.sealOf(text), new RegExp('^' + P.CHECKS_REVISION + ':' + text.length + ':'));
  assert.deepEqual(P.sealedPlan(JSON.parse(text), ham), p);
  // The frame is still checked: another ladder, another version, a missing list.
  assert.equal(P.sealedPlan({ ...p, ladder: 'other' }, ham), null);
  assert.equal(P.sealedPlan({ ...p, version: 1 }, ham), null);
  assert.equal(P.sealedPlan({ ...p, sessions: undefined }, ham), null);
  assert.equal(P.sealedPlan({ ...p, spoken_to_clinic: {} }, ham), null);
});

test('a milestone is not reached on a day a pain rule was broken, even by a test set within them', () => {
  // A test set done before a flare-up that day (or logged after it): reaching the
  // milestone would invite more activity ("Start to build up your everyday activities")
  // on the very day the patient is told to stop. It counts on a day within the pain rules.
  const s = (date, session, reps, rise) => ({ date, session, done: true, reps, pain_rise: rise, pain_stayed_up: false });
  let p = P.newPlan(ham, '2025-03-03', 2);
  for (const [date, reps] of [['2025-03-03', 5], ['2025-03-04', 9], ['2025-03-05', 12]]) {
    p = P.withSession(p, s(date, 1, reps, 0));
    p = P.withSession(p, s(date, 2, reps, 0));
  }
  // Thursday 6: the first day of the milestone's exercise. A good test set, then a session over the rules.
  p = P.withTest(p, { date: '2025-03-06', exercise: 'single-leg-bridge-bent-knee', reps: 15, pain_rise: 0, pain_stayed_up: false });
  p = P.withSession(p, s('2025-03-06', 1, 5, 4));
  const thu = P.computeState(ham, p, '2025-03-06');
  assert.equal(thu.advice, 'stop_today');
  assert.deepEqual(thu.unlocked, [], 'not on the flare-up day');
  assert.deepEqual(P.computeState(ham, p, '2025-03-07').unlocked, [], 'nor later, from that day');
  // Friday 7: back to the double leg bridge at its target, within the rules (mastered
  // again); Saturday 8, on the single leg bridge again, a good test set reaches it.
  p = P.withSession(p, s('2025-03-07', 1, 12, 0));
  p = P.withSession(p, s('2025-03-07', 2, 12, 0));
  p = P.withTest(p, { date: '2025-03-08', exercise: 'single-leg-bridge-bent-knee', reps: 15, pain_rise: 1, pain_stayed_up: false });
  const sat = P.computeState(ham, p, '2025-03-08');
  assert.equal(sat.advice !== 'stop_today', true);
  assert.deepEqual(sat.unlocked, [0]);
  assert.equal(sat.milestones[0].date, '2025-03-08');
});
