// axe-core in a page, through the DevTools protocol (the page's own Content-Security-Policy
// does not apply to what the protocol evaluates).
//
//   const problems = await axeAudit(page);   // [] when clean
//
// axe-core is pinned in tests/browser/package.json (scripts/test runs `npm ci` there);
// it is also found in tests/js/node_modules, where the planner's tests may pin it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CANDIDATES = [
  join(here, 'node_modules', 'axe-core', 'axe.min.js'),
  resolve(here, '..', 'js', 'node_modules', 'axe-core', 'axe.min.js'),
];

/**
 * The violations of impact `minImpact` or worse in `page`, as short lines
 * "rule (impact): target - help". Throws when axe-core is not installed.
 */
export async function axeAudit(page, { minImpact = 'serious' } = {}) {
  const file = CANDIDATES.find((f) => existsSync(f));
  if (!file) throw new Error('axe-core is not installed: run `(cd tests/browser && npm ci)` (scripts/test does)');
  if (!(await page.eval('typeof window.axe === "object"'))) await page.eval(readFileSync(file, 'utf8') + '\n;true');
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const violations = await page.eval(`(async () => {
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
  return violations
    .filter((v) => order.indexOf(v.impact) >= order.indexOf(minImpact))
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')} - ${v.help}`);
}
