// @ts-check
/**
 * The planner's history card: a list of days (newest first) and a small chart. Renders
 * from the engine's state only.
 * @module
 */
import { el, svg } from './dom.js';
import { T, shortDose } from './strings.js';
import { showDate } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */
/** @typedef {import('./engine.js').State} State */

/**
 * The history as a list of days, newest first: readable on a narrow phone without
 * sideways scrolling, pain days marked in words and style.
 * @param {Planner} app
 * @param {State} st
 */
export function renderHistory(app, st) {
  const ladder = app.ladder;
  if (!st.days.length) return null;
  const tpd = ladder.times_per_day;
  const list = el('ol', { class: 'planner-days', id: 'pl-history', reversed: true });
  for (const d of st.days.slice().reverse()) {
    const pain = d.outcome === 'pain';
    const sessions = d.sessions.map((e, k) => {
      const label = tpd === 1 ? '' : T.historySessionLabel(k + 1);
      if (!e) return el('li', { text: label + T.historyNotLogged });
      const text = e.done ? T.sessionDetail(e.reps, e.pain_rise, e.pain_stayed_up) +
        (e.pain_stayed_up === null ? T.historyWaiting : '') : T.sessionNotDone;
      return el('li', { text: label + text });
    });
    const tests = d.tests.map((t) => el('li', { text: T.historyTest(t.reps,
      (ladder.stages.find((s) => s.exercise === t.exercise) || { name: t.exercise }).name, t.pain_rise) }));
    const result = d.outcome === 'incomplete' && d.unanswered ? T.historyWaitingResult : T.outcome[d.outcome];
    list.appendChild(el('li', { class: 'planner-day planner-day-' + d.outcome },
      el('p', { class: 'planner-day-head' },
        el('strong', { text: showDate(d.date, true) }), ' ' + ladder.stages[d.stage].name + ', ' + shortDose(d.sets, d.reps)),
      el('ul', { class: 'planner-day-sessions' }, sessions, tests),
      el('p', { class: 'planner-day-result' },
        pain ? el('span', { class: 'planner-day-mark', 'aria-hidden': 'true', text: '!' }) : null,
        T.historyResultLabel, pain ? el('strong', { text: result }) : result)));
  }
  return el('section', { class: 'planner-card planner-history', 'aria-labelledby': 'pl-hist-h' },
    el('h3', { id: 'pl-hist-h', text: T.history }),
    renderChart(app, st),
    el('p', { class: 'planner-hint', text: T.historyCaption }),
    list);
}

/**
 * A small inline SVG chart: reps managed (bars) and highest pain rise (dots) per day.
 * @param {Planner} app
 * @param {State} st
 */
export function renderChart(app, st) {
  const ladder = app.ladder;
  const days = st.days.slice(-28);
  if (!days.some((d) => d.sessions.some(Boolean))) return null;
  let maxReps = 1;
  for (const d of days) {
    maxReps = Math.max(maxReps, d.reps);
    for (const e of d.sessions) if (e && e.reps) maxReps = Math.max(maxReps, e.reps);
  }
  const bw = 12;
  const W = Math.max(days.length, 14) * bw, barH = 80, painH = 50, gap = 16, top = 14;
  const H = top + barH + gap + painH + 16;
  const chart = svg('svg', { viewBox: '0 0 ' + (W + 8) + ' ' + H, class: 'planner-chart', role: 'img', 'aria-labelledby': 'pl-chart-title' },
    svg('title', { id: 'pl-chart-title' }, T.chartTitle(days.length)));
  chart.appendChild(svg('text', { x: 0, y: 10, class: 'planner-chart-label' }, T.chartReps));
  chart.appendChild(svg('text', { x: 0, y: top + barH + gap - 2, class: 'planner-chart-label' }, T.chartPain));
  const painTop = top + barH + gap;
  const limitY = painTop + painH - (ladder.pain.max_rise_during / 10) * painH;
  chart.appendChild(svg('line', { x1: 4, x2: W + 4, y1: limitY, y2: limitY, class: 'planner-chart-limit' }));
  chart.appendChild(svg('line', { x1: 4, x2: W + 4, y1: top + barH, y2: top + barH, class: 'planner-chart-axis' }));
  chart.appendChild(svg('line', { x1: 4, x2: W + 4, y1: painTop + painH, y2: painTop + painH, class: 'planner-chart-axis' }));
  days.forEach((d, i) => {
    const x = 4 + i * bw;
    /** @type {number | null} */
    let reps = null;
    /** @type {number | null} */
    let rise = null;
    for (const e of d.sessions) {
      if (!e) continue;
      if (e.reps !== null && e.reps !== undefined) reps = reps === null ? e.reps : Math.min(reps, e.reps);
      rise = rise === null ? e.pain_rise : Math.max(rise, e.pain_rise);
    }
    // Target for the day: an outline; managed: filled.
    const th = (d.reps / maxReps) * barH;
    chart.appendChild(svg('rect', { x: x + 2, y: top + barH - th, width: bw - 4, height: th, class: 'planner-chart-dose' }));
    if (reps !== null) {
      const rh = (reps / maxReps) * barH;
      chart.appendChild(svg('rect', { x: x + 2, y: top + barH - rh, width: bw - 4, height: rh,
        class: 'planner-chart-reps planner-chart-day-' + d.outcome }));
    }
    if (rise !== null) {
      chart.appendChild(svg('circle', { cx: x + bw / 2, cy: painTop + painH - (rise / 10) * painH, r: 3.5,
        class: rise > ladder.pain.max_rise_during ? 'planner-chart-pain planner-chart-over' : 'planner-chart-pain' }));
    }
  });
  return el('figure', { class: 'planner-figure' }, chart,
    el('figcaption', { text: T.chartCaption(days.length, ladder.pain.max_rise_during) }));
}
