// Every planner module is published and preloaded: a module missing from the theme's
// file list (src/theme.rs) would not exist on sites without their own static/ copy, and
// one missing from the page's modulepreload links would load late. Run: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const modules = fs.readdirSync(root('static/planner')).filter((f) => f.endsWith('.js')).sort();

test('every module in static/planner/ is embedded in the theme', () => {
  const theme = fs.readFileSync(root('src/theme.rs'), 'utf8');
  for (const m of modules) {
    assert.ok(theme.includes(`"planner/${m}"`) && theme.includes(`"../static/planner/${m}"`), `src/theme.rs does not list planner/${m}`);
  }
});

test('the planner page loads main.js as a module and preloads every other module', () => {
  const page = fs.readFileSync(root('templates/planner.html'), 'utf8');
  assert.ok(page.includes('<script type="module" src="{{ site.base_path }}planner/main.js"></script>'));
  // summary.js is the entry module of the "My progress" page, not of this one.
  for (const m of modules.filter((x) => x !== 'main.js' && x !== 'summary.js')) {
    assert.ok(page.includes(`<link rel="modulepreload" href="{{ site.base_path }}planner/${m}">`), `no modulepreload for ${m}`);
  }
});

test('the summary page loads summary.js as a module and preloads every module it imports', () => {
  const page = fs.readFileSync(root('templates/summary.html'), 'utf8');
  assert.ok(page.includes('<script type="module" src="{{ site.base_path }}planner/summary.js"></script>'));
  const seen = new Set();
  const walk = (m) => {
    if (seen.has(m)) return;
    seen.add(m);
    const src = fs.readFileSync(root('static/planner/' + m), 'utf8');
    for (const [, dep] of src.matchAll(/from '\.\/([a-z]+\.js)'/g)) walk(dep);
  };
  walk('summary.js');
  for (const m of [...seen].filter((x) => x !== 'summary.js')) {
    assert.ok(page.includes(`<link rel="modulepreload" href="{{ site.base_path }}planner/${m}">`), `summary.html: no modulepreload for ${m}`);
  }
});
