// What the flare-up simulations (flare-fortnight.test.js, flare-weeks.test.js) share:
// every ladder of the shared vectors, a seeded generator, date arithmetic, and how a
// dose is compared (docs/planner.md, "Pain rules").
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'planner', 'vectors.json'), 'utf8'));
/** Every ladder of the shared vectors, once each. */
export const ladders = [...new Map(vectors.cases.map((c) => [c.ladder.id, c.ladder])).values()];

/** A small seeded generator (a linear congruential one): the same logs every run. */
export function random(seed) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** `date` plus `n` days, as "YYYY-MM-DD". */
export function addDays(date, n) {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** How far along a state's dose is: stage, level, sets, reps, compared in that order. */
export const rank = (s) => [s.stage, s.level, s.sets, s.reps];
/** Whether rank `a` is further along than rank `b`. */
export function above(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}
/** The advice that means doing more. */
export const MORE = ['move_up', 'next_exercise'];
