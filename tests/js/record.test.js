// The record's writers (static/planner/record.js): CSV cells, calendar text and line
// folding, and the summary's shape. The browser test reads the files back with
// independent parsers; these pin the edge cases. Run: node --test tests/js/
import test from 'node:test';
import assert from 'node:assert/strict';
import './strings-setup.js';
import { csvCell, foldLine, icsText, longestPlanDays, REMINDER_TIMES } from '../../static/planner/record.js';
import { isNoteText } from '../../static/planner/plan.js';

test('CSV cells: quoted when needed, formulas never run', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell(12), '12');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(true), 'yes');
  assert.equal(csvCell('a, b'), '"a, b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    const cell = csvCell(start + '1+1');
    assert.ok(cell.replace(/^"/, '').startsWith("'" + start), JSON.stringify(cell));
  }
  assert.equal(csvCell('=SUM(A1:A2)'), "'=SUM(A1:A2)");
});

test('calendar TEXT is escaped as RFC 5545 says', () => {
  assert.equal(icsText('a;b,c\\d\ne'), 'a\\;b\\,c\\\\d\\ne');
});

test('calendar lines fold at 75 octets, never inside a character', () => {
  const line = 'DESCRIPTION:' + 'é'.repeat(100);
  const folded = foldLine(line).split('\r\n');
  assert.ok(folded.length > 1);
  for (const l of folded) assert.ok(Buffer.byteLength(l) <= 75, l);
  assert.equal(folded.map((l, i) => (i ? l.slice(1) : l)).join(''), line);
  for (const l of folded.slice(1)) assert.equal(l[0], ' ');
  assert.equal(foldLine('SHORT:x'), 'SHORT:x');
});

test('reminder times: one per session, for 1 to 6 sessions a day, in order', () => {
  REMINDER_TIMES.forEach((times, i) => {
    assert.equal(times.length, i + 1);
    assert.deepEqual([...times].sort(), [...times]);
  });
  assert.equal(longestPlanDays({ stages: [{ days: { max: 6 } }, { days: { max: 10 } }] }), 16);
});

test('a note is at most 140 characters on one line', () => {
  assert.ok(isNoteText('tight after stairs'));
  assert.ok(isNoteText('x'.repeat(140)));
  assert.ok(!isNoteText('x'.repeat(141)));
  assert.ok(!isNoteText('two\nlines'));
  assert.ok(isNoteText('😀'.repeat(140)), 'characters, not UTF-16 units');
});

test('the CSV has a row for each "I have spoken to the clinic"', async () => {
  const { toCsv } = await import('../../static/planner/record.js');
  const P = { ...(await import('../../static/planner/plan.js')), ...(await import('../../static/planner/engine.js')) };
  const fs = await import('node:fs');
  const vectors = JSON.parse(fs.readFileSync(new URL('../fixtures/planner/vectors.json', import.meta.url), 'utf8'));
  const ham = vectors.cases.find((c) => c.ladder.id === 'hamstring').ladder;
  let p = P.newPlan(ham, '2025-01-01', 2);
  p = P.withSession(p, { date: '2025-01-02', session: 1, done: true, reps: 9, pain_rise: 7, pain_stayed_up: false });
  p = P.withClinicContact(p, { date: '2025-01-03', flares: 1 });
  const rows = toCsv(ham, P.computeState(ham, p, '2025-01-04')).split('\r\n');
  assert.deepEqual(rows.filter((r) => r.includes('spoke to the clinic')), ['2025-01-03,spoke to the clinic,,,,,,,,,missed,']);
});
