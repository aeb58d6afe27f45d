// @ts-check
/**
 * The progress chart: the whole plan as one SVG drawn by the page (no third-party code,
 * no requests). Upper part: the daily dose (sets x reps x sessions a day), with a tall
 * line where a new exercise starts and a star where a milestone was reached. Lower part:
 * each day's highest pain rise during a session or test set, with the pain rule as a
 * dashed line and "S" over days whose pain stayed up. The history list below it is its
 * text alternative. Renders from the engine's state only.
 * @module
 */
import { el, svg } from './dom.js';
import { R } from './strings.js';

/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./engine.js').DayRecord} DayRecord */

/**
 * Days up to which each day's dose and pain get elements of their own (with the date and
 * value as data); beyond, the dose is the line alone and the pain dots are one path.
 */
const DOSE_POINTS_MAX = 120;

/**
 * The highest pain rise of a day (sessions done and test sets), or null when none.
 * @param {DayRecord} d
 * @returns {number | null}
 */
export function dayRise(d) {
  /** @type {number | null} */
  let rise = null;
  for (const e of d.sessions) if (e && e.done) rise = rise === null ? e.pain_rise : Math.max(rise, e.pain_rise);
  for (const t of d.tests) rise = rise === null ? t.pain_rise : Math.max(rise, t.pain_rise);
  return rise;
}

/**
 * Whether the patient said pain stayed up after a session or test set that day.
 * @param {DayRecord} d
 */
export function dayStayedUp(d) {
  return d.sessions.some((e) => !!e && e.done && e.pain_stayed_up === true) || d.tests.some((t) => t.pain_stayed_up === true);
}

/**
 * The chart of the whole plan, or null before anything is logged.
 * @param {import('./ladder.js').Ladder} ladder
 * @param {State} st
 * @param {'h2' | 'h4'} [heading] its heading's level: h4 in the planner's history card,
 *   h2 on "My progress", whose headings below the page's h1 are h2s (none skipped)
 */
export function renderChart(ladder, st, heading = 'h4') {
  const days = st.days;
  if (!days.some((d) => d.sessions.some(Boolean) || d.tests.length)) return null;
  const tpd = ladder.times_per_day;
  let maxDose = 1;
  for (const d of days) maxDose = Math.max(maxDose, d.sets * d.reps * tpd);
  // At most 4 units a day and at least 300 units wide: a phone scales it to its width.
  const step = Math.max(1, Math.min(12, 300 / days.length));
  const left = 28, W = Math.max(320, left + days.length * step + 8);
  const top = 16, doseH = 70, gap = 26, painH = 60;
  const painTop = top + doseH + gap;
  const H = painTop + painH + 14;
  const x = (/** @type {number} */ i) => left + i * step + step / 2;
  const doseY = (/** @type {number} */ v) => top + doseH - (v / maxDose) * doseH;
  const painY = (/** @type {number} */ v) => painTop + painH - (v / 10) * painH;
  const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'planner-chart', role: 'img',
    'aria-labelledby': 'pl-chart-title', id: 'pl-chart' },
  svg('title', { id: 'pl-chart-title' }, R.chartTitle(days.length, ladder.pain.max_rise_during)));
  chart.appendChild(svg('text', { x: 2, y: 11, class: 'planner-chart-label' }, R.chartDose));
  chart.appendChild(svg('text', { x: 2, y: painTop - 6, class: 'planner-chart-label' }, R.chartPain));
  chart.appendChild(svg('text', { x: 2, y: painY(0) + 3, class: 'planner-chart-tick' }, '0'));
  chart.appendChild(svg('text', { x: 2, y: painY(10) + 8, class: 'planner-chart-tick' }, '10'));
  chart.appendChild(svg('text', { x: 2, y: doseY(maxDose) + 8, class: 'planner-chart-tick' }, String(maxDose)));
  chart.appendChild(svg('line', { x1: left, x2: W - 4, y1: top + doseH, y2: top + doseH, class: 'planner-chart-axis' }));
  chart.appendChild(svg('line', { x1: left, x2: W - 4, y1: painY(0), y2: painY(0), class: 'planner-chart-axis' }));
  chart.appendChild(svg('line', { x1: left, x2: W - 4, y1: painY(ladder.pain.max_rise_during), y2: painY(ladder.pain.max_rise_during),
    class: 'planner-chart-limit' }));
  const points = days.map((d, i) => x(i).toFixed(1) + ',' + doseY(d.sets * d.reps * tpd).toFixed(1)).join(' ');
  chart.appendChild(svg('polyline', { points, class: 'planner-chart-doseline' }));
  const marks = svg('g', { class: 'planner-chart-marks' });
  const few = days.length <= DOSE_POINTS_MAX;
  /** @type {string[]} */
  const dots = [];
  /** @type {string[]} */
  const overDots = [];
  days.forEach((d, i) => {
    const prev = days[i - 1];
    if (prev && prev.stage !== d.stage) {
      marks.appendChild(svg('line', { x1: x(i) - step / 2, x2: x(i) - step / 2, y1: top, y2: painY(0),
        class: 'planner-chart-step', 'data-date': d.date }));
    }
    // A point per day's dose while there is room for one; the line alone beyond that.
    if (few) {
      marks.appendChild(svg('circle', { cx: x(i), cy: doseY(d.sets * d.reps * tpd), r: Math.min(2.5, step / 2 + 0.5),
        class: 'planner-chart-dose', 'data-date': d.date, 'data-dose': String(d.sets * d.reps * tpd) }));
    }
    const rise = dayRise(d);
    if (rise !== null) {
      const over = rise > ladder.pain.max_rise_during;
      const r = Math.max(2, Math.min(3.5, step / 2 + 1));
      if (few) {
        marks.appendChild(svg('circle', { cx: x(i), cy: painY(rise), r,
          class: over ? 'planner-chart-pain planner-chart-over' : 'planner-chart-pain',
          'data-date': d.date, 'data-rise': String(rise) }));
      } else {
        // Years of days: the same dots as two paths, not a thousand elements.
        const dot = 'M' + (x(i) - r).toFixed(1) + ' ' + painY(rise).toFixed(1) + 'a' + r + ' ' + r + ' 0 1 0 ' + 2 * r +
          ' 0a' + r + ' ' + r + ' 0 1 0 ' + -2 * r + ' 0';
        if (over) overDots.push(dot);
        else dots.push(dot);
      }
    }
    if (dayStayedUp(d)) {
      marks.appendChild(svg('text', { x: x(i), y: painTop + 8, class: 'planner-chart-stayed', 'text-anchor': 'middle',
        'data-date': d.date }, R.chartStayedMark));
    }
  });
  for (const m of st.milestones) {
    const i = m.date ? days.findIndex((d) => d.date === m.date) : -1;
    if (i < 0) continue;
    marks.appendChild(svg('text', { x: x(i), y: top + 6, class: 'planner-chart-milestone', 'text-anchor': 'middle',
      'data-date': days[i].date }, '\u2605'));
  }
  if (dots.length) marks.appendChild(svg('path', { d: dots.join(''), class: 'planner-chart-pain' }));
  if (overDots.length) marks.appendChild(svg('path', { d: overDots.join(''), class: 'planner-chart-pain planner-chart-over' }));
  chart.appendChild(marks);
  return el('figure', { class: 'planner-figure', 'aria-labelledby': 'pl-chart-h' },
    el(heading, { id: 'pl-chart-h', text: R.chartHeading }),
    chart,
    el('figcaption', { text: R.chartCaption(days.length) }));
}
