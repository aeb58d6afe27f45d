// Weeks of a patient's real, untidy logging with flare-ups, as a second fresh tester
// simulated it (seeded, the same logs every run) over every ladder of the shared vectors:
// sessions logged a day late, "did your pain stay up" answered later (yes or no), fewer
// or more reps than asked, sessions skipped, a week or more away, the usual pain changed,
// milestone test sets (some over the pain rules), and "I have spoken to the clinic".
// flare-fortnight.test.js checks the same rule on tidy fortnights. The rule: on the day
// of a flare-up (a session or test set dated that day over a pain rule, however late it
// was logged) and on the day after, the planner never shows a higher dose than it showed
// on the morning of the flare-up day, and never advises moving up (docs/planner.md,
// "Pain rules").
// Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../static/planner/engine.js';
import * as P from '../../static/planner/plan.js';
import { ladders, random, addDays, rank, above, MORE } from './flare-sim.js';

/** The dates of the plan's sessions and test sets over a pain rule. */
function flareDates(ladder, plan) {
  const out = new Set();
  for (const e of plan.sessions) if (E.breaksPainRule(ladder, e)) out.add(e.date);
  for (const t of plan.tests) if (E.breaksPainRule(ladder, { done: true, ...t })) out.add(t.date);
  return out;
}

/** The plan as it stood on the morning of `date`: nothing dated that day or later. */
function morningOf(plan, date) {
  const before = (x) => x.date < date;
  const p = { ...plan, sessions: plan.sessions.filter(before), tests: plan.tests.filter(before), usual_pain_log: plan.usual_pain_log.filter(before) };
  if (plan.spoken_to_clinic) p.spoken_to_clinic = plan.spoken_to_clinic.filter(before);
  return p;
}

test('weeks of untidy logs with flare-ups: no more on a flare day or the day after', () => {
  const rnd = random(11);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  let flares = 0, late = 0, tests = 0, spoken = 0, away = 0;
  for (let run = 0; run < 120; run++) {
    const ladder = ladders[run % ladders.length];
    const start = '2025-03-01';
    let plan = P.newPlan(ladder, start, pick([0, 1, 2, 3]));
    // Half the patients flare often; the others rarely, so they reach the milestones.
    const rough = run % 2 === 0;
    const rises = rough ? [0, 0, 0, 1, 2, 3, 4, 6, 8] : [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 6];
    const stays = rough ? [false, false, false, true, null] : [false, false, false, false, false, false, false, false, null, true];
    const days = 30 + Math.floor(rnd() * 50);
    for (let d = 0; d < days;) {
      const date = addDays(start, d);
      const morning = E.computeState(ladder, plan, date);
      if (d > 0 && rnd() < 0.1) {
        // Yesterday's session, logged this morning (perhaps over the pain rules).
        const yesterday = addDays(date, -1);
        const then = E.computeState(ladder, plan, yesterday);
        const session = 1 + Math.floor(rnd() * ladder.times_per_day);
        plan = P.withSession(plan, { date: yesterday, session, done: true, reps: then.reps, pain_rise: pick(rises), pain_stayed_up: pick(stays) });
        late++;
      }
      for (const p of morning.pending || []) if (rnd() < 0.5) plan = P.withAnswer(plan, p, rnd() < 0.3);
      if (rnd() < 0.05) plan = P.withUsualPain(plan, { date, usual_pain: pick([0, 1, 2, 3, 4, 5, 7]) });
      if (morning.flare_date && rnd() < 0.3) {
        plan = P.withClinicContact(plan, { date, flares: morning.flare_signs, signs: morning.flare_dates });
        spoken++;
      }
      for (let s = 1; s <= ladder.times_per_day; s++) {
        if (rnd() < 0.1) continue;
        const now = E.computeState(ladder, plan, date);
        const done = rnd() < 0.9;
        plan = P.withSession(plan, {
          date, session: s, done,
          reps: done ? Math.max(1, now.reps + pick([0, 0, 0, -2, 3])) : null,
          pain_rise: done ? pick(rises) : 0,
          pain_stayed_up: done ? pick(stays) : false
        });
      }
      for (const m of E.computeState(ladder, plan, date).milestones || []) {
        if (m.reached && !m.unlocked && rnd() < 0.5) {
          plan = P.withTest(plan, { date, exercise: m.milestone.exercise, reps: pick([5, 15, 20]), pain_rise: pick([0, 3, 6]), pain_stayed_up: pick([false, true, null]) });
          tests++;
        }
      }
      const gap = rnd() < 0.05 ? 7 + Math.floor(rnd() * 5) : 1;
      if (gap > 1) away++;
      d += gap;
    }
    for (const flare of flareDates(ladder, plan)) {
      flares++;
      const before = rank(E.computeState(ladder, morningOf(plan, flare), flare));
      for (const day of [flare, addDays(flare, 1)]) {
        const st = E.computeState(ladder, plan, day);
        const where = `${ladder.id}, run ${run}, flare-up ${flare}, ${day}`;
        assert.ok(!above(rank(st), before), `the dose went up: ${rank(st)} after ${before}, ${where}`);
        assert.ok(!MORE.includes(st.advice), `advice ${st.advice}, ${where}`);
      }
    }
  }
  // The simulation is only worth something if it met each kind of untidiness often.
  assert.ok(flares > 2000 && late > 200 && tests > 20 && spoken > 300 && away > 100, JSON.stringify({ flares, late, tests, spoken, away }));
});
