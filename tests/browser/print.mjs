// Print helpers for the end-to-end tests: a page printed to PDF by Chromium
// (Page.printToPDF, the page's own @page size), then read back by independent tools from
// Debian's packages: `pdfinfo` and `pdftotext` (poppler-utils) for the page count and
// text, `pdftoppm` to render each page and `zbarimg` (zbar-tools) to decode its QR codes.
// scripts/test installs both packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/** Prints the page to `file` as the browser's print dialog would (A4 from the page's CSS). */
export async function printToPdf(page, file) {
  const { data } = await page.send('Page.printToPDF', {
    preferCSSPageSize: true,
    paperWidth: 8.27, // A4, used only if the page sets no size
    paperHeight: 11.69,
    printBackground: false
  });
  writeFileSync(file, Buffer.from(data, 'base64'));
  return file;
}

/** The number of pages of a PDF. */
export function pdfPages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error('pdfinfo gave no page count:\n' + info);
  return Number(m[1]);
}

/** The text of a PDF, with runs of white space made one space. */
export function pdfText(file) {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/**
 * The text of a PDF as laid out on its pages (`pdftotext -layout`): lines in reading
 * order, left to right then down, so two blocks side by side share a line.
 */
export function pdfLayoutText(file) {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/**
 * Every QR code on every page of a PDF, decoded by zbarimg, in page order, from the pages
 * rendered at `dpi` dots per inch (150: a cheap office scanner, or a phone's photo of the
 * sheet from arm's length, is no sharper).
 */
export function pdfQrCodes(file, dpi = 200) {
  const dir = mkdtempSync(join(file + '-pages-' + dpi + '-'));
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, join(dir, 'p')]);
  const codes = [];
  for (const png of readdirSync(dir).filter((n) => n.endsWith('.png')).sort()) {
    const r = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, png)], { encoding: 'utf8' });
    // zbarimg exits 4 when a page has no code at all.
    if (r.status !== 0 && r.status !== 4) throw new Error('zbarimg failed: ' + r.stderr);
    codes.push(...r.stdout.split('\n').filter(Boolean));
  }
  return codes;
}

/**
 * The printed width and height, in millimetres, of every QR code (`svg.qr`, its quiet
 * zone included: the SVG's white square) of the page, laid out for print. CSS millimetres
 * are paper millimetres when the page is printed at its own @page size (`printToPdf`).
 */
export async function printedQrSizes(page) {
  await page.send('Emulation.setEmulatedMedia', { media: 'print' });
  try {
    return await page.eval(() => [...document.querySelectorAll('svg.qr')].map((q) => {
      const r = q.getBoundingClientRect();
      return { width: r.width * 25.4 / 96, height: r.height * 25.4 / 96 };
    }));
  } finally {
    await page.send('Emulation.setEmulatedMedia', { media: '' });
  }
}
