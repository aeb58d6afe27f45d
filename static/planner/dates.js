// @ts-check
/**
 * Calendar days as "YYYY-MM-DD" strings, with arithmetic on whole UTC day numbers so
 * that daylight-saving changes never shift a day. Pure: `localDate` reads the clock
 * only when it is not given a Date, and only the page's entry module calls it so.
 * @module
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86400000;
/** @type {Map<string, number>} */
const DAY_NUMBERS = new Map();
/** @type {Map<number, string>} */
const DAY_NAMES = new Map();

/**
 * "YYYY-MM-DD" -> whole days since 1970-01-01, or NaN for anything else.
 * @param {unknown} s
 * @returns {number}
 */
export function dayNumber(s) {
  if (typeof s !== 'string') return NaN;
  const known = DAY_NUMBERS.get(s);
  if (known !== undefined) return known;
  const m = DATE_RE.exec(s);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  const n = back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d
    ? NaN : Math.round(t / DAY_MS);
  // A long log names each day many times (sessions, the engine's days): remember them.
  if (DAY_NUMBERS.size < 20000) DAY_NUMBERS.set(s, n);
  return n;
}

/**
 * @param {number} n
 * @param {number} w
 */
function pad(n, w) {
  return String(n).padStart(w, '0');
}

/**
 * Whole day number -> "YYYY-MM-DD".
 * @param {number} n
 * @returns {string}
 */
export function formatDay(n) {
  const known = DAY_NAMES.get(n);
  if (known !== undefined) return known;
  const d = new Date(n * DAY_MS);
  const s = pad(d.getUTCFullYear(), 4) + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2);
  // The engine names every day of a plan, on every render: remember them.
  if (DAY_NAMES.size < 20000) DAY_NAMES.set(n, s);
  return s;
}

/** "00" to "31": the two-digit months and days of `dayNames`. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, k) => pad(k, 2));
/** Days in each month of a year that is not a leap year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The day number of 9999-12-31, the last day `dayNames` counts on its own. */
const LAST_FOUR_DIGIT_DAY = 2932896;

/**
 * The names of `count` days in a row from day number `n`: `formatDay(n)`,
 * `formatDay(n + 1)`, ..., counted on from the first day's year, month and day instead of
 * working each out again (the engine names every day of a plan on every load).
 * @param {number} n
 * @param {number} count
 * @returns {string[]}
 */
export function dayNames(n, count) {
  /** @type {string[]} */
  const out = [];
  if (!(count > 0)) return out;
  const first = formatDay(n);
  let y = +first.slice(0, 4), m = +first.slice(5, 7), d = +first.slice(8, 10);
  if (first.length !== 10 || !(y >= 1) || !(n + count - 1 <= LAST_FOUR_DIGIT_DAY)) {
    // Outside years 1 to 9999 (never a plan's): formatDay's own names, one by one.
    for (let k = 0; k < count; k++) out.push(formatDay(n + k));
    return out;
  }
  let year = first.slice(0, 4);
  let inMonth = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
  let prefix = year + '-' + TWO_DIGITS[m] + '-';
  for (let k = 0; k < count; k++) {
    out.push(prefix + TWO_DIGITS[d]);
    if (++d > inMonth) {
      d = 1;
      if (++m > 12) {
        m = 1;
        year = pad(++y, 4);
      }
      inMonth = m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
      prefix = year + '-' + TWO_DIGITS[m] + '-';
    }
  }
  return out;
}

/**
 * A leap year of the (proleptic) Gregorian calendar, as `Date` counts them.
 * @param {number} y
 */
function isLeap(y) {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/**
 * Is `s` a real calendar date written "YYYY-MM-DD"?
 * @param {unknown} s
 * @returns {s is string}
 */
export function isDate(s) {
  return !isNaN(dayNumber(s));
}

/**
 * The date `n` days after `s`.
 * @param {string} s
 * @param {number} n
 */
export function addDays(s, n) {
  return formatDay(dayNumber(s) + n);
}

/**
 * Days from `a` to `b` (b - a).
 * @param {string} a
 * @param {string} b
 */
export function daysBetween(a, b) {
  return dayNumber(b) - dayNumber(a);
}

/**
 * The local calendar date of `date` as "YYYY-MM-DD".
 * @param {Date} date
 */
export function localDate(date) {
  return pad(date.getFullYear(), 4) + '-' + pad(date.getMonth() + 1, 2) + '-' + pad(date.getDate(), 2);
}
