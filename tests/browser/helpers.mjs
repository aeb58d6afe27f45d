// Shared helpers for the browser tests of the planner and other pages, on top of the
// CDP client in cdp.mjs:
//   axeAudit(page)      run axe-core (pinned in tests/js/package.json) in the page
//   printedText(page)   the text of the page as printed to PDF (A4), via `pdftotext`
//   setOffline(page, b) switch the page's network off and on
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AXE = join(repo, 'tests', 'js', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Run axe-core in `page` (injected through the DevTools protocol, so the page's own
 * Content-Security-Policy does not apply to it) and return its violations at or above
 * `minImpact`, as short lines "rule (impact): target - help". Fails loudly when axe-core
 * is not installed.
 */
export async function axeAudit(page, { minImpact = 'serious', context = 'document' } = {}) {
  let source;
  try {
    source = readFileSync(AXE, 'utf8');
  } catch {
    throw new Error('axe-core is not installed: run `(cd tests/js && npm ci)` (scripts/test does)');
  }
  if (!(await page.eval('typeof window.axe === "object"'))) await page.eval(source + '\n;true');
  const order = ['minor', 'moderate', 'serious', 'critical'];
  const result = await page.eval(`(async () => {
    const r = await axe.run(${context}, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
  return result
    .filter((v) => order.indexOf(v.impact) >= order.indexOf(minImpact))
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')} - ${v.help}`);
}

/** The text of `page` printed on A4 (Chromium's own PDF), extracted with `pdftotext -layout`. */
export async function printedText(page) {
  const pdf = await page.send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true });
  const dir = mkdtempSync(join(tmpdir(), 'sinew-pdf-'));
  try {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, Buffer.from(pdf.data, 'base64'));
    try {
      return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    } catch (e) {
      if (e.code === 'ENOENT') throw new Error('pdftotext is missing: install Debian\'s poppler-utils (scripts/test does)');
      throw e;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Switch the network of `page` off (true) or back on (false). */
export async function setOffline(page, offline) {
  await page.send('Network.emulateNetworkConditions', {
    offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1
  });
}
