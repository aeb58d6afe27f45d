// Failing cases found by a review of the planner's safety rules (docs/planner.md: severe
// flare, baseline hold), each pinned here with the fix that makes it pass.
// Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from '../../static/planner/engine.js';
import * as P from '../../static/planner/plan.js';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'planner', 'vectors.json'), 'utf8'));
const ham = vectors.cases.find((c) => c.ladder.id === 'hamstring').ladder;

/** Both of a day's sessions done at the top reps; session 1 with this rise and answer. */
function day(p, date, rise = 0, stayed = false) {
  for (const s of [1, 2]) {
    p = P.withSession(p, { date, session: s, done: true, reps: 12, pain_rise: s === 1 ? rise : 0, pain_stayed_up: s === 1 ? stayed : false });
  }
  return p;
}

test('usual pain at or above baseline_max given today: today is no step up', () => {
  // Day 1 within the pain rules at usual pain 2; on day 2 the weekly answer is 6 (>= 4).
  let p = day(P.newPlan(ham, '2025-01-01', 2), '2025-01-01');
  p = P.withUsualPain(p, { date: '2025-01-02', usual_pain: 6 });
  const st = E.computeState(ham, p, '2025-01-02');
  assert.ok(st.alerts.includes('baseline'));
  assert.notEqual(st.advice, 'move_up', 'the alert says the dose does not go up while usual pain is high');
  assert.deepEqual([st.sets, st.reps, st.held], [2, 5, 'baseline']);
  // The same answer given the day before the step up holds it as well.
  const before = E.computeState(ham, P.withUsualPain(day(P.newPlan(ham, '2025-01-01', 2), '2025-01-01'),
    { date: '2025-01-01', usual_pain: 6 }), '2025-01-02');
  assert.deepEqual([before.advice, before.sets, before.reps], ['same_dose', 2, 5]);
});

test('a severe flare dated after today (the device clock went back) still asks to speak to the clinic', () => {
  // Logged on 3 January just after midnight; the phone then moved west and says 2 January.
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = day(day(p, '2025-01-01'), '2025-01-02');
  p = day(p, '2025-01-03', 7);
  const st = E.computeState(ham, p, '2025-01-02');
  assert.ok(st.alerts.includes('severe'), 'the flare is in the log');
  assert.equal(st.today_stop, true, 'the pain rule it broke counts today');
  assert.equal(st.advice, 'stop_today');
  assert.equal(st.flare_signs, 1);
  // Its answer, given the same (earlier) day, is dated the flare-up's day, and clears the note.
  assert.equal(E.spokenDate(st), '2025-01-03');
  const spoke = P.withClinicContact(p, { date: E.spokenDate(st), flares: st.flare_signs });
  assert.deepEqual(E.computeState(ham, spoke, '2025-01-02').alerts.filter((a) => a === 'severe'), []);
  // An entry dated after today that broke no rule moves nothing up: the device's date is wrong.
  const calm = day(day(day(P.newPlan(ham, '2025-01-01', 2), '2025-01-01'), '2025-01-02'), '2025-01-03');
  const c = E.computeState(ham, calm, '2025-01-02');
  assert.deepEqual([c.advice, c.alerts, c.today_stop, c.held], ['same_dose', [], false, 'clock']);
});

test('"I have spoken to the clinic" does not cover a flare swapped in for one corrected away', () => {
  // A severe rise on 2 January; the patient speaks to the clinic on 4 January.
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = day(day(p, '2025-01-01'), '2025-01-02', 6);
  const before = E.computeState(ham, p, '2025-01-04');
  p = P.withClinicContact(p, { date: '2025-01-04', flares: before.flare_signs, signs: before.flare_dates });
  assert.deepEqual(E.computeState(ham, p, '2025-01-04').alerts, []);
  // Then 2 January is corrected to a rise of 0, and a severe rise of 8 is logged late for
  // 3 January: the same number of signs, but one the clinic has not heard about.
  p = day(day(p, '2025-01-02', 0), '2025-01-03', 8);
  const st = E.computeState(ham, p, '2025-01-04');
  assert.equal(st.flare_signs, 1);
  assert.deepEqual([st.alerts, st.flare_date, st.advice], [['severe'], '2025-01-03', 'contact_clinic']);
  // The dates travel with the answer through a download and an import; a list that does
  // not fit its count drops the answer (the page asks again), never the other way round.
  const v = P.validatePlan(JSON.parse(JSON.stringify(p)), ham);
  assert.ok(v.ok);
  assert.deepEqual(v.plan.spoken_to_clinic, [{ date: '2025-01-04', flares: 1, signs: ['2025-01-02'] }]);
  for (const signs of [[], ['2025-01-32'], '2025-01-02', [1]]) {
    const w = P.validatePlan({ ...p, spoken_to_clinic: [{ date: '2025-01-04', flares: 1, signs }] }, ham);
    assert.ok(w.ok);
    assert.equal(w.plan.spoken_to_clinic, undefined, JSON.stringify(signs));
  }
  // An answer saved before the dates were kept still stands on its count.
  const old = P.withClinicContact(day(day(P.newPlan(ham, '2025-01-01', 2), '2025-01-01'), '2025-01-02', 6),
    { date: '2025-01-04', flares: 1 });
  assert.deepEqual(E.computeState(ham, old, '2025-01-04').alerts, []);
});

test('the dose held by a high usual pain the last day, with today\'s answer below it: the reason says which answer held it', async () => {
  // 2 January at usual pain 6 held the dose; today's weekly answer is 2 (below 4). The
  // reason line said "Your usual pain is 2 out of 10, which is 4 or more".
  let p = day(day(P.newPlan(ham, '2025-01-01', 2), '2025-01-01'), '2025-01-02');
  p = P.withUsualPain(p, { date: '2025-01-02', usual_pain: 6 });
  p = P.withUsualPain(p, { date: '2025-01-03', usual_pain: 2 });
  const st = E.computeState(ham, p, '2025-01-03');
  assert.deepEqual([st.advice, st.held, st.usual_pain, st.held_usual_pain], ['same_dose', 'baseline', 2, 6]);
  const { T } = await import('../../static/planner/strings.js');
  assert.equal(T.reasonBaselineHeldBefore('2 January', st.held_usual_pain, ham.pain.baseline_max),
    'On 2 January your usual pain was 6 out of 10, which is 4 or more, so the dose did not go up.');
});

test('random logs: the dose never goes up after a pain day, into or after a day of high usual pain, or while a flare waits', () => {
  const ladders = [...new Map(vectors.cases.map((c) => [c.ladder.id, c.ladder])).values()];
  let seed = 20251130;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  /** @template T @param {T[]} a */
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const plusDays = (n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
  for (let it = 0; it < 500; it++) {
    const L = pick(ladders);
    const n = 4 + Math.floor(rnd() * 14);
    const today = plusDays(n);
    let p = P.newPlan(L, plusDays(0), pick([1, 2, 3, L.pain.baseline_max]));
    for (let k = 0; k <= n; k++) {
      const date = plusDays(k);
      for (let s = 1; s <= L.times_per_day; s++) {
        const r = rnd();
        if (r < 0.1) continue;
        const rise = r < 0.75 ? 0 : r < 0.85 ? L.pain.max_rise_during + 1 : r < 0.92 ? E.severeRise(L) : Math.floor(rnd() * 11);
        p = P.withSession(p, { date, session: s, done: rnd() > 0.05, reps: 30, pain_rise: rise,
          pain_stayed_up: rnd() < 0.07 ? true : rnd() < 0.05 ? null : false });
      }
      if (rnd() < 0.1) p = P.withUsualPain(p, { date, usual_pain: pick([1, 2, L.pain.baseline_max, 8]) });
      if (rnd() < 0.15) {
        const st = E.computeState(L, p, date);
        p = P.withClinicContact(p, { date, flares: st.flare_signs, signs: st.flare_dates });
      }
    }
    const offsets = [];
    let acc = 0;
    for (const s of L.stages) offsets.push(acc), (acc += E.stageSteps(s) + 1);
    const pos = (d) => offsets[d.stage] + d.level;
    const days = E.computeState(L, p, today).days;
    for (let i = 0; i + 1 < days.length; i++) {
      const d = days[i], next = days[i + 1];
      if (pos(next) <= pos(d)) continue;
      const where = `${L.id} ${d.date} -> ${next.date} (case ${it})`;
      assert.notEqual(d.outcome, 'pain', 'up after a pain day: ' + where);
      assert.ok(!E.baselineTooHigh(L, E.usualPainOn(p, d.date).value), 'up after high usual pain: ' + where);
      assert.ok(!E.baselineTooHigh(L, E.usualPainOn(p, next.date).value), 'up into high usual pain: ' + where);
      const then = E.computeState(L, p, next.date);
      assert.ok(!(then.flare_date !== null && then.flare_date < next.date), 'up while a flare waits: ' + where);
      assert.ok(!['move_up', 'next_exercise'].includes(then.advice) || !then.alerts.some((a) => a === 'severe' || a === 'baseline'),
        'a step up beside a severe or baseline alert: ' + where);
    }
  }
});
