// @ts-check
/**
 * The planner page's entry module (`<script type="module">`): reads the ladder from
 * `<script type="application/json" id="sinew-ladder">`, checks it, and mounts the view
 * into #planner-app. The only place that reads the clock.
 * @module
 */
import { localDate } from './dates.js';
import { el } from './dom.js';
import * as engine from './engine.js';
import { checkLadder } from './ladder.js';
import { keepOffline } from './offline.js';
import { Planner } from './view.js';
import { LADDER_PROBLEM, T } from './strings.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */

/**
 * @typedef {object} PlannerGlobals
 * @property {typeof engine} SinewPlanner the engine, for end-to-end tests
 * @property {Planner} [sinewPlanner] the mounted app
 */

// The planner's own work from here to an interactive page, for bench/planner-load.mjs.
performance.mark('sinew-planner-start');

function mount() {
  const root = document.getElementById('planner-app');
  const data = document.getElementById('sinew-ladder');
  if (!root) return;
  /** @type {unknown} */
  let ladder = null;
  /** @type {string[]} */
  let problems;
  try {
    ladder = JSON.parse(data ? data.textContent || 'null' : 'null');
    problems = checkLadder(ladder);
  } catch {
    problems = [LADDER_PROBLEM.notJson];
  }
  if (problems.length) {
    root.textContent = '';
    root.appendChild(el('p', { class: 'planner-note planner-warn', role: 'alert' }, T.cannotLoad(problems[0])));
    return;
  }
  const lad = /** @type {Ladder} */ (ladder);
  if (Array.isArray(lad.schedule) && JSON.stringify(lad.schedule) !== JSON.stringify(engine.idealSchedule(lad))) {
    // The build (Rust) and this engine disagree on the dose rule: the shared test
    // vectors should have caught this. Keep going; the engine's own doses are used.
    console.warn("sinew planner: the page's schedule differs from the planner engine");
  }
  const app = new Planner(root, lad, () => localDate(new Date()), () => new Date());
  app.mount();
  performance.measure('sinew-planner-interactive', 'sinew-planner-start');
  keepOffline(root, lad, (ready) => app.setOffline(ready));
  const g = /** @type {PlannerGlobals} */ (/** @type {unknown} */ (window));
  g.sinewPlanner = app;
}

/** @type {PlannerGlobals} */ (/** @type {unknown} */ (window)).SinewPlanner = engine;

// Module scripts run after the document is parsed, so the page is ready here.
mount();
