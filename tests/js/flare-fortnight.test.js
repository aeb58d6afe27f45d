// A patient's fortnight with flare-ups, as a fresh tester simulated it: random but
// seeded (the same logs every run) over every ladder of the shared vectors. The planner
// must never advise doing more on a flare day (once a session over the pain rules is
// logged) or on the day after one (docs/planner.md, "Pain rules").
// Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../static/planner/engine.js';
import * as P from '../../static/planner/plan.js';
import { ladders, random, addDays, rank, above, MORE } from './flare-sim.js';

test('a fortnight with flare-ups: no more on a flare day or the day after', () => {
  const rnd = random(7);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  let flareDays = 0;
  for (let run = 0; run < 600; run++) {
    const ladder = ladders[run % ladders.length];
    const start = '2025-03-01';
    let plan = P.newPlan(ladder, start, pick([0, 1, 2, 3]));
    let flareBefore = false;
    let doseBefore = null;
    for (let d = 0; d < 14; d++) {
      const date = addDays(start, d);
      const morning = E.computeState(ladder, plan, date);
      const where = `${ladder.id}, run ${run}, ${date}`;
      if (flareBefore) {
        assert.ok(!above(rank(morning), doseBefore), `the day after a flare-up the dose went up: ${where}`);
        assert.ok(!MORE.includes(morning.advice), `the day after a flare-up: ${morning.advice}, ${where}`);
      }
      let flare = false;
      for (let s = 1; s <= (ladder.times_per_day || 1); s++) {
        if (rnd() < 0.1) continue;
        const done = rnd() < 0.9;
        const rise = done ? pick([0, 0, 0, 1, 2, 3, 4, 6, 8]) : 0;
        const stayed = done ? pick([false, false, false, true, null]) : null;
        plan = P.withSession(plan, { date, session: s, done, reps: done ? morning.reps : null, pain_rise: rise, pain_stayed_up: stayed });
        flare ||= done && (rise > ladder.pain.max_rise_during || stayed === true);
        if (flare) {
          const now = E.computeState(ladder, plan, date);
          assert.ok(!above(rank(now), rank(morning)), `a flare day's dose went up: ${where}`);
          assert.ok(!MORE.includes(now.advice), `a flare day: ${now.advice}, ${where}`);
        }
      }
      if (flare) flareDays++;
      flareBefore = flare;
      doseBefore = rank(morning);
    }
  }
  // The simulation is only worth something if it met flare-ups often.
  assert.ok(flareDays > 1000, `only ${flareDays} flare days`);
});
