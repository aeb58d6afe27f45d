// The page's engine (static/planner/engine.js, its day loop made cheap for two-year plans:
// issue 12's speed target) against the straightforward engine it replaced
// (tests/js/engine-reference.js): the whole state, every field of every day, must be
// the same over many random logs, on every day of each plan and around it. The logs are
// rougher than the page writes (entries out of order, repeated, before the start, after
// today, numbers of sessions out of range, test sets, usual pain answers, "I have spoken
// to the clinic" answers that stand and that do not), so that every branch of the rules
// is compared, not only the page's everyday path.
// Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from '../../static/planner/engine.js';
import * as R from './engine-reference.js';
import { dayNames, dayNumber, formatDay } from '../../static/planner/dates.js';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'planner', 'vectors.json'), 'utf8'));
const ladders = [...new Map(vectors.cases.map((c) => [c.ladder.id, c.ladder])).values()];

/** A seeded generator, so a failure names a case that can be run again. */
function random(seed) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  /** @template T @param {T[]} a @returns {T} */
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  return { rnd, pick };
}

/**
 * A random plan of `days` days for `L` from `start` (a day number), as rough as a stored
 * or imported plan could be.
 */
function randomPlan(L, start, days, { rnd, pick }) {
  const date = (n) => formatDay(start + n);
  const tpd = L.times_per_day;
  // Plans that break a pain rule often, now and then, or rarely (these reach far up the
  // ladder, and step back from high up).
  const painful = pick([0.4, 0.12, 0.03]);
  const rise = () => {
    const r = rnd();
    if (r < painful / 2) return L.pain.max_rise_during + 1;
    if (r < painful * 0.75) return E.severeRise(L);
    if (r < painful) return Math.floor(rnd() * 11);
    return Math.floor(rnd() * (L.pain.max_rise_during + 1));
  };
  const stayed = () => {
    const r = rnd();
    return r < painful / 5 ? true : r < 0.1 ? null : false;
  };
  const sessions = [];
  const tests = [];
  const usual = [];
  for (let k = -2; k < days + 3; k++) {
    const skip = rnd() < 0.15;
    for (let s = 1; s <= tpd; s++) {
      if (skip || rnd() < 0.08) continue;
      const done = rnd() > 0.06;
      sessions.push({
        date: date(k), session: s, done,
        reps: done ? (rnd() < 0.05 ? null : Math.floor(rnd() * 25)) : null,
        pain_rise: rise(), pain_stayed_up: stayed(), exercise: pick(L.stages).exercise,
        ...(rnd() < 0.05 ? { note: 'tight after stairs' } : {})
      });
      // The same session logged again (the later entry wins), or a session number out of range.
      if (rnd() < 0.04) sessions.push({ ...sessions[sessions.length - 1], reps: 30, pain_rise: rise() });
      if (rnd() < 0.01) sessions.push({ ...sessions[sessions.length - 1], session: pick([0, tpd + 1, 1.5]) });
    }
    if (rnd() < 0.06) {
      const m = L.milestones && L.milestones.length && rnd() < 0.7 ? pick(L.milestones) : null;
      tests.push({
        date: date(k), exercise: m ? m.exercise : pick(L.stages).exercise, reps: m ? m.reps + Math.floor(rnd() * 3) - 1 : 10,
        pain_rise: rise(), pain_stayed_up: stayed()
      });
    }
    if (rnd() < 0.05) usual.push({ date: date(k), usual_pain: pick([0, 1, 2, L.pain.baseline_max - 1, L.pain.baseline_max, 8]) });
  }
  // Now and then out of date order, as a hand-edited or merged file could be.
  if (rnd() < 0.2) sessions.sort(() => rnd() - 0.5);
  if (rnd() < 0.2) usual.sort(() => rnd() - 0.5);
  const plan = {
    format: 'sinew-planner', version: 2, ladder: L.id, start_date: date(0),
    usual_pain: pick([0, 1, 2, 3, L.pain.baseline_max]), usual_pain_log: usual, sessions, tests
  };
  // "I have spoken to the clinic": given with the signs the log held that day (it stands
  // until the log changes under it), or with a count that no longer fits (it does not).
  const spoken = [];
  for (let k = 0; k < days; k++) {
    if (rnd() < 0.04) {
      const st = R.computeState(L, plan, date(k));
      const entry = { date: date(k), flares: rnd() < 0.85 ? st.flare_signs : st.flare_signs + 1 };
      if (rnd() < 0.6) entry.signs = rnd() < 0.9 ? st.flare_dates : st.flare_dates.slice(1);
      spoken.push(entry);
    }
  }
  if (spoken.length || rnd() < 0.5) plan.spoken_to_clinic = spoken;
  return plan;
}

/** What the compared states showed, so the test knows its logs reach every rule. */
const seen = new Set();

/**
 * Both engines on `today`: the same state, field by field; for the plan as it is (its
 * entries after `today` as from a device whose date went back) and for the plan as it
 * was on `today` (nothing logged after it: the device's date is right).
 */
function same(L, plan, today, where) {
  const upTo = (list) => list.filter((e) => e.date <= today);
  const then = { ...plan, sessions: upTo(plan.sessions), tests: upTo(plan.tests), usual_pain_log: upTo(plan.usual_pain_log),
    spoken_to_clinic: upTo(plan.spoken_to_clinic || []) };
  for (const [p, how] of [[plan, 'the whole log'], [then, 'the log up to today']]) sameState(L, p, today, `${where}, ${how}`);
}

/** Both engines on `today` for `plan`: the same state, field by field. */
function sameState(L, plan, today, where) {
  const want = R.computeState(L, plan, today);
  const got = E.computeState(L, plan, today);
  assert.deepStrictEqual(got, want, `${where}, today ${today}`);
  if (want.clock_behind) seen.add('clock behind');
  seen.add('advice ' + want.advice);
  for (const a of want.alerts) seen.add('alert ' + a);
  for (const d of want.days) {
    seen.add('outcome ' + d.outcome);
    if (d.held) seen.add('held ' + d.held);
    if (d.spoke) seen.add('spoke');
  }
  if (want.unlocked.length) seen.add('milestone');
  if (want.pending.length) seen.add('pending');
}

test('the day names of a run of days are formatDay\'s, across months, leap days and centuries', () => {
  for (const [from, count] of [['1899-12-25', 200000], ['0999-12-20', 30], ['9999-12-01', 31], ['2024-02-27', 5]]) {
    const n = dayNumber(from);
    const names = dayNames(n, count);
    assert.equal(names.length, count);
    for (let i = 0; i < count; i++) if (names[i] !== formatDay(n + i)) assert.fail(`day ${n + i}: ${names[i]} != ${formatDay(n + i)}`);
  }
  assert.deepEqual(dayNames(dayNumber('2025-01-01'), 0), []);
});

test('the engine gives the reference engine\'s state on every day of 200 random short plans', () => {
  const r = random(20261130);
  for (let it = 0; it < 200; it++) {
    const L = r.pick(ladders);
    const days = 1 + Math.floor(r.rnd() * 45);
    const start = dayNumber('2024-02-20') + Math.floor(r.rnd() * 400);
    const plan = randomPlan(L, start, days, r);
    for (let k = -2; k <= days + 2; k++) same(L, plan, formatDay(start + k), `${L.id} case ${it}`);
  }
});

test('the engine gives the reference engine\'s state on long random plans, finished ladders included', () => {
  const r = random(7);
  for (let it = 0; it < 24; it++) {
    const L = r.pick(ladders);
    const days = 150 + Math.floor(r.rnd() * 600);
    const start = dayNumber('2023-11-01') + Math.floor(r.rnd() * 200);
    const plan = randomPlan(L, start, days, r);
    for (let k = -1; k <= days + 1; k += 1 + Math.floor(r.rnd() * 40)) same(L, plan, formatDay(start + k), `${L.id} long case ${it}`);
    same(L, plan, formatDay(start + days - 1), `${L.id} long case ${it}`);
  }
  // The logs reached every advice, alert and outcome (else the comparison proves less).
  const want = ['move_up', 'next_exercise', 'previous_exercise', 'same_dose', 'step_back', 'finished', 'start', 'not_started', 'stop_today', 'contact_clinic']
    .map((a) => 'advice ' + a)
    .concat(['severe', 'baseline', 'days_max', 'no_progress', 'step_backs'].map((a) => 'alert ' + a))
    .concat(['tolerated', 'pain', 'incomplete', 'missed', 'today'].map((o) => 'outcome ' + o))
    .concat(['held baseline', 'held clinic', 'held clock', 'clock behind', 'spoke', 'milestone', 'pending']);
  assert.deepEqual(want.filter((w) => !seen.has(w)), []);
});

test('the engine gives the reference engine\'s state for two years of twice-daily sessions (the benchmark\'s plan)', () => {
  const L = ladders.find((l) => l.id === 'hamstring');
  const start = dayNumber('2024-12-01');
  const sessions = [];
  for (let i = 0; i < 730; i++) {
    for (const s of [1, 2]) {
      sessions.push({ date: formatDay(start + i), session: s, done: true, reps: 5 + (i % 8), pain_rise: (i + s) % 4,
        pain_stayed_up: false, exercise: 'double-leg-bridge', ...(i % 50 === 0 ? { note: 'tight after stairs' } : {}) });
    }
  }
  const plan = { format: 'sinew-planner', version: 2, ladder: 'hamstring', start_date: formatDay(start), usual_pain: 2,
    usual_pain_log: [], sessions, tests: [] };
  sameState(L, plan, formatDay(start + 730), 'benchmark plan');
  assert.equal(E.computeState(L, plan, formatDay(start + 730)).days.length, 731);
});
