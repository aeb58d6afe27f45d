// End-to-end tests of issue 19's browser-facing parts in real headless Chromium:
//
//   node --test tests/browser/
//
// - An old address (a page's `aliases:`) opened in the browser lands on the page that
//   replaced it, and the redirect page itself carries a visible link for a reader whose
//   browser does not follow the refresh.
// - The JSON-LD block on the condition, exercise and planner pages parses in the
//   browser and causes no Content Security Policy report (the planner page's CSP has
//   `script-src 'self'`; a data block is not a script it blocks).
//
// Builds a small site written here (and the sample site) with `cargo run -- build` (or
// $SINEW_BIN) and serves it on 127.0.0.1. Needs Chromium (or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { Browser, findChromium, CHROMIUM_HELP } from './cdp.mjs';
import { repo, build, serve } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-trust-e2e-'));

function writeSite(dir) {
  const w = (p, text) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  w('site.yaml', 'title: Moved Clinic\nbase_url: /\n');
  w('content/index.md', '---\ntitle: Home\n---\nWelcome.\n');
  w('content/conditions/knee-pain.md', [
    '---', 'title: Knee pain', 'aliases: ["/knee/", "/old/knee-pain.html"]', '---',
    'Knee pain is common and it often gets better.', ''
  ].join('\n'));
  return dir;
}

let browser, page, server, origin, sampleServer, sampleOrigin;

before(async () => {
  if (!findChromium()) throw new Error(CHROMIUM_HELP);
  build(writeSite(join(work, 'src')), join(work, 'site'));
  build(repo, join(work, 'sample'));
  server = await serve(join(work, 'site'));
  origin = `http://127.0.0.1:${server.address().port}`;
  sampleServer = await serve(join(work, 'sample'));
  sampleOrigin = `http://127.0.0.1:${sampleServer.address().port}`;
  browser = await Browser.launch();
  page = await browser.newPage();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (sampleServer) sampleServer.close();
  rmSync(work, { recursive: true, force: true });
});

const heading = `document.querySelector('h1') && document.querySelector('h1').textContent.trim()`;

describe('an old address', () => {
  for (const old of ['/knee/', '/old/knee-pain.html']) {
    it(`${old} lands on the page that moved`, async () => {
      await page.goto(`${origin}${old}`);
      await page.waitUntil(`location.pathname === '/conditions/knee-pain/'`, [], { what: 'the redirect' });
      await page.waitUntil(`document.readyState === 'complete'`, [], { what: 'the page to load' });
      assert.equal(await page.eval(heading), 'Knee pain');
    });
  }

  it('shows a plain link to the new page when the refresh is not followed', async () => {
    // The same redirect page, as text: a reader whose browser ignores the refresh sees
    // this link, and screen readers announce it.
    const html = readFileSync(join(work, 'site', 'knee', 'index.html'), 'utf8');
    assert.match(html, /<meta http-equiv="refresh" content="0; url=\/conditions\/knee-pain\/">/);
    assert.match(html, /<a href="\/conditions\/knee-pain\/">Knee pain<\/a>/);
    assert.match(html, /<meta name="robots" content="noindex">/);
  });
});

describe('structured data (JSON-LD)', () => {
  for (const [path, type] of [
    ['/conditions/hamstring-tendinopathy/', 'MedicalCondition'],
    ['/exercises/lunge/', 'ExercisePlan'],
    ['/planner/hamstring/', 'ExercisePlan']
  ]) {
    it(`${path} has a MedicalWebPage block the browser parses, with no CSP report`, async () => {
      page.console.length = 0;
      page.exceptions.length = 0;
      await page.goto(`${sampleOrigin}${path}`);
      const data = await page.eval(`(() => {
        const blocks = document.querySelectorAll('script[type="application/ld+json"]');
        return { count: blocks.length, data: JSON.parse(blocks[0].textContent) };
      })()`);
      assert.equal(data.count, 1);
      assert.equal(data.data['@type'], 'MedicalWebPage');
      assert.equal(data.data.audience, 'https://schema.org/Patient');
      const about = type === 'MedicalCondition' ? data.data.about : data.data.mainEntity;
      assert.equal(about['@type'], type);
      assert.deepEqual(page.exceptions, []);
      assert.deepEqual(page.console.filter((m) => /Content Security Policy|Refused to/i.test(m)), []);
    });
  }
});
