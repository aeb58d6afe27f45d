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
// A rule with a number (the severe rise) is a function: templates write the number as
// the ladder's field, docs/planner.md as the sample ladder's value (5).
const places = {
  'templates/planner.html': [flat(read('templates/planner.html')), '{{ ladder.pain.severe_rise }}'],
  'templates/log-sheet.html': [flat(withRule('templates/log-sheet.html')), '{{ ladder.pain.severe_rise }}'],
  'templates/handout.html': [flat(withRule('templates/handout.html')), '{{ ladder.pain.severe_rise }}'],
  'docs/planner.md': [flat(read('docs/planner.md')), 5]
};

for (const [name, [text, severe]] of Object.entries(places)) {
  test(`${name} states every rule in the planner's words`, () => {
    for (const [rule, said] of Object.entries(RULES)) {
      const sentence = typeof said === 'function' ? said(severe) : said;
      assert.ok(text.includes(sentence), `${name} does not say RULES.${rule}: "${sentence}"`);
    }
  });
  test(`${name} says what usual pain is too high for this plan`, () => {
    const line = typeof severe === 'number' ? 'If your usual pain is 4 out of 10 or more, this plan is not the right start for you: please book a consultation.'
      : 'If your usual pain is {{ ladder.pain.baseline_max }} out of 10 or more, this plan is not the right start for you: please book a consultation.';
    assert.ok(text.includes(line), `${name} does not say: "${line}"`);
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
