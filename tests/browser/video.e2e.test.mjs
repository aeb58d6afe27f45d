// Exercise videos and printed handouts in real headless Chromium (issue 15).
//
//   SINEW_BIN=target/debug/sinew node --test tests/browser/video.e2e.test.mjs
//
// Builds the fixture site `tests/fixtures/sites/video` (published under
// https://clinic.example/physio/, so QR codes are made) and the sample site, serves them
// on 127.0.0.1 and checks, as a patient would:
// - a YouTube video makes no request to any other host until its play button is
//   pressed, and then holds a youtube-nocookie.com frame (the test machine has no
//   internet: the frame's address is checked, not that it plays); it starts from the
//   keyboard alone; the page's CSP allows that one frame source; axe-core finds no serious
//   or critical violation;
// - a Vimeo video does the same with Vimeo's player and `dnt=1`;
// - a site video plays (its currentTime advances), shows its captions track, and
//   starts from the keyboard;
// - PDFs of an exercise page, a planner page, the ladder handout and the log sheet:
//   their page counts, the clinic's phone and the page's address in their text, and
//   their QR codes decoded by zbarimg back to the pages' addresses.
//
// Needs Chromium, poppler-utils and zbar-tools (scripts/test installs them).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from './cdp.mjs';
import { printToPdf, pdfPages, pdfText, pdfLayoutText, pdfQrCodes, printedQrSizes } from './print.mjs';
import { repo, build, serve, axeAudit } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-video-e2e-'));
const ADDRESS = 'https://clinic.example/physio/';
const SAMPLE_ADDRESS = 'https://clinic.example/';

let browser, fixture, sample, origin, sampleOrigin;

before(async () => {
  build(join(repo, 'tests/fixtures/sites/video'), join(work, 'video'), ['--base-url', ADDRESS]);
  build(repo, join(work, 'sample'), ['--base-url', SAMPLE_ADDRESS]);
  fixture = await serve(join(work, 'video'), { prefix: '/physio/' });
  sample = await serve(join(work, 'sample'));
  origin = `http://127.0.0.1:${fixture.address().port}`;
  sampleOrigin = `http://127.0.0.1:${sample.address().port}`;
  browser = await Browser.launch({ extraArgs: ['--autoplay-policy=no-user-gesture-required'] });
});

after(async () => {
  if (browser) await browser.close();
  fixture?.close();
  sample?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Opens `path` of the fixture site in a new tab. */
async function open(path, base = origin) {
  const page = await browser.newPage();
  await page.goto(base + path);
  return page;
}

/** Presses Tab until the focused element's accessible text is `name` (keyboard only). */
async function tabTo(page, name, tag) {
  for (let i = 0; i < 60; i++) {
    await page.press('Tab');
    const focused = await page.eval(() => {
      const el = document.activeElement;
      return el ? { tag: el.tagName, text: (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim() } : null;
    });
    if (focused && focused.text === name && (!tag || focused.tag === tag)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

const others = (page, own) => page.requests.map((r) => r.url).filter((u) => !u.startsWith(own + '/') && !u.startsWith('data:'));
const csp = (page) => page.eval(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);

describe('exercise videos', () => {
  it('a YouTube video asks nothing of YouTube until play is pressed, from the keyboard', async () => {
    const page = await open('/physio/exercises/hip-hinge/');
    await page.waitUntil(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent.includes('Play the video'));
      return b && !b.hidden;
    }, [], { what: 'the play button to appear' });
    assert.deepEqual(others(page, origin), [], 'requests to other hosts before play');
    assert.equal(await page.eval(() => document.querySelectorAll('iframe').length), 0);
    // The link out stays, for people who prefer it and for print.
    assert.equal(await page.eval(() => [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === 'Watch the video of Hip hinge on YouTube')?.href),
      'https://www.youtube.com/watch?v=AbCdEfGhIj0');
    const policy = await csp(page);
    assert.match(policy, /frame-src https:\/\/www\.youtube-nocookie\.com;/);
    assert.equal(policy.match(/frame-src/g).length, 1);
    assert.doesNotMatch(policy, /frame-src[^;]*(\*|vimeo|youtube\.com)/);

    await tabTo(page, 'Play the video of Hip hinge from YouTube', 'BUTTON');
    assert.deepEqual(others(page, origin), [], 'requests to other hosts after focusing the button');
    await page.press('Enter');
    const frame = await page.waitUntil(() => {
      const f = document.querySelector('iframe');
      return f && { src: f.src, title: f.title, focused: document.activeElement === f };
    }, [], { what: 'the player frame' });
    assert.equal(new URL(frame.src).origin, 'https://www.youtube-nocookie.com');
    assert.match(frame.src, /^https:\/\/www\.youtube-nocookie\.com\/embed\/AbCdEfGhIj0\?autoplay=1/);
    assert.equal(frame.title, 'Video of Hip hinge, from YouTube');
    assert.ok(frame.focused, 'focus moves into the player, whose own controls stop it');
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(page.console.filter((m) => /Content Security Policy/i.test(m)), []);
  });

  it('a Vimeo video shows the site poster and loads Vimeo with dnt=1 only on play', async () => {
    const page = await open('/physio/exercises/calf-raise/');
    await page.waitUntil(() => document.querySelector('button.video-play:not([hidden])'), [], { what: 'the play button' });
    assert.deepEqual(others(page, origin), []);
    assert.equal(await page.eval(() => document.querySelector('.video-facade img').complete), true);
    assert.match(await csp(page), /frame-src https:\/\/player\.vimeo\.com;/);
    await page.clickAt(`[...document.querySelectorAll('button')].find((b) => b.textContent === 'Play the video of Calf raise from Vimeo')`);
    const src = await page.waitUntil(() => document.querySelector('iframe')?.src, [], { what: 'the player frame' });
    assert.equal(src, 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1');
  });

  it('a site video plays from the keyboard and has a captions track', async () => {
    const page = await open('/physio/exercises/grip/');
    const info = await page.eval(() => {
      const v = document.querySelector('video');
      const t = v.querySelector('track');
      return {
        label: v.getAttribute('aria-label'), preload: v.preload, controls: v.controls,
        track: t && { kind: t.kind, src: t.src, srclang: t.srclang },
        canPlay: v.canPlayType('video/mp4; codecs="avc1.42E01E"')
      };
    });
    assert.equal(info.label, 'Video of Grip squeeze');
    assert.equal(info.preload, 'metadata');
    assert.ok(info.controls);
    assert.deepEqual(info.track, { kind: 'captions', src: origin + '/physio/exercises/grip.vtt', srclang: 'en-GB' });
    assert.notEqual(info.canPlay, '', 'this Chromium cannot play H.264 MP4');
    assert.equal(await csp(page), "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; manifest-src 'self'; connect-src 'none'; form-action 'none'; base-uri 'none'");
    // Keyboard only: Tab to the player, Space starts it.
    await tabTo(page, 'Video of Grip squeeze', 'VIDEO');
    assert.equal(await page.eval(() => document.querySelector('video').paused), true);
    await page.press('Space');
    await page.waitUntil(() => document.querySelector('video').currentTime > 0.3, [], { what: 'the video to play' });
    const captions = await page.waitUntil(() => {
      const t = document.querySelector('video').textTracks[0];
      return t && t.mode === 'showing' && t.cues && t.cues.length ? t.cues[0].text : null;
    }, [], { what: 'the captions to load' });
    assert.equal(captions, 'Squeeze the ball and hold.');
    await page.press('Space');
    await page.waitUntil(() => document.querySelector('video').paused, [], { what: 'Space to pause the video' });
    assert.deepEqual(others(page, origin), []);
  });

  it('the play button fits a 320 px phone screen', async () => {
    const page = await browser.newPage();
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    await page.goto(origin + '/physio/exercises/hip-hinge/');
    await page.waitUntil(() => document.querySelector('button.video-play:not([hidden])'), [], { what: 'the play button' });
    const fit = await page.eval(() => {
      const box = document.querySelector('.video-facade').getBoundingClientRect();
      const b = document.querySelector('button.video-play').getBoundingClientRect();
      return { page: document.documentElement.scrollWidth, inside: b.top >= box.top && b.bottom <= box.bottom && b.left >= box.left && b.right <= box.right, h: b.height };
    });
    assert.equal(fit.page, 320, 'no sideways scrolling');
    assert.ok(fit.inside, 'the button stays inside the video box');
    assert.ok(fit.h >= 44);
  });

  it('exercise pages with a video have no serious or critical axe-core violations, before and after play', async () => {
    for (const path of ['/physio/exercises/hip-hinge/', '/physio/exercises/grip/']) {
      const page = await open(path);
      assert.deepEqual(await axeAudit(page), [], `${path} before play`);
    }
    const page = await open('/physio/exercises/hip-hinge/');
    await page.waitUntil(() => document.querySelector('button.video-play:not([hidden])'), [], { what: 'the play button' });
    await page.eval(() => { document.querySelector('button.video-play').click(); return true; });
    await page.waitUntil(() => document.querySelector('iframe'), [], { what: 'the player frame' });
    assert.deepEqual(await axeAudit(page), [], 'after play');
  });

  it('any other web address stays a plain link, with no player and no script', async () => {
    const page = await open('/physio/exercises/wall-push/');
    assert.equal(await page.eval(() => [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === 'Watch the video of Wall push-up')?.href),
      'https://example.org/videos/wall-push');
    assert.equal(await page.eval(() => document.querySelectorAll('iframe, video, script[src*="video.js"]').length), 0);
    assert.deepEqual(others(page, origin), []);
  });
});

/** Starts a plan today (usual pain 1) in the planner on `page`. */
async function startPlan(page) {
  await page.waitUntil(() => document.getElementById('pl-start-date'), [], { what: 'the start form' });
  await page.eval(() => {
    const t = new Date();
    document.getElementById('pl-start-date').value =
      t.getFullYear() + '-' + String(t.getMonth() + 1).padStart(2, '0') + '-' + String(t.getDate()).padStart(2, '0');
    document.getElementById('pl-usual').value = '1';
  });
  await page.clickAt(`document.querySelector('#planner-app button[type=submit]')`);
  await page.waitUntil(() => !document.getElementById('pl-start-date'), [], { what: 'the plan to start' });
}

describe('printed handouts', () => {
  async function print(path, name, base = origin) {
    const page = await open(path, base);
    return printToPdf(page, join(work, name + '.pdf'));
  }

  /** Every QR code of the page printed at least 20 mm square, its quiet zone included. */
  async function assertQrCodesBigEnough(path, base, count) {
    const page = await open(path, base);
    const sizes = await printedQrSizes(page);
    assert.equal(sizes.length, count, JSON.stringify(sizes));
    for (const s of sizes) {
      assert.ok(s.width >= 20 - 0.01 && s.height >= 20 - 0.01, `a QR code printed ${s.width.toFixed(1)} x ${s.height.toFixed(1)} mm: ${JSON.stringify(sizes)}`);
    }
  }

  it('an exercise page prints on one page with the clinic, its address and QR codes', async () => {
    const pdf = await print('/physio/exercises/grip/', 'exercise');
    assert.equal(pdfPages(pdf), 1);
    const text = pdfText(pdf);
    for (const want of ['Video Clinic', 'Phone: 01632 960 555', 'https://clinic.example/book',
      ADDRESS + 'exercises/grip/', ADDRESS + 'exercises/grip.mp4', 'Squeeze it as hard as feels OK']) {
      assert.ok(text.includes(want), `"${want}" missing from the printed page:\n${text}`);
    }
    assert.ok(!text.includes('Download the video'), text);
    assert.deepEqual(pdfQrCodes(pdf).sort(), [ADDRESS + 'exercises/grip.mp4', ADDRESS + 'exercises/grip/'].sort());
  });

  it('a YouTube exercise prints the video address and a QR code to it', async () => {
    const pdf = await print('/physio/exercises/hip-hinge/', 'youtube');
    assert.equal(pdfPages(pdf), 1);
    const text = pdfText(pdf);
    assert.ok(text.includes('https://www.youtube.com/watch?v=AbCdEfGhIj0'), text);
    assert.ok(!text.includes('Play the video'), text);
    assert.deepEqual(pdfQrCodes(pdf).sort(), ['https://www.youtube.com/watch?v=AbCdEfGhIj0', ADDRESS + 'exercises/hip-hinge/'].sort());
  });

  it('the planner page prints on one A4 page with the clinic and its address', async () => {
    const pdf = await print('/physio/planner/arm/', 'planner');
    assert.equal(pdfPages(pdf), 1);
    const text = pdfText(pdf);
    for (const want of ['Phone: 01632 960 555', ADDRESS + 'planner/arm/']) {
      assert.ok(text.includes(want), `"${want}" missing:\n${text}`);
    }
    assert.deepEqual(pdfQrCodes(pdf), [ADDRESS + 'planner/arm/']);

    // With a plan started, today's plan prints too, still on one page.
    const page = await open('/physio/planner/arm/');
    await startPlan(page);
    const started = await printToPdf(page, join(work, 'planner-started.pdf'));
    assert.equal(pdfPages(started), 1);
    const startedText = pdfText(started);
    assert.ok(startedText.includes('Grip squeeze') && startedText.includes('Phone: 01632 960 555'), startedText);
    assert.deepEqual(pdfQrCodes(started), [ADDRESS + 'planner/arm/']);
  });

  it("the sample site's planner page prints today's plan on one A4 page", async () => {
    const page = await open('/planner/hamstring/', sampleOrigin);
    await startPlan(page);
    const pdf = await printToPdf(page, join(work, 'sample-planner.pdf'));
    assert.equal(pdfPages(pdf), 1);
    const text = pdfText(pdf);
    for (const want of ['Double leg bridge', 'Phone: 01632 960 123', SAMPLE_ADDRESS + 'planner/hamstring/']) {
      assert.ok(text.includes(want), `"${want}" missing:\n${text}`);
    }
  });

  it('the ladder handout has every step with its QR code, the pain rules and the clinic', async () => {
    const pdf = await print('/physio/planner/arm/handout/', 'handout');
    assert.ok(pdfPages(pdf) <= 2);
    const text = pdfText(pdf);
    for (const want of ['Step 1: Grip squeeze', 'From 2 x 5 up to 2 x 10', 'Step 3: Hip hinge', 'Pain rules',
      'Take care: Stop if your back pain', 'Phone: 01632 960 555', ADDRESS + 'planner/arm/']) {
      assert.ok(text.includes(want), `"${want}" missing:\n${text}`);
    }
    // Each rule once on paper: the usual-pain sentence is in the progression rule only.
    assert.equal(text.split('this plan is not the right start for you').length - 1, 1, text);
    const codes = [
      ADDRESS + 'exercises/grip/', ADDRESS + 'exercises/hip-hinge/', ADDRESS + 'exercises/wall-push/', ADDRESS + 'planner/arm/'
    ].sort();
    assert.deepEqual(pdfQrCodes(pdf).sort(), codes);
    // Each code read back from the sheet at 150 dpi too, and none printed under 2 cm.
    assert.deepEqual(pdfQrCodes(pdf, 150).sort(), codes);
    await assertQrCodesBigEnough('/physio/planner/arm/handout/', origin, 4);
  });

  it("the sample site's ladder handout fits on two A4 pages", async () => {
    const pdf = await print('/planner/hamstring/handout/', 'sample-handout', sampleOrigin);
    assert.ok(pdfPages(pdf) <= 2, `${pdfPages(pdf)} pages`);
    const text = pdfText(pdf);
    for (const want of ['Step 6: Jump lunge', 'Phone: 01632 960 123', SAMPLE_ADDRESS + 'planner/hamstring/']) {
      assert.ok(text.includes(want), `"${want}" missing:\n${text}`);
    }
    // The steps read in order on every sheet, left to right then down, as a patient
    // reads a page: 1 2 / 3 4 / 5 6. (In columns, the second sheet read 3 5 / 4 6.)
    const order = [...pdfLayoutText(pdf).matchAll(/Step (\d):/g)].map((m) => Number(m[1]));
    assert.deepEqual(order, [1, 2, 3, 4, 5, 6], pdfLayoutText(pdf));
    assert.equal(pdfQrCodes(pdf).length, 7);
    assert.equal(pdfQrCodes(pdf, 150).length, 7);
    await assertQrCodesBigEnough('/planner/hamstring/handout/', sampleOrigin, 7);
  });

  it("every exercise of the sample site prints on one A4 sheet, with the clinic's phone and the page's QR code", async () => {
    for (const name of ['double-leg-bridge', 'single-leg-bridge-bent-knee', 'single-leg-bridge-straight-knee', 'arabesque', 'lunge', 'jump-lunge']) {
      const pdf = await print(`/exercises/${name}/`, 'sample-' + name, sampleOrigin);
      assert.equal(pdfPages(pdf), 1, `${name}: the clinic's footer went onto a sheet of its own`);
      assert.ok(pdfText(pdf).includes('Phone: 01632 960 123'), name);
      assert.ok(pdfQrCodes(pdf).includes(SAMPLE_ADDRESS + `exercises/${name}/`), name);
    }
  });

  it('every printed QR code is at least 2 cm and reads back at 150 dpi', async () => {
    for (const [path, name, base, count] of [
      ['/physio/exercises/grip/', 'exercise-150', origin, 2],
      ['/physio/planner/arm/', 'planner-150', origin, 1],
      ['/planner/hamstring/log-sheet/', 'log-sheet-150', sampleOrigin, 1]
    ]) {
      const pdf = await print(path, name, base);
      assert.equal(pdfQrCodes(pdf, 150).length, count, `${path} at 150 dpi`);
      await assertQrCodesBigEnough(path, base, count);
    }
  });

  it('the log sheet has a row per session to fill in with a pen, on at most two pages', async () => {
    const pdf = await print('/planner/hamstring/log-sheet/', 'log-sheet', sampleOrigin);
    assert.ok(pdfPages(pdf) <= 2, `${pdfPages(pdf)} pages`);
    const text = pdfText(pdf);
    for (const want of ['Date', 'Sets x reps done', 'Pain up during (0 to 10)', 'Pain still up after 30 minutes?',
      'Double leg bridge: from 2 x 5 up to 2 x 12', 'move up to the next dose the next day', 'Phone: 01632 960 123']) {
      assert.ok(text.includes(want), `"${want}" missing:\n${text}`);
    }
  });
});
