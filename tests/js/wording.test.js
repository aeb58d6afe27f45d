// One rule, one name, everywhere (issue 11): the planner page's static text, the printed
// log sheet, the ladder handout and docs/planner.md state the planner's rules in exactly
// the sentences of the string table (i18n/en.yaml `rule_*`, RULES in
// static/planner/strings.js): the templates by taking them from the table, the docs word
// for word, and none of them uses the old, confusing names.
// Run: node --test tests/js/
import './strings-setup.js';
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
// How a template says a rule: the table's text, the severe rise as the ladder's field.
const inTemplate = (name) => name === 'severe'
  ? 't(key="rule_severe", rise=ladder.pain.severe_rise)'
  : name === 'baseline' ? 't(key="rule_baseline", max=ladder.pain.baseline_max)'
    : `texts.rule_${name}`;
const templates = {
  'templates/planner.html': flat(read('templates/planner.html')),
  'templates/log-sheet.html': flat(withRule('templates/log-sheet.html')),
  'templates/handout.html': flat(withRule('templates/handout.html'))
};
// docs/planner.md says the sample ladder's numbers: a severe rise of 5, baseline 4.
const docs = flat(read('docs/planner.md'));

for (const [name, text] of Object.entries(templates)) {
  test(`${name} states every rule in the planner's words`, () => {
    for (const r of Object.keys(RULES)) {
      assert.ok(text.includes(inTemplate(r)), `${name} does not say RULES.${r} (${inTemplate(r)})`);
    }
  });
  test(`${name} says what usual pain is too high for this plan`, () => {
    const line = 't(key="pain_rule_baseline", max=ladder.pain.baseline_max)';
    assert.ok(text.includes(line), `${name} does not say: ${line}`);
  });
}

test('docs/planner.md states every rule in the planner\'s words', () => {
  for (const [r, said] of Object.entries(RULES)) {
    const sentence = typeof said === 'function' ? said(r === 'baseline' ? 4 : 5) : said;
    assert.ok(docs.includes(sentence), `docs/planner.md does not say RULES.${r}: "${sentence}"`);
  }
  const line = 'If your usual pain is 4 out of 10 or more, this plan is not the right start for you: please book a consultation.';
  assert.ok(docs.includes(line), `docs/planner.md does not say: "${line}"`);
});

for (const [name, text] of Object.entries({ ...templates, 'docs/planner.md': docs })) {
  test(`${name} does not use "hold" or "same amount" for a rule`, () => {
    for (const bad of [/\bHold:/, /hold at the same/i, /same amount/i, /\*hold\*/i, /\bstay at the same\b/i]) {
      assert.doesNotMatch(text, bad, name);
    }
  });
}

test('the planner\'s own words never call a rule "hold"', () => {
  const words = JSON.stringify(/** @type {any} */ (globalThis).sinewStrings.text);
  assert.ok(Object.keys(T).length > 100);
  assert.doesNotMatch(words, /\bHold\b|\bhold\b(?! each)(?!ing each)/);
});
