// The site in the patient's language (issue 18), in real headless Chromium.
//
//   node --test tests/browser/
//
// Builds tests/fixtures/sites/two-languages (English and Spanish) with Arabic added (a
// right-to-left language: an `i18n/ar.yaml` table and Arabic pages written by this
// test), serves it on 127.0.0.1 and checks, as a patient would, by visible labels:
// - the Spanish planner end to end: the start form, starting a plan, the advice and its
//   reason with a Spanish date, logging a session, with no English word or missing text
//   key on the way, no script error, and axe-core clean
// - the language switcher leads from the English page to the Spanish one, and is a row of
//   links on a 320 px phone (no list bullets), each at least 24 px tall, the current bold
// - the Spanish exercise finder: Spanish filters, the English exercise marked, ticking
//   boxes by their labels filters the list, a reload keeps the choice, axe-core clean
// - an Arabic page and the Arabic planner are right to left and have no sideways scroll
//   at 320 px, and are axe-core clean
//
// Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM=/path).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, axeAudit, plannerSettled, startSite, closeSite } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'sinew-i18n-e2e-'));

/** The two-language fixture with Arabic added. */
function writeSite(dir) {
  cpSync(join(repo, 'tests', 'fixtures', 'sites', 'two-languages'), dir, { recursive: true });
  const yaml = join(dir, 'site.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('languages: [es]', 'languages: [es, ar]'));
  // An Arabic table: sinew's English texts with Arabic names of the language, months and
  // days (enough to lay the page out right to left; a real one translates every text).
  const en = readFileSync(join(repo, 'i18n', 'en.yaml'), 'utf8')
    .replace(/^name: .*$/m, 'name: العربية')
    .replace(/^months: .*$/m, 'months: [يناير, فبراير, مارس, أبريل, مايو, يونيو, يوليو, أغسطس, سبتمبر, أكتوبر, نوفمبر, ديسمبر]')
    .replace(/^weekdays: .*$/m, 'weekdays: [الاثنين, الثلاثاء, الأربعاء, الخميس, الجمعة, السبت, الأحد]');
  writeFileSync(join(dir, 'i18n', 'ar.yaml'), en);
  writeFileSync(join(dir, 'content', 'guides', 'knee.ar.md'),
    '---\ntitle: ألم الركبة\nreviewed: 2026-03-01\nprogram: knee\n---\nغالبًا ما يتحسن ألم الركبة مع التمرين المناسب، خطوة بخطوة، دون إجهاد.\n\n{{ exercise(id="squat") }}\n');
  const ladder = join(dir, 'content', 'programs', 'knee.yaml');
  writeFileSync(ladder, readFileSync(ladder, 'utf8') +
    '  ar:\n    title: سلم الركبة\n    milestones:\n      - امشِ مسافة أطول قليلاً كل يوم.\n      - اصعد الدرج في البيت.\n');
  return dir;
}

// In-page helpers: find things the way a patient sees them.
const H = `(() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const app = document.getElementById('planner-app');
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    norm, app,
    control(label) {
      for (const l of app.querySelectorAll('label')) if (visible(l) && norm(l.textContent) === label) return l.control;
      return null;
    },
    radio(group, option) {
      for (const f of app.querySelectorAll('fieldset')) {
        if (!visible(f) || !norm(f.querySelector('legend').textContent).startsWith(group)) continue;
        for (const l of f.querySelectorAll('label')) if (norm(l.textContent) === option) return l.control;
      }
      return null;
    },
    button(name) {
      for (const b of app.querySelectorAll('button, a')) if (visible(b) && norm(b.textContent) === name) return b;
      return null;
    },
    text(sel) { const el = sel ? document.querySelector(sel) : app; return el ? norm(el.innerText) : null; },
    day(n) {
      const x = new Date(); x.setDate(x.getDate() + n);
      return x.getFullYear() + '-' + String(x.getMonth() + 1).padStart(2, '0') + '-' + String(x.getDate()).padStart(2, '0');
    }
  };
})()`;

let browser, page, server, origin;

/** Wait until the planner has built its cards below today's (helpers.mjs). */
const settled = () => plannerSettled(page);

async function fill(label, value) {
  await settled();
  const expr = `${H}.control(${JSON.stringify(label)})`;
  const kind = await page.eval(`(() => { const c = ${expr}; return c ? c.type || c.tagName : null; })()`);
  assert.ok(kind, `no visible control labelled "${label}"`);
  await page.clickAt(expr);
  if (kind === 'number' || kind === 'text') {
    await page.eval(`(() => { const c = ${expr}; c.select(); })()`);
    await page.type(String(value));
  } else {
    await page.eval(`(() => { const c = ${expr}; c.value = ${JSON.stringify(String(value))};
      c.dispatchEvent(new Event('input', { bubbles: true })); c.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  }
}

async function choose(group, option) {
  await settled();
  const expr = `${H}.radio(${JSON.stringify(group)}, ${JSON.stringify(option)})`;
  assert.ok(await page.eval(`!!${expr}`), `no option "${option}" for "${group}"`);
  await page.clickAt(expr);
}

async function click(name) {
  await settled();
  const expr = `${H}.button(${JSON.stringify(name)})`;
  assert.ok(await page.eval(`!!${expr}`), `no visible button "${name}"`);
  await page.clickAt(expr);
}

/** Words of the English planner that must not show on the Spanish one. */
const ENGLISH = /\b(Start|Save|session|Today|Your|pain|dose|Yes)\b|\[[a-zA-Z_]+\]/;

/** Elements wider than the screen at 320 px (none may be: no sideways scroll). */
async function overflowAt320() {
  await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
  try {
    await page.eval('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    return await page.eval(`(() => {
      const w = document.documentElement.clientWidth;
      const out = [];
      if (document.documentElement.scrollWidth > w) out.push('document ' + document.documentElement.scrollWidth);
      // The skip link waits off screen until it has focus: only the page's content counts.
      for (const el of document.querySelectorAll('header *:not(.skip-link), main *, footer *')) {
        const r = el.getBoundingClientRect();
        if (r.width && (r.right > w + 0.5 || r.left < -0.5)) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
      }
      return out;
    })()`);
  } finally {
    await page.send('Emulation.clearDeviceMetricsOverride', {});
  }
}

before(async () => {
  ({ server, origin, browser, page } = await startSite(writeSite(join(work, 'src')), join(work, 'site')));
});

after(() => closeSite({ browser, server }, work));

describe('the site in Spanish', () => {
  it('the language switcher leads from the English page to the Spanish one', async () => {
    await page.goto(`${origin}/guides/knee/`);
    const link = `[...document.querySelectorAll('nav.languages a')].find((a) => a.textContent.trim() === 'Español')`;
    assert.ok(await page.eval(`!!${link}`), 'a visible "Español" link');
    await page.clickAt(link);
    await page.waitUntil(`location.pathname === '/es/guides/knee/'`, [], { what: 'the Spanish page' });
    assert.equal(await page.eval('document.documentElement.lang'), 'es');
    assert.equal(await page.eval(`document.querySelector('h1').textContent`), 'Dolor de rodilla');
  });

  it('the language switcher is a row of links on a 320 px phone, big enough to tap, the current one marked', async () => {
    await page.send('Emulation.setDeviceMetricsOverride', { width: 320, height: 640, deviceScaleFactor: 1, mobile: true });
    try {
      await page.goto(`${origin}/guides/knee/`);
      const got = await page.eval(`(() => {
        const items = [...document.querySelectorAll('nav.languages li')];
        const links = [...document.querySelectorAll('nav.languages a')];
        return {
          bullets: items.filter((li) => getComputedStyle(li).display === 'list-item' && getComputedStyle(li).listStyleType !== 'none').length,
          heights: links.map((a) => a.getBoundingClientRect().height),
          rows: new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size,
          current: links.filter((a) => a.getAttribute('aria-current') === 'true').map((a) => getComputedStyle(a).fontWeight),
        };
      })()`);
      assert.equal(got.bullets, 0, 'no list bullets in the header: ' + JSON.stringify(got));
      assert.ok(got.heights.length >= 2 && got.heights.every((h) => h >= 24), 'links at least 24 px tall: ' + JSON.stringify(got));
      assert.equal(got.rows, 1, 'the languages side by side: ' + JSON.stringify(got));
      assert.ok(got.current.length === 1 && Number(got.current[0]) >= 700, 'the current language in bold: ' + JSON.stringify(got));
    } finally {
      await page.send('Emulation.clearDeviceMetricsOverride', {});
    }
  });

  it('runs the planner end to end in Spanish: start, advice with a Spanish date, a logged session', async () => {
    await page.goto(`${origin}/es/planner/knee/`);
    await page.eval('localStorage.clear()');
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
    assert.match(await page.eval(`${H}.text()`), /Empiece su plan/);
    assert.doesNotMatch(await page.eval(`${H}.text()`), ENGLISH);

    await fill('Fecha de inicio', await page.eval(`${H}.day(-1)`));
    await fill('Su dolor habitual, de media', 2);
    await click('Empezar mi plan');
    await page.waitUntil(`!!document.getElementById('pl-today-h')`, [], { what: 'the today view' });

    // Yesterday was the first day and nothing was logged: the same dose, with the reason
    // naming yesterday in Spanish words.
    const advice = await page.eval(`${H}.text('#pl-advice')`);
    assert.match(advice, /Misma dosis hoy: 2 x 5\./);
    const months = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
    const yesterday = await page.eval(`(() => { const x = new Date(); x.setDate(x.getDate() - 1); return [x.getDate(), x.getMonth()]; })()`);
    assert.ok(advice.includes(`No se anotó nada el `) && advice.includes(`${yesterday[0]} de ${months[yesterday[1]]}`), advice);
    assert.match(await page.eval(`${H}.text('#pl-today-h')`), new RegExp(`^Hoy, \\S+, \\d+ de (${months.join('|')})$`));

    await fill('Fecha de la sesión', await page.eval(`${H}.day(0)`));
    await choose('¿Hizo esta sesión?', 'Sí');
    await fill('Repeticiones que hizo en cada serie', 5);
    await fill('¿Cuánto le subió el dolor durante la sesión?', 1);
    await choose('Después, ¿se quedó su dolor', 'No');
    await click('Guardar sesión');
    await page.waitUntil(`/^Sesión 1 guardada para hoy/.test(${H}.text('#pl-status'))`, [], { what: 'the saved message' });

    const all = await page.eval(`${H}.text()`);
    assert.doesNotMatch(all, ENGLISH, 'an English word or a missing text key on the Spanish planner');
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(await axeAudit(page), []);
  });

  it('a bad flare-up shows the clinic\'s out-of-hours advice, in English and marked when it has no Spanish', async () => {
    // The fixture's site.yaml leaves `out_of_hours` untranslated on purpose.
    await fill('Fecha de la sesión', await page.eval(`${H}.day(0)`));
    await fill('Qué sesión', 2);
    await choose('¿Hizo esta sesión?', 'Sí');
    await fill('Repeticiones que hizo en cada serie', 5);
    await fill('¿Cuánto le subió el dolor durante la sesión?', 8);
    await choose('Después, ¿se quedó su dolor', 'No');
    await click('Guardar sesión');
    await page.waitUntil(`!!document.getElementById('pl-out-of-hours')`, [], { what: 'the out-of-hours advice' });
    assert.equal(await page.eval(`${H}.text('#pl-out-of-hours')`),
      'Cuando la clínica está cerrada: Call NHS 111 for urgent advice, or 999 in an emergency. (en inglés)');
    assert.equal(await page.eval(`document.querySelector('#pl-out-of-hours [lang=en]').textContent`),
      'Call NHS 111 for urgent advice, or 999 in an emergency.');
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(await axeAudit(page), []);
  });
});

describe('English words on the Spanish planner', () => {
  it('tags an untranslated exercise\'s name and marks a milestone\'s link to an English page', async () => {
    await page.goto(`${origin}/es/planner/knee/`);
    await page.eval('localStorage.clear()');
    await page.reload();
    await page.waitUntil(`!!document.getElementById('pl-start-h')`, [], { what: 'the start form' });
    await fill('Fecha de inicio', await page.eval(`${H}.day(0)`));
    await fill('Su dolor habitual, de media', 2);
    await click('Empezar mi plan');
    await settled();
    // The step-up milestone (not reached yet) names the English exercise in its language.
    assert.match(await page.eval(`${H}.text('#pl-milestones')`), /15 Step-up \(en inglés\) en una serie/);
    assert.deepEqual(await page.eval(`[...document.querySelectorAll('#pl-milestones [lang]')].map((s) => [s.lang, s.textContent])`),
      [['en', 'Step-up'], ['en', 'Step-up']]);
    // A test set of the squat unlocks its milestone, whose page has no Spanish version.
    const summary = `[...document.querySelectorAll('#planner-app summary')].find((s) => ${H}.norm(s.textContent) === 'Anotar una serie de prueba')`;
    assert.ok(await page.eval(`!!${summary}`), 'a "Anotar una serie de prueba" section');
    await page.clickAt(summary);
    await fill('Repeticiones que hizo en una serie', 12);
    await fill('¿Cuánto le subió el dolor durante la serie de prueba?', 0);
    // The session form asks the same question above: the test set's own answer.
    const no = `[...document.querySelectorAll('#pl-test-form label')].find((l) => ${H}.norm(l.textContent) === 'No').control`;
    await page.clickAt(no);
    await click('Guardar serie de prueba');
    const link = `[...document.querySelectorAll('#pl-milestones a')].find((a) => a.getAttribute('href') === '/guides/pacing/')`;
    await page.waitUntil(`!!${link}`, [], { what: 'the unlocked milestone\'s link' });
    assert.equal(await page.eval(`${H}.norm(${link}.textContent)`), 'Más información: Suba las escaleras de casa (en inglés)');
    assert.equal(await page.eval(`${link}.hreflang`), 'en');
    assert.deepEqual(page.exceptions, []);
    assert.deepEqual(await axeAudit(page), []);
  });
});

// The exercise finder as a patient reads it in Spanish: boxes by their visible labels.
const F = `(() => {
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    visible,
    box(group, option) {
      for (const f of document.querySelectorAll('#finder fieldset')) {
        if (!visible(f) || norm(f.querySelector('legend').textContent) !== group) continue;
        for (const l of f.querySelectorAll('label')) if (norm(l.textContent) === option) return l.control;
      }
      return null;
    },
    status() { const s = document.querySelector('main [role=status]'); return s ? norm(s.textContent) : null; },
    shown() {
      const seen = new Set();
      for (const a of document.querySelectorAll('main .cards a')) if (visible(a)) seen.add(norm(a.textContent));
      return [...seen].sort();
    },
    form() { return norm(document.getElementById('finder').innerText); },
  };
})()`;

async function tick(group, option) {
  const box = `${F}.box(${JSON.stringify(group)}, ${JSON.stringify(option)})`;
  assert.ok(await page.eval(`!!${box}`), `no visible box "${option}" under "${group}"`);
  await page.clickAt(box);
}

describe('the exercise finder in Spanish', () => {
  it('lists the Spanish exercises and the English one, marked, with Spanish filters', async () => {
    await page.goto(`${origin}/es/exercises/`);
    await page.waitUntil(`${F}.visible(document.getElementById('finder'))`, [], { what: 'the finder' });
    assert.equal(await page.eval('document.documentElement.lang'), 'es');
    assert.equal(await page.eval(`document.querySelector('h1').textContent`), 'Ejercicios');
    assert.deepEqual(await page.eval(`${F}.shown()`), ['Sentadilla', 'Step-up (en inglés)']);
    assert.equal(await page.eval(`${F}.status()`), 'Se muestran los 2 ejercicios');
    // Sinew's own words are Spanish; the only English is the exercise not translated,
    // marked as English.
    const form = await page.eval(`${F}.form()`);
    assert.match(form, /Buscar un ejercicio Zona del cuerpo .*Material/);
    assert.doesNotMatch(form.replace(/Knee \(en inglés\)|Step \(en inglés\)/g, ''), /Body region|Equipment|Other|No equipment|English|inglés/);
    // The English words carry their language; the mark is Spanish, and not in it.
    assert.equal(await page.eval(`${F}.box('Zona del cuerpo', 'Knee (en inglés)').parentElement.querySelector('[lang=en]').textContent`), 'Knee');
  });

  it('filters by the boxes a patient ticks, and a reload keeps the choice', async () => {
    await tick('Zona del cuerpo', 'Rodilla');
    await page.waitUntil(`${F}.status() === '1 ejercicio coincide'`, [], { what: 'one exercise for "Rodilla"' });
    assert.deepEqual(await page.eval(`${F}.shown()`), ['Sentadilla']);
    await tick('Zona del cuerpo', 'Knee (en inglés)');
    await page.waitUntil(`${F}.status() === '2 ejercicios coinciden'`, [], { what: 'both regions' });
    await tick('Material', 'Silla');
    await page.waitUntil(`${F}.status() === '1 ejercicio coincide'`, [], { what: 'one exercise with a chair' });
    assert.deepEqual(await page.eval(`${F}.shown()`), ['Sentadilla']);
    assert.equal(await page.eval('location.search'), '?region=knee&region=rodilla&equipment=silla');
    await page.reload();
    await page.waitUntil(`${F}.status() === '1 ejercicio coincide'`, [], { what: 'the same choice after a reload' });
    assert.deepEqual(await page.eval(`${F}.shown()`), ['Sentadilla']);
    assert.equal(await page.eval(`${F}.box('Material', 'Silla').checked`), true);
    assert.equal(await page.eval(`${F}.box('Material', 'Step (en inglés)').checked`), false);
  });

  it('"Mostrar todos los ejercicios" clears the choice; the page is clean under axe-core', async () => {
    await page.clickAt(`[...document.querySelectorAll('#finder button')].find((b) => b.textContent === 'Mostrar todos los ejercicios')`);
    await page.waitUntil(`${F}.status() === 'Se muestran los 2 ejercicios'`, [], { what: 'every exercise again' });
    assert.equal(await page.eval('location.search'), '');
    assert.deepEqual(await axeAudit(page), []);
    assert.deepEqual(page.exceptions, []);
  });
});

describe('a right-to-left language', () => {
  for (const path of ['/ar/guides/knee/', '/ar/planner/knee/']) {
    it(`${path} is right to left, with no sideways scroll at 320 px, and axe-core clean`, async () => {
      await page.goto(`${origin}${path}`);
      assert.equal(await page.eval('document.documentElement.dir'), 'rtl');
      assert.equal(await page.eval('document.documentElement.lang'), 'ar');
      assert.equal(await page.eval(`getComputedStyle(document.querySelector('main')).direction`), 'rtl');
      if (path.includes('planner')) {
        await page.waitUntil(`!!document.getElementById('pl-start-h') || !!document.getElementById('pl-today-h')`, [], {
          what: 'the planner: ' + JSON.stringify(page.exceptions.concat(page.console))
        });
      }
      assert.deepEqual(await overflowAt320(), [], 'elements wider than a 320 px screen');
      assert.deepEqual(await axeAudit(page), []);
      assert.deepEqual(page.exceptions, []);
    });
  }
});
