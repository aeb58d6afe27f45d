// One rule, one name, everywhere (issue 11): the planner page's static text, the printed
// log sheet and docs/planner.md state the planner's rules in exactly the sentences of
// static/planner/strings.js (RULES), and none of them uses the old, confusing names.
// Run: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULES, T } from '../../static/planner/strings.js';

const read = (p) => fs.readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)), 'utf8');
// Markdown and HTML break lines anywhere: compare with whitespace collapsed.
const flat = (s) => s.replace(/\s+/g, ' ');
// The log sheet and the ladder handout say the rules through one partial: read them with it.
const rule = read('templates/partials/progression-rule.html');
const withRule = (p) => read(p).replace('{% include "partials/progression-rule.html" %}', rule);
const places = {
  'templates/planner.html': flat(read('templates/planner.html')),
  'templates/log-sheet.html': flat(withRule('templates/log-sheet.html')),
  'templates/handout.html': flat(withRule('templates/handout.html')),
  'docs/planner.md': flat(read('docs/planner.md'))
};

for (const [name, text] of Object.entries(places)) {
  test(`${name} states every rule in the planner's words`, () => {
    for (const [rule, sentence] of Object.entries(RULES)) {
      assert.ok(text.includes(sentence), `${name} does not say RULES.${rule}: "${sentence}"`);
    }
  });
  test(`${name} does not use "hold" or "same amount" for a rule`, () => {
    for (const bad of [/\bHold:/, /hold at the same/i, /same amount/i, /\*hold\*/i, /\bstay at the same\b/i]) {
      assert.doesNotMatch(text, bad, name);
    }
  });
}

test('the planner\'s own words never call a rule "hold"', () => {
  const words = JSON.stringify(Object.values(T).map((v) => (typeof v === 'function' ? v.toString() : v)));
  assert.doesNotMatch(words, /\bHold\b|\bhold\b(?! each)(?!ing each)/);
});
