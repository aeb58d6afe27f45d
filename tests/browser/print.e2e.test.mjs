// Pages printed as a clinic prints them for a patient, in real headless Chromium
// (Page.printToPDF at the page's own A4 size), read back with `pdftotext -layout`.
// A fresh tester found a section's heading printed as the last line of a sheet, its
// text on the next: a patient with one sheet in hand had a heading with nothing under
// it. Headings now stay with what follows them (static/style.css, `break-after`).
//
//   cargo build && SINEW_BIN=$PWD/target/debug/sinew node --test tests/browser/print.e2e.test.mjs
//
// Needs Chromium and poppler-utils (pdftotext).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, build, serve, stop, startSite, closeSite } from './helpers.mjs';
import { printToPdf, pdfLayoutText, pdfText } from './print.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-print-e2e-'));
// Pages whose sections start a little lower each time, so that one of them reaches the
// foot of a sheet just at a heading, whatever the fonts of the machine.
const SHIFTS = 24;
let browser, page, server, origin;

before(async () => {
  const site = join(work, 'site');
  cpSync(join(repo, 'tests/fixtures/sites/basic'), site, { recursive: true });
  mkdirSync(join(site, 'content/sheets'));
  const para = 'Bend your knee slowly and stop if the pain goes up by more than two. '.repeat(6);
  for (let n = 0; n < SHIFTS; n++) {
    const lines = ['---', `title: Sheet ${n}`, '---', ''];
    for (let k = 0; k < n; k++) lines.push(`A short line, number ${k + 1}.`, '');
    for (let s = 1; s <= 8; s++) lines.push(`## Section ${s}`, '', para, '');
    writeFileSync(join(site, `content/sheets/sheet-${n}.md`), lines.join('\n'));
  }
  ({ server, origin, browser, page } = await startSite(site, join(work, 'out')));
});

after(() => closeSite({ browser, server }, work));

describe('printed pages', () => {
  it('a heading is never the last line of a sheet: it goes over with its text', async () => {
    const alone = [];
    for (let n = 0; n < SHIFTS; n++) {
      await page.goto(`${origin}/sheets/sheet-${n}/`);
      const sheets = pdfLayoutText(await printToPdf(page, join(work, `sheet-${n}.pdf`))).split('\f');
      assert.ok(sheets.filter((s) => s.trim()).length >= 2, 'each page prints on more than one sheet');
      sheets.forEach((text, i) => {
        const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
        if (/^Section \d$/.test(lines[lines.length - 1] || '')) alone.push(`sheet-${n}, sheet ${i + 1}: ${lines[lines.length - 1]}`);
      });
    }
    assert.deepEqual(alone, []);
  });
});

// A patient holding a printed sheet cannot follow "see the knee guide": printed pages
// give a link's full address after its text. Links to the site's own pages get the
// site's address (from base_url) before their path; with a base_url that is only a
// path, no address is printed after them (never a wrong one). Links whose text is the
// address already, same-page `#parts`, the breadcrumbs and tags print no address.
describe('printed links give their address', () => {
  const LINKS = [
    '---', 'title: Links to follow', 'tags: [knee]', '---', '',
    'Read [the knee guide](@/guides/knee.md) first, then [the pacing guide](guides/pacing.md).',
    '',
    'The NHS has more: [NHS knee pain](https://www.nhs.uk/conditions/knee-pain/), or <https://www.nhs.uk/>.',
    '',
    'Look at [the rules below](#rules).',
    '',
    '## Rules',
    '',
    'Stop if it hurts more.',
    ''
  ].join('\n');
  const sites = {};

  before(async () => {
    const site = join(work, 'links-site');
    cpSync(join(repo, 'tests/fixtures/sites/basic'), site, { recursive: true });
    writeFileSync(join(site, 'content/links.md'), LINKS);
    // An exercise in two body regions, with equipment: on screen it is in three groups.
    appendFileSync(join(site, 'content/exercises/step-up.yaml'), 'body_regions: [knee, thigh]\nequipment: [step]\n');
    build(site, join(work, 'links-full'), ['--base-url', 'https://clinic.example/patients/']);
    build(site, join(work, 'links-path'), ['--base-url', '/patients/']);
    for (const kind of ['full', 'path']) {
      const s = await serve(join(work, `links-${kind}`), { prefix: '/patients/' });
      sites[kind] = { server: s, origin: `http://127.0.0.1:${s.address().port}` };
    }
  });

  after(async () => {
    for (const { server: s } of Object.values(sites)) await stop(s);
  });

  async function printed(kind, path) {
    await page.goto(`${sites[kind].origin}/patients/${path}`);
    return pdfText(await printToPdf(page, join(work, `links-${kind}.pdf`)));
  }

  it('with a full base_url, a link to a page of the site prints its full address', async () => {
    const text = await printed('full', 'links/');
    assert.match(text, /the knee guide \(https:\/\/clinic\.example\/patients\/guides\/knee\/\)/);
    assert.match(text, /the pacing guide \(https:\/\/clinic\.example\/patients\/guides\/pacing\/\)/);
    assert.match(text, /NHS knee pain \(https:\/\/www\.nhs\.uk\/conditions\/knee-pain\/\)/);
    // The address written as the link's text is printed once.
    assert.match(text, /or https:\/\/www\.nhs\.uk\/\./, text);
    assert.doesNotMatch(text, /www\.nhs\.uk\/ \(https:\/\/www\.nhs\.uk\/\)/, text);
    assert.doesNotMatch(text, /rules below \(/, 'a same-page link prints no address');
    assert.doesNotMatch(text, /tags\/knee/, 'the tags print no address');
    // The page's own address is in the footer, once: nothing else printed a wrong one.
    assert.doesNotMatch(text, /\(\/patients\//, text);
  });

  it('with a base_url that is only a path, a link to a page of the site prints no address', async () => {
    const text = await printed('path', 'links/');
    assert.match(text, /Read the knee guide first, then the pacing guide\./, text);
    assert.doesNotMatch(text, /\(\/patients\/guides|\(https:\/\/clinic/, text);
    // Web addresses are still printed.
    assert.match(text, /NHS knee pain \(https:\/\/www\.nhs\.uk\/conditions\/knee-pain\/\)/);
  });

  it("the home page's text prints its links' addresses too", async () => {
    const text = await printed('full', '');
    assert.match(text, /the knee guide \(https:\/\/clinic\.example\/patients\/guides\/knee\/#what-helps\)/, text);
    assert.match(text, /all guides \(https:\/\/clinic\.example\/patients\/guides\/\)/, text);
  });

  it('the list of exercises prints the exercises, not the finder or its status', async () => {
    const screen = await page.goto(`${sites.full.origin}/patients/exercises/`)
      .then(() => page.eval(`document.querySelector('#finder-status').textContent`));
    assert.match(screen, /Showing all 3 exercises/, 'the status is on screen');
    const text = await printed('full', 'exercises/');
    assert.match(text, /Squat/, text);
    assert.doesNotMatch(text, /Showing all|Show all exercises|Search/, text);
    // Each exercise once on paper (on screen: under each body region and piece of
    // equipment), with what the groupings said on its line.
    for (const name of ['Squat', 'Step up', 'Wall sit']) {
      assert.equal(text.split(name).length - 1, 1, `"${name}" printed once: ${text}`);
    }
    assert.match(text, /Step up Body region: knee, thigh\. You need: step/, text);
    assert.match(text, /Wall sit Sit against a wall to work your thighs\. You need: no equipment/, text);
  });

  it('an exercise page prints the address of the plan that uses it', async () => {
    const text = await printed('full', 'exercises/squat/');
    assert.match(text, /\(https:\/\/clinic\.example\/patients\/planner\/knee\/\)/, text);
  });
});
