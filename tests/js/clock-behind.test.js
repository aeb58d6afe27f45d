// A device whose date is wrong (docs/planner.md, "When the device's date is earlier than
// the log"): set back after entries were logged (a flight west, a flat battery, a hand),
// or set forward for one entry and then put right. The planner's rule holds through it:
// never more on a day the pain flared, nor while a flare-up or speak-to-the-clinic note
// shows; and no entry is lost.
// Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../static/planner/engine.js';
import * as P from '../../static/planner/plan.js';
import { ladders, random, addDays, rank, above, MORE } from './flare-sim.js';

const ham = ladders.find((l) => l.id === 'hamstring');

/** Every session of a day done at `reps`; session 1 with this rise. */
function day(ladder, p, date, reps, rise = 0) {
  for (let s = 1; s <= ladder.times_per_day; s++) {
    p = P.withSession(p, { date, session: s, done: true, reps, pain_rise: s === 1 ? rise : 0, pain_stayed_up: false });
  }
  return p;
}

/** The plan as a device with the right date had it on `date`: nothing logged after it. */
function asOf(plan, date) {
  const upTo = (x) => x.date <= date;
  const p = { ...plan, sessions: plan.sessions.filter(upTo), tests: plan.tests.filter(upTo), usual_pain_log: plan.usual_pain_log.filter(upTo) };
  if (plan.spoken_to_clinic) p.spoken_to_clinic = plan.spoken_to_clinic.filter(upTo);
  return p;
}

test('the device\'s date set back after a severe flare-up: no move up beside the flare-up note, on any earlier date', () => {
  // Two days within the pain rules (2 x 5, then 2 x 9), then a severe rise of 7 at 2 x 12.
  let p = P.newPlan(ham, '2025-03-03', 2);
  p = day(ham, p, '2025-03-03', 5);
  p = day(ham, p, '2025-03-04', 9);
  p = P.withSession(p, { date: '2025-03-05', session: 1, done: true, reps: 12, pain_rise: 7, pain_stayed_up: false });
  // The phone's date goes back: one day, two (before the first entry), before the start,
  // and to the year 2000 (a flat battery).
  for (const now of ['2025-03-04', '2025-03-03', '2025-03-01', '2000-01-01']) {
    const st = E.computeState(ham, p, now);
    assert.deepEqual([st.clock_behind, st.device_today, st.today], [true, now, '2025-03-05'], now);
    assert.ok(st.alerts.includes('severe'), `${now}: the flare-up note shows`);
    assert.equal(st.advice, 'stop_today', now);
    assert.ok(!MORE.includes(st.change), `${now}: today's dose came about by ${st.change}`);
    // Never above the dose the device's own today had (2 x 9 on the 4th, else 2 x 5).
    assert.equal(`${st.sets}x${st.reps}`, now === '2025-03-04' ? '2x9' : '2x5', now);
    assert.deepEqual(st.flare_dates, ['2025-03-05'], `${now}: the flare keeps its own date`);
    assert.deepEqual([st.ahead_entries, st.ahead_last], [p.sessions.filter((e) => e.date > now).length, '2025-03-05'], now);
  }
  // The day after the flare-up (a usual pain answer is dated then), still with the date set
  // back: the flare-up is dated on or after the device's today, so it still stops today,
  // with the severe note, at the last dose within the pain rules before it, or lower.
  const next = E.computeState(ham, P.withUsualPain(p, { date: '2025-03-06', usual_pain: 2 }), '2025-03-04');
  assert.deepEqual([next.today, next.advice, next.alerts.includes('severe')], ['2025-03-06', 'stop_today', true]);
  assert.ok(!above(rank(next), rank(E.computeState(ham, asOf(p, '2025-03-04'), '2025-03-04'))));
  // "I have spoken to the clinic", dated as the page dates it (the device's today, or the
  // flare-up's date when that is later), clears the note.
  const st = E.computeState(ham, p, '2025-03-04');
  assert.equal(E.spokenDate(st), '2025-03-05');
  const spoke = P.withClinicContact(p, { date: E.spokenDate(st), flares: st.flare_signs, signs: st.flare_dates });
  assert.equal(E.computeState(ham, spoke, '2025-03-04').alerts.includes('severe'), false);
});

test('a milestone is not unlocked by a test set dated from the device\'s today on while its date is behind', () => {
  // Three days within the rules master the double leg bridge: the 6th starts the single
  // leg bridge, bent knee, the first milestone's exercise.
  let p = P.newPlan(ham, '2025-03-03', 2);
  for (const [date, reps] of [['2025-03-03', 5], ['2025-03-04', 9], ['2025-03-05', 12]]) p = day(ham, p, date, reps);
  p = P.withTest(p, { date: '2025-03-06', exercise: 'single-leg-bridge-bent-knee', reps: 15, pain_rise: 0, pain_stayed_up: false });
  assert.deepEqual(E.computeState(ham, p, '2025-03-06').unlocked, [0], 'with the date right, it is unlocked');
  // An entry dated the 7th, and the device says the 6th: not yet.
  const behind = P.withUsualPain(p, { date: '2025-03-07', usual_pain: 2 });
  const st = E.computeState(ham, behind, '2025-03-06');
  assert.deepEqual([st.clock_behind, st.unlocked], [true, []]);
  // Once the device's date is past the test set's, it counts.
  assert.deepEqual(E.computeState(ham, behind, '2025-03-07').unlocked, [0]);
});

test('answers and test sets given while the device\'s date is behind are dated where they count', () => {
  let p = P.newPlan(ham, '2025-03-03', 2);
  p = day(ham, p, '2025-03-03', 5);
  p = P.withUsualPain(p, { date: '2025-03-05', usual_pain: 3 });
  // A flat battery: the device says 2000. A test set is dated the start, not before it
  // (where the plan would ignore it), and its pain over the rules stops today.
  let st = E.computeState(ham, p, '2000-01-01');
  assert.equal(E.testSetDate(st), '2025-03-03');
  const t = P.withTest(p, { date: E.testSetDate(st), exercise: 'double-leg-bridge', reps: 5, pain_rise: 4, pain_stayed_up: false });
  assert.deepEqual([E.computeState(ham, t, '2000-01-01').advice, P.validatePlan(t, ham).plan.tests.length], ['stop_today', 1]);
  // A usual pain answer replaces the latest one (dated after the device's today), so it counts.
  st = E.computeState(ham, p, '2025-03-04');
  assert.equal(E.usualPainDate(st), '2025-03-05');
  const u = P.withUsualPain(p, { date: E.usualPainDate(st), usual_pain: 6 });
  assert.deepEqual([E.computeState(ham, u, '2025-03-04').usual_pain, E.computeState(ham, u, '2025-03-04').alerts], [6, ['baseline']]);
  // With the device's date right, all three are its today.
  st = E.computeState(ham, p, '2025-03-06');
  assert.deepEqual([E.testSetDate(st), E.usualPainDate(st), E.spokenDate(st)], ['2025-03-06', '2025-03-06', '2025-03-06']);
});

test('the device\'s date set back after days within the pain rules: the dose does not go up', () => {
  let p = P.newPlan(ham, '2025-03-03', 2);
  for (const [date, reps] of [['2025-03-03', 5], ['2025-03-04', 9], ['2025-03-05', 12]]) p = day(ham, p, date, reps);
  const right = E.computeState(ham, p, '2025-03-06');
  assert.deepEqual([right.advice, right.clock_behind], ['next_exercise', false]);
  const wrong = E.computeState(ham, p, '2025-03-04');
  assert.deepEqual([wrong.today, wrong.advice, wrong.held, `${wrong.sets}x${wrong.reps}`], ['2025-03-05', 'same_dose', 'clock', '2x9']);
  assert.deepEqual(wrong.days.map((d) => d.held), [null, 'clock', null]);
  // A pain rule broken on the device's today (an earlier day than the advice's) stops today.
  const sore = P.withSession(p, { date: '2025-03-04', session: 2, done: true, reps: 9, pain_rise: 4, pain_stayed_up: false });
  const st = E.computeState(ham, sore, '2025-03-04');
  assert.deepEqual([st.advice, st.today_stop, st.sessions.map((x) => x.status)], ['stop_today', true, ['done', 'done']]);
});

test('random logs seen on a device whose date went back: never more than its own today, every pain rule kept', () => {
  const rnd = random(20261201);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  let checked = 0, stops = 0, severe = 0;
  for (let run = 0; run < 80; run++) {
    const ladder = ladders[run % ladders.length];
    const start = '2025-05-01';
    let plan = P.newPlan(ladder, start, pick([0, 1, 2, 3]));
    const days = 5 + Math.floor(rnd() * 40);
    for (let d = 0; d < days; d++) {
      const date = addDays(start, d);
      if (rnd() < 0.15) continue;
      const st = E.computeState(ladder, plan, date);
      if (st.finished || st.reps === null) break;
      for (let s = 1; s <= ladder.times_per_day; s++) {
        plan = P.withSession(plan, { date, session: s, done: true, reps: st.reps, pain_rise: pick([0, 0, 0, 1, 2, 3, 6]), pain_stayed_up: pick([false, false, false, true]) });
      }
    }
    const last = addDays(start, days - 1);
    // Every date the device could wrongly show, from before the start to the last entry.
    for (let back = 1; back <= days + 2; back++) {
      const now = addDays(last, -back);
      const st = E.computeState(ladder, plan, now);
      if (!st.clock_behind) continue;
      checked++;
      const own = E.computeState(ladder, asOf(plan, now), now);
      const where = `${ladder.id} run ${run}, device date ${now}`;
      assert.ok(!MORE.includes(st.advice) && !MORE.includes(st.change), `${where}: ${st.advice}`);
      if (!st.finished && !own.finished) assert.ok(!above(rank(st), rank(own)), `${where}: above the device's own today's dose`);
      const pained = [...plan.sessions, ...plan.tests].some((e) => e.date >= now && E.breaksPainRule(ladder, e));
      if (pained) {
        stops++;
        assert.equal(st.advice, 'stop_today', where);
      }
      if (st.alerts.includes('severe')) severe++;
      // No entry is lost: every session is in the day of its own date.
      const inDays = st.days.reduce((n, d) => n + d.sessions.filter(Boolean).length, 0);
      if (!st.finished) assert.equal(inDays, plan.sessions.length, where);
    }
  }
  assert.ok(checked > 500 && stops > 100 && severe > 50, `the logs reached the rules: ${checked} states, ${stops} stops, ${severe} severe`);
});

test('the clock set forward for one entry, then put right: nothing lost, and the pain rules still decide', () => {
  // Days within the pain rules; on the 5th the phone shows a date a year ahead for one session.
  let p = P.newPlan(ham, '2025-03-03', 2);
  p = day(ham, p, '2025-03-03', 5);
  p = day(ham, p, '2025-03-04', 9);
  p = P.withSession(p, { date: '2026-03-05', session: 1, done: true, reps: 12, pain_rise: 0, pain_stayed_up: false });
  // The date is put right: the 5th. The stray entry is kept, and an export and import keep it.
  let st = E.computeState(ham, p, '2025-03-05');
  assert.deepEqual([st.clock_behind, st.ahead_entries, st.ahead_last], [true, 1, '2026-03-05']);
  const v = P.validatePlan(JSON.parse(JSON.stringify(p)), ham);
  assert.ok(v.ok);
  assert.deepEqual(v.plan.sessions.map((e) => e.date), ['2025-03-03', '2025-03-03', '2025-03-04', '2025-03-04', '2026-03-05']);
  // Today's dose is the one the right date gives (2 x 12), never more.
  assert.equal(`${st.sets}x${st.reps}`, '2x12');
  assert.ok(!MORE.includes(st.advice));
  // A flare-up logged on the right date stops today, and shows the severe note.
  p = P.withSession(p, { date: '2025-03-05', session: 1, done: true, reps: 12, pain_rise: 6, pain_stayed_up: false });
  st = E.computeState(ham, p, '2025-03-05');
  assert.deepEqual([st.advice, st.alerts.includes('severe')], ['stop_today', true]);
  // The next day: speak to the clinic first, at the last dose within the rules (2 x 9).
  st = E.computeState(ham, p, '2025-03-06');
  assert.deepEqual([st.advice, `${st.sets}x${st.reps}`, st.alerts.includes('severe')], ['contact_clinic', '2x9', true]);
  // After speaking to the clinic (dated the device's today), days within the pain rules
  // on the right dates move the dose up again, as they would without the stray entry.
  assert.equal(E.spokenDate(st), '2025-03-06');
  p = P.withClinicContact(p, { date: E.spokenDate(st), flares: st.flare_signs, signs: st.flare_dates });
  p = day(ham, p, '2025-03-06', 9);
  p = day(ham, p, '2025-03-07', 12);
  st = E.computeState(ham, p, '2025-03-08');
  const own = E.computeState(ham, asOf(p, '2025-03-08'), '2025-03-08');
  assert.equal(st.alerts.includes('severe'), false);
  assert.equal(own.advice, 'next_exercise');
  assert.deepEqual(rank(st), rank(own));
  assert.ok(!MORE.includes(st.advice), 'said as the same dose: the stray entry\'s day is the one the advice is for');
  // The weekly usual pain question follows the device's date, and an answer ends it.
  assert.equal(E.computeState(ham, p, '2025-03-09').usual_pain_due, false);
  st = E.computeState(ham, p, '2025-03-10');
  assert.equal(st.usual_pain_due, true);
  p = P.withUsualPain(p, { date: E.usualPainDate(st), usual_pain: 1 });
  assert.equal(E.computeState(ham, p, '2025-03-10').usual_pain_due, false);
});
