// Every word of the planner's string table is one a patient can see: a text kept in the
// table (i18n/en.yaml `planner:`, every translation) but read by no module is a text a
// translator translates and a reviewer reviews for nothing, and may say something the page
// no longer does (`chartCaption` described a chart the planner stopped drawing).
// Run: node --test tests/js/
import './strings-setup.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { R, T, STRINGS } from '../../static/planner/strings.js';

const dir = fileURLToPath(new URL('../../static/planner/', import.meta.url));
const modules = Object.fromEntries(fs.readdirSync(dir).filter((n) => n.endsWith('.js'))
  .map((n) => [n, fs.readFileSync(dir + n, 'utf8')]));
const views = Object.entries(modules).filter(([n]) => n !== 'strings.js').map(([, s]) => s).join('\n');

for (const [name, table] of [['T', T], ['R', R]]) {
  test(`every word of ${name} in static/planner/strings.js is used by a planner module`, () => {
    const unused = Object.keys(table).filter((k) => !new RegExp(`\\b${name}\\.${k}\\b`).test(views));
    assert.deepEqual(unused, [], `${name}'s words read by no module: remove them here and from i18n/*.yaml`);
  });
}

test('every planner text of the English table is read by strings.js', () => {
  const src = modules['strings.js'];
  // A key is named whole (`tr('chartTitle')`), or as a family's prefix and a member
  // (`tr('unit_' + unit)` with `plural(n, 'day')`; `rec_sumDayCol_` with `'date'`).
  const named = (k) => src.includes(`'${k}'`) || [...k.matchAll(/_/g)].some((m) => {
    const i = /** @type {number} */ (m.index);
    return src.includes(`'${k.slice(0, i + 1)}`) && Object.values(modules).some((s) => s.includes(`'${k.slice(i + 1)}'`));
  });
  const unused = Object.keys(STRINGS.text).filter((k) => !named(k));
  assert.deepEqual(unused, [], 'planner texts in i18n/en.yaml that no module reads: remove them from every table');
});
