/* sinew progression planner.
 *
 * One file, two parts:
 *   1. a pure rules engine (no DOM, no clock, no storage): ladder + saved plan +
 *      "today" -> the state of the plan (today's dose, advice, alerts, history);
 *   2. a thin view that mounts into #planner-app, reads the ladder from
 *      <script type="application/json" id="sinew-ladder">, and keeps the patient's
 *      plan in localStorage under "sinew-planner:<ladder id>".
 *
 * In Node (tests) the file exports the engine and touches no DOM. In a browser it
 * mounts the view on DOMContentLoaded. No network requests, no inline styles or
 * scripts (the page's Content-Security-Policy forbids them), no dependencies.
 *
 * The rules are documented for clinic staff in docs/planner.md; the dose rule must
 * match the Rust build's ideal schedule (shared vectors in
 * tests/fixtures/planner/vectors.json).
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------
  // Engine
  // ---------------------------------------------------------------------------

  var FORMAT = 'sinew-planner';
  var VERSION = 1;
  /** Window (in days) for the "no progress" and "repeated step-backs" rules. */
  var REVIEW_WINDOW_DAYS = 14;
  /** Step-backs within REVIEW_WINDOW_DAYS that trigger the consultation alert. */
  var STEP_BACKS_FOR_CONSULT = 2;
  var MAX_REPS = 999;
  var MAX_ENTRIES = 5000;

  // --- dates: calendar days as "YYYY-MM-DD" strings, arithmetic in UTC day numbers

  var DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

  /** "YYYY-MM-DD" -> integer day number (days since 1970-01-01), or NaN. */
  function dayNumber(s) {
    if (typeof s !== 'string') return NaN;
    var m = DATE_RE.exec(s);
    if (!m) return NaN;
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = Date.UTC(y, mo - 1, d);
    var back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
      return NaN;
    }
    return Math.round(t / 86400000);
  }

  function pad(n, w) {
    var s = String(n);
    while (s.length < w) s = '0' + s;
    return s;
  }

  /** Integer day number -> "YYYY-MM-DD". */
  function formatDay(n) {
    var d = new Date(n * 86400000);
    return pad(d.getUTCFullYear(), 4) + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2);
  }

  function isDate(s) {
    return !isNaN(dayNumber(s));
  }

  function addDays(s, n) {
    return formatDay(dayNumber(s) + n);
  }

  /** Days from a to b (b - a). */
  function daysBetween(a, b) {
    return dayNumber(b) - dayNumber(a);
  }

  /** The local calendar date of a Date (default: now) as "YYYY-MM-DD". */
  function localDate(date) {
    var d = date || new Date();
    return pad(d.getFullYear(), 4) + '-' + pad(d.getMonth() + 1, 2) + '-' + pad(d.getDate(), 2);
  }

  // --- the dose rule (must match the Rust build) --------------------------------

  /** Number of steps L of a stage: days.min - 1 (levels are 0..=L). */
  function stageSteps(stage) {
    return Math.max(0, stage.days.min - 1);
  }

  /** round-half-up(i * diff / L) with integers only. */
  function stepAmount(i, diff, L) {
    return Math.floor((2 * i * diff + L) / (2 * L));
  }

  /** The dose {sets, reps} at `level` (0..=L) of a stage. */
  function levelDose(stage, level) {
    var L = stageSteps(stage);
    var s0 = stage.start.sets, r0 = stage.start.reps;
    var s1 = stage.target.sets, r1 = stage.target.reps;
    if (L === 0) return { sets: s1, reps: r1 };
    var i = Math.max(0, Math.min(L, level));
    return {
      sets: s0 + stepAmount(i, s1 - s0, L),
      reps: r0 + stepAmount(i, r1 - r0, L)
    };
  }

  /** The ideal schedule: every stage's levels 0..=L in order, one day each. */
  function idealSchedule(ladder) {
    var out = [];
    var day = 1;
    ladder.stages.forEach(function (stage, si) {
      var L = stageSteps(stage);
      for (var i = 0; i <= L; i++) {
        var dose = levelDose(stage, i);
        out.push({ day: day++, stage: si, sets: dose.sets, reps: dose.reps });
      }
    });
    return out;
  }

  // --- pain rules ----------------------------------------------------------------

  /** Does a logged session (or test set) break one of the ladder's pain rules? */
  function breaksPainRule(ladder, entry) {
    if (!entry) return false;
    var rise = typeof entry.pain_rise === 'number' ? entry.pain_rise : 0;
    return rise > ladder.pain.max_rise_during || entry.pain_stayed_up === true;
  }

  /** Did this session complete the dose? Done, and reps managed (if given) >= dose reps. */
  function sessionComplete(entry, dose) {
    if (!entry || entry.done !== true) return false;
    return entry.reps === null || entry.reps === undefined || entry.reps >= dose.reps;
  }

  // --- plan data (what is stored and exported) ---------------------------------------

  function newPlan(ladder, startDate, usualPain) {
    return {
      format: FORMAT,
      version: VERSION,
      ladder: ladder.id,
      start_date: startDate,
      usual_pain: usualPain,
      sessions: [],
      tests: []
    };
  }

  function cloneJson(x) {
    return JSON.parse(JSON.stringify(x));
  }

  function byDateThenSession(a, b) {
    if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    return (a.session || 0) - (b.session || 0);
  }

  /** A copy of `plan` with a session entry added (replacing the same date+session). */
  function withSession(plan, entry) {
    var p = cloneJson(plan);
    p.sessions = p.sessions.filter(function (e) {
      return !(e.date === entry.date && e.session === entry.session);
    });
    p.sessions.push(cloneJson(entry));
    p.sessions.sort(byDateThenSession);
    return p;
  }

  /** A copy of `plan` with a milestone test set added. */
  function withTest(plan, entry) {
    var p = cloneJson(plan);
    p.tests.push(cloneJson(entry));
    p.tests.sort(byDateThenSession);
    return p;
  }

  function isInt(x, lo, hi) {
    return typeof x === 'number' && Math.floor(x) === x && x >= lo && x <= hi;
  }

  /**
   * Validate parsed data (e.g. an imported file) as a plan for `ladder`.
   * Returns {ok: true, plan} or {ok: false, errors: [plain-language strings]}.
   */
  function validatePlan(data, ladder) {
    var errors = [];
    function err(msg) {
      if (errors.length < 10) errors.push(msg);
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { ok: false, errors: ['The file does not contain planner data.'] };
    }
    if (data.format !== FORMAT) {
      return { ok: false, errors: ['This is not a sinew planner file (it has no "format": "' + FORMAT + '").'] };
    }
    if (data.version !== VERSION) {
      return { ok: false, errors: ['This planner file has version ' + JSON.stringify(data.version) +
        '; this page reads version ' + VERSION + '.'] };
    }
    if (data.ladder !== ladder.id) {
      return { ok: false, errors: ['This file is for the plan "' + String(data.ladder) +
        '", not for this plan ("' + ladder.id + '"). Open the matching planner page to import it.'] };
    }
    if (!isDate(data.start_date)) err('The start date is missing or not a real date (expected YYYY-MM-DD).');
    if (!isInt(data.usual_pain, 0, 10)) err('The usual pain must be a whole number from 0 to 10.');
    var tpd = ladder.times_per_day;
    var sessions = data.sessions, tests = data.tests;
    if (!Array.isArray(sessions)) err('The list of sessions is missing.');
    if (!Array.isArray(tests)) err('The list of test sets is missing.');
    if (Array.isArray(sessions) && sessions.length > MAX_ENTRIES) err('The file has too many sessions.');
    if (Array.isArray(tests) && tests.length > MAX_ENTRIES) err('The file has too many test sets.');
    var clean = { sessions: [], tests: [] };
    if (Array.isArray(sessions) && sessions.length <= MAX_ENTRIES) {
      sessions.forEach(function (e, k) {
        var where = 'Session entry ' + (k + 1) + ': ';
        if (!e || typeof e !== 'object') return err(where + 'is not an entry.');
        if (!isDate(e.date)) return err(where + 'the date is not a real date.');
        if (!isInt(e.session, 1, tpd)) return err(where + 'the session number must be 1 to ' + tpd + '.');
        if (typeof e.done !== 'boolean') return err(where + '"done" must be true or false.');
        if (!(e.reps === null || e.reps === undefined || isInt(e.reps, 0, MAX_REPS))) {
          return err(where + 'reps must be a whole number from 0 to ' + MAX_REPS + '.');
        }
        if (!isInt(e.pain_rise, 0, 10)) return err(where + 'the pain rise must be a whole number from 0 to 10.');
        if (typeof e.pain_stayed_up !== 'boolean') return err(where + '"pain_stayed_up" must be true or false.');
        var c = {
          date: e.date, session: e.session, done: e.done,
          reps: e.reps === undefined ? null : e.reps,
          pain_rise: e.pain_rise, pain_stayed_up: e.pain_stayed_up
        };
        if (typeof e.exercise === 'string') c.exercise = e.exercise.slice(0, 200);
        clean.sessions.push(c);
      });
    }
    if (Array.isArray(tests) && tests.length <= MAX_ENTRIES) {
      tests.forEach(function (e, k) {
        var where = 'Test set ' + (k + 1) + ': ';
        if (!e || typeof e !== 'object') return err(where + 'is not an entry.');
        if (!isDate(e.date)) return err(where + 'the date is not a real date.');
        if (typeof e.exercise !== 'string' || e.exercise === '') return err(where + 'the exercise is missing.');
        if (!isInt(e.reps, 0, MAX_REPS)) return err(where + 'reps must be a whole number from 0 to ' + MAX_REPS + '.');
        if (!isInt(e.pain_rise, 0, 10)) return err(where + 'the pain rise must be a whole number from 0 to 10.');
        if (!(e.pain_stayed_up === undefined || typeof e.pain_stayed_up === 'boolean')) {
          return err(where + '"pain_stayed_up" must be true or false.');
        }
        clean.tests.push({
          date: e.date, exercise: e.exercise.slice(0, 200), reps: e.reps,
          pain_rise: e.pain_rise, pain_stayed_up: e.pain_stayed_up === true
        });
      });
    }
    if (errors.length) return { ok: false, errors: errors };
    var plan = newPlan(ladder, data.start_date, data.usual_pain);
    // Keep the last entry for each date+session, in date order.
    clean.sessions.forEach(function (e) { plan = withSession(plan, e); });
    plan.tests = clean.tests.sort(byDateThenSession);
    return { ok: true, plan: plan };
  }

  /** Check the shape of the ladder JSON embedded in the page. Returns a list of problems. */
  function checkLadder(l) {
    var p = [];
    if (!l || typeof l !== 'object') return ['the ladder data is not an object'];
    if (typeof l.id !== 'string' || !l.id) p.push('missing "id"');
    if (!isInt(l.times_per_day, 1, 24)) p.push('"times_per_day" must be 1 to 24');
    var pain = l.pain;
    if (!pain || !isInt(pain.max_rise_during, 0, 10) || !isInt(pain.max_rise_after, 0, 10) ||
        !isInt(pain.baseline_max, 0, 11) || typeof pain.settle_minutes !== 'number') {
      p.push('"pain" is incomplete');
    }
    if (!Array.isArray(l.stages) || l.stages.length === 0) {
      p.push('"stages" is empty');
    } else {
      l.stages.forEach(function (s, k) {
        var ok = s && typeof s.name === 'string' && s.start && s.target && s.days &&
          isInt(s.start.sets, 0, MAX_REPS) && isInt(s.start.reps, 0, MAX_REPS) &&
          isInt(s.target.sets, s.start.sets, MAX_REPS) && isInt(s.target.reps, s.start.reps, MAX_REPS) &&
          isInt(s.days.min, 1, 366) && isInt(s.days.max, s.days.min, 3660);
        if (!ok) p.push('stage ' + (k + 1) + ' is incomplete');
      });
    }
    if (!Array.isArray(l.milestones)) p.push('"milestones" is missing');
    if (!l.clinic || typeof l.clinic !== 'object') p.push('"clinic" is missing');
    return p;
  }

  // --- the rules engine --------------------------------------------------------------

  /**
   * The state of `plan` for `ladder` on the calendar day `today` ("YYYY-MM-DD").
   *
   * Every day from the start date up to yesterday is classified from the log:
   *   "tolerated"  all times_per_day sessions done at the dose, no pain-rule break;
   *   "pain"       at least one logged session broke a pain rule;
   *   "incomplete" something was logged but not every session was done at the dose;
   *   "missed"     nothing was logged.
   * and moves the plan (see docs/planner.md):
   *   tolerated -> next level (or, at target with >= days.min days on the stage,
   *                the next stage at level 0);
   *   pain      -> first in a run: hold (back to the last tolerated level of the
   *                stage); second and later in a run: step back one level (not below 0).
   *                A run of pain days is only ended by a tolerated day;
   *   otherwise -> same dose again.
   */
  function computeState(ladder, plan, today) {
    var stages = ladder.stages;
    var tpd = ladder.times_per_day;
    var Ls = stages.map(stageSteps);
    var offsets = [];
    var acc = 0;
    Ls.forEach(function (L) { offsets.push(acc); acc += L + 1; });
    var totalPositions = acc;

    var st = {
      today: today,
      started: false,
      start_date: plan ? plan.start_date : null,
      usual_pain: plan ? plan.usual_pain : null,
      alerts: [],
      milestones: []
    };
    var baselineHigh = !!plan && plan.usual_pain >= ladder.pain.baseline_max;
    if (!plan) return st;
    st.started = true;

    var startN = dayNumber(plan.start_date);
    var todayN = dayNumber(today);

    // Index the log: sessions by date (last entry per date+session wins).
    var byDate = {};
    (plan.sessions || []).forEach(function (e) {
      if (!isInt(e.session, 1, tpd)) return;
      var list = byDate[e.date] || (byDate[e.date] = []);
      list[e.session - 1] = e;
    });
    function sessionsOn(date) {
      var list = byDate[date] || [];
      var out = [];
      for (var k = 0; k < tpd; k++) out.push(list[k] || null);
      return out;
    }

    var stage = 0, level = 0, safe = null, streak = 0, stageStartN = startN;
    var finished = false, finishedOn = null;
    var lastAction = 'start';
    var stepBackDays = [];     // day numbers of days that caused a step back
    var bestByDay = {};        // day number -> best position reached up to that day
    var best = -1;
    var days = [];

    for (var d = startN; d < todayN && !finished; d++) {
      var date = formatDay(d);
      var dose = levelDose(stages[stage], level);
      var pos = offsets[stage] + level;
      if (pos > best) best = pos;
      bestByDay[d] = best;
      var logs = sessionsOn(date);
      var logged = logs.filter(Boolean);
      var pain = logged.some(function (e) { return breaksPainRule(ladder, e); });
      var complete = logs.every(function (e) { return sessionComplete(e, dose); });
      var outcome = pain ? 'pain' : complete ? 'tolerated' : logged.length ? 'incomplete' : 'missed';
      var rec = {
        date: date, stage: stage, level: level, sets: dose.sets, reps: dose.reps,
        day_on_stage: d - stageStartN + 1, sessions: logs, outcome: outcome
      };
      var L = Ls[stage];
      if (outcome === 'tolerated') {
        streak = 0;
        safe = level;
        if (level >= L && d - stageStartN + 1 >= stages[stage].days.min) {
          stage += 1;
          level = 0;
          safe = null;
          stageStartN = d + 1;
          if (stage >= stages.length) {
            finished = true;
            finishedOn = date;
            lastAction = 'finished';
          } else {
            lastAction = 'next_stage';
          }
        } else {
          level = Math.min(level + 1, L);
          lastAction = 'progress';
        }
      } else if (outcome === 'pain') {
        streak += 1;
        if (streak === 1) {
          if (safe !== null && safe < level) level = safe;
          lastAction = 'hold';
        } else {
          level = Math.max(0, level - 1);
          lastAction = 'step_back';
          stepBackDays.push(d);
        }
      } else {
        lastAction = 'repeat';
      }
      rec.action = lastAction;
      days.push(rec);
    }

    st.finished = finished;
    st.finished_on = finishedOn;
    st.day_number = todayN - startN + 1;
    st.days = days;

    if (todayN < startN) {
      st.advice = 'not_started';
    } else if (todayN === startN) {
      st.advice = 'start';
    } else {
      st.advice = lastAction;
    }

    if (!finished) {
      var s = stages[stage];
      var dose = levelDose(s, level);
      st.stage = stage;
      st.level = level;
      st.steps = Ls[stage];
      st.sets = dose.sets;
      st.reps = dose.reps;
      st.hold_seconds = s.hold_seconds;
      st.exercise = s;
      st.stage_start = formatDay(stageStartN);
      st.day_on_stage = Math.max(0, todayN - stageStartN + 1);
      st.position = offsets[stage] + level;
      st.total_positions = totalPositions;
      var todayLogs = todayN >= startN ? sessionsOn(today) : [];
      st.sessions = todayLogs.map(function (e, k) {
        return {
          session: k + 1,
          entry: e,
          complete: sessionComplete(e, dose),
          pain: breaksPainRule(ladder, e)
        };
      });
      st.today_pain = st.sessions.some(function (x) { return x.pain; });
      st.today_complete = st.sessions.length > 0 && st.sessions.every(function (x) { return x.complete; });
      if (todayN >= startN) {
        days.push({
          date: today, stage: stage, level: level, sets: dose.sets, reps: dose.reps,
          day_on_stage: st.day_on_stage, sessions: todayLogs, outcome: 'today', action: null
        });
      }
    } else {
      st.stage = stages.length;
      st.level = null;
      st.sets = null;
      st.reps = null;
      st.sessions = [];
      st.today_pain = false;
      st.today_complete = false;
      st.position = totalPositions;
      st.total_positions = totalPositions;
      st.advice = 'finished';
    }

    // Alerts.
    if (baselineHigh) st.alerts.push('baseline');
    if (!finished && todayN > startN) {
      if (st.day_on_stage > stages[stage].days.max) st.alerts.push('days_max');
      // No progress: no higher dose reached in the last REVIEW_WINDOW_DAYS days.
      if (todayN - startN >= REVIEW_WINDOW_DAYS) {
        var posToday = offsets[stage] + level;
        var bestNow = Math.max(best, posToday);
        var bestThen = bestByDay[todayN - REVIEW_WINDOW_DAYS];
        if (bestNow <= bestThen) st.alerts.push('no_progress');
      }
      var recent = stepBackDays.filter(function (x) { return x >= todayN - REVIEW_WINDOW_DAYS; });
      st.recent_step_backs = recent.length;
      if (recent.length >= STEP_BACKS_FOR_CONSULT) st.alerts.push('step_backs');
    }

    // Milestones: unlocked by a test set on or before today.
    var tests = (plan.tests || []).filter(function (t) {
      return dayNumber(t.date) <= todayN;
    }).slice().sort(byDateThenSession);
    st.milestones = (ladder.milestones || []).map(function (m, k) {
      var hit = null;
      for (var j = 0; j < tests.length; j++) {
        var t = tests[j];
        if (t.exercise === m.exercise && t.reps >= m.reps && !breaksPainRule(ladder, t)) {
          hit = t;
          break;
        }
      }
      return { index: k, milestone: m, unlocked: !!hit, date: hit ? hit.date : null };
    });
    st.unlocked = st.milestones.filter(function (x) { return x.unlocked; }).map(function (x) { return x.index; });
    return st;
  }

  var engine = {
    FORMAT: FORMAT,
    VERSION: VERSION,
    REVIEW_WINDOW_DAYS: REVIEW_WINDOW_DAYS,
    STEP_BACKS_FOR_CONSULT: STEP_BACKS_FOR_CONSULT,
    dayNumber: dayNumber,
    formatDay: formatDay,
    isDate: isDate,
    addDays: addDays,
    daysBetween: daysBetween,
    localDate: localDate,
    stageSteps: stageSteps,
    levelDose: levelDose,
    idealSchedule: idealSchedule,
    breaksPainRule: breaksPainRule,
    sessionComplete: sessionComplete,
    newPlan: newPlan,
    withSession: withSession,
    withTest: withTest,
    validatePlan: validatePlan,
    checkLadder: checkLadder,
    computeState: computeState
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = engine;
    return;
  }

  // ---------------------------------------------------------------------------
  // View (browser only)
  // ---------------------------------------------------------------------------
  var doc = document;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;

  /** Build an element. props: class, text, attrs (via setAttribute), on<event>. */
  function el(tag, props) {
    var node = doc.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
        else if (k === 'value') node.value = v;
        else if (k === 'checked' || k === 'selected') node[k] = !!v;
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  /** Append children (nodes, strings, arrays of them; null/false skipped). */
  function append(node) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
      else node.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
    }
  }

  function svg(tag, attrs) {
    var node = doc.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  /** Only web and site-relative links from the ladder data (never javascript: etc.). */
  function safeHref(u) {
    return typeof u === 'string' && /^(https?:\/\/|\/|\.\.?\/|#)/i.test(u) ? u : null;
  }

  function lang() {
    return doc.documentElement.getAttribute('lang') || undefined;
  }

  /** "Monday 3 March" (long) or "Mon 3 Mar" (short), in the page's language. */
  function showDate(s, short) {
    var n = dayNumber(s);
    if (isNaN(n)) return String(s);
    try {
      return new Date(n * 86400000).toLocaleDateString(lang(), short
        ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }
        : { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    } catch (e) {
      return s;
    }
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function doseText(sets, reps, hold) {
    var t = plural(sets, 'set', 'sets') + ' of ' + plural(reps, 'rep', 'reps');
    if (hold) t += ', holding each rep for ' + plural(hold, 'second', 'seconds');
    return t;
  }

  function shortDose(sets, reps) {
    return sets + ' x ' + reps;
  }

  function timesPerDay(n) {
    return n === 1 ? 'once a day' : n === 2 ? 'twice a day' : n + ' times a day';
  }

  // --- app state ------------------------------------------------------------------

  function Planner(root, ladder) {
    this.root = root;
    this.ladder = ladder;
    this.key = 'sinew-planner:' + ladder.id;
    this.plan = null;
    this.loadError = null;
    this.storageOk = true;
    this.confirm = null;      // {kind: 'delete'} | {kind: 'import', plan}
    this.errors = {};         // field id -> message
    this.lastToday = null;
  }

  Planner.prototype.storage = function () {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  };

  Planner.prototype.load = function () {
    this.plan = null;
    this.loadError = null;
    var store = this.storage();
    if (!store) {
      this.storageOk = false;
      return;
    }
    var raw;
    try {
      raw = store.getItem(this.key);
    } catch (e) {
      this.storageOk = false;
      return;
    }
    if (raw === null) return;
    var data;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      this.loadError = 'The saved plan in this browser is damaged and cannot be read.';
      return;
    }
    var v = validatePlan(data, this.ladder);
    if (v.ok) this.plan = v.plan;
    else this.loadError = 'The saved plan in this browser cannot be read: ' + v.errors[0];
  };

  /** Save the plan; returns false (and says so) when the browser refuses. */
  Planner.prototype.save = function (plan) {
    this.plan = plan;
    var store = this.storage();
    try {
      if (!store) throw new Error('no storage');
      if (plan) store.setItem(this.key, JSON.stringify(plan));
      else store.removeItem(this.key);
      this.storageOk = true;
      return true;
    } catch (e) {
      this.storageOk = false;
      return false;
    }
  };

  Planner.prototype.today = function () {
    return localDate();
  };

  Planner.prototype.state = function (today) {
    return computeState(this.ladder, this.plan, today || this.today());
  };

  /** Put a message in the live region, and move focus to it when asked. */
  Planner.prototype.announce = function (text, kind, focus) {
    var s = this.status;
    s.textContent = '';
    s.className = 'planner-status' + (kind ? ' planner-status-' + kind : '');
    // A fresh text node so screen readers announce repeated messages too.
    if (text) s.appendChild(doc.createTextNode(text));
    if (focus) s.focus();
  };

  Planner.prototype.focusId = function (id) {
    var node = doc.getElementById(id);
    if (node) node.focus();
  };

  // --- rendering --------------------------------------------------------------------

  Planner.prototype.mount = function () {
    this.root.textContent = '';
    this.root.classList.add('planner');
    this.status = el('div', {
      id: 'pl-status', class: 'planner-status', role: 'status', 'aria-live': 'polite', tabindex: '-1'
    });
    this.main = el('div', { class: 'planner-main' });
    this.root.appendChild(this.status);
    this.root.appendChild(this.main);
    this.load();
    this.render();
    var self = this;
    window.addEventListener('storage', function (e) {
      if (e.key === self.key) {
        self.load();
        self.render();
        self.announce('Your plan was changed in another window.', 'info');
      }
    });
    doc.addEventListener('visibilitychange', function () {
      if (doc.visibilityState === 'visible' && self.lastToday !== self.today()) self.render();
    });
  };

  Planner.prototype.render = function () {
    var today = this.today();
    this.lastToday = today;
    this.main.textContent = '';
    var parts = [];
    if (!this.storageOk) {
      parts.push(el('p', { class: 'planner-note planner-warn' },
        'This browser is not letting the planner save. Your entries will be lost when you close ' +
        'the page. Use "Download my data" to keep a copy.'));
    }
    if (this.loadError) {
      parts.push(el('div', { class: 'planner-note planner-warn' },
        el('p', { text: this.loadError }),
        el('p', { text: 'You can import a planner file you downloaded before, or delete the saved data and start again.' })));
      parts.push(this.renderData(null));
    } else if (!this.plan) {
      parts.push(this.renderStart(today));
      parts.push(this.renderData(null));
    } else {
      var st = this.state(today);
      parts.push(this.renderToday(st));
      if (!st.finished && st.advice !== 'not_started') parts.push(this.renderLogForm(st, today));
      parts.push(this.renderMilestones(st, today));
      parts.push(this.renderHistory(st));
      parts.push(this.renderData(st));
    }
    append(this.main, parts);
  };

  Planner.prototype.contact = function () {
    var c = this.ladder.clinic || {};
    var name = c.name || 'the clinic';
    var items = [];
    if (safeHref(c.booking_url)) {
      items.push(el('li', null, el('a', { href: c.booking_url, class: 'planner-button-link' }, 'Book a consultation')));
    }
    if (c.phone) {
      items.push(el('li', null, 'Call ' + name + ' on ',
        el('a', { href: 'tel:' + c.phone.replace(/[^0-9+]/g, '') }, c.phone)));
    }
    if (!items.length) items.push(el('li', { text: 'Contact ' + name + '.' }));
    return el('ul', { class: 'planner-contact' }, items);
  };

  Planner.prototype.errorFor = function (id) {
    var msg = this.errors[id];
    return msg ? el('p', { id: id + '-error', class: 'planner-error', text: msg }) : null;
  };

  Planner.prototype.fieldAttrs = function (id, extra) {
    var a = { id: id, name: id };
    var described = [];
    if (extra && extra.hint) described.push(id + '-hint');
    if (this.errors[id]) {
      a['aria-invalid'] = 'true';
      described.push(id + '-error');
    }
    if (described.length) a['aria-describedby'] = described.join(' ');
    Object.keys(extra || {}).forEach(function (k) { if (k !== 'hint') a[k] = extra[k]; });
    return a;
  };

  function painOptions(selected, withBlank) {
    var opts = [];
    if (withBlank) opts.push(el('option', { value: '', selected: selected === '' }, 'Choose a number'));
    for (var i = 0; i <= 10; i++) {
      var label = String(i) + (i === 0 ? ' (none)' : i === 10 ? ' (worst)' : '');
      opts.push(el('option', { value: String(i), selected: String(selected) === String(i) }, label));
    }
    return opts;
  }

  function yesNo(name, legend, yesChecked, hint) {
    return el('fieldset', { class: 'planner-choice', 'aria-describedby': hint ? name + '-hint' : null },
      el('legend', { text: legend }),
      hint ? el('p', { id: name + '-hint', class: 'planner-hint', text: hint }) : null,
      el('div', { class: 'planner-radios' },
        el('label', null, el('input', { type: 'radio', name: name, id: name + '-yes', value: 'yes', checked: yesChecked }), ' Yes'),
        el('label', null, el('input', { type: 'radio', name: name, id: name + '-no', value: 'no', checked: !yesChecked }), ' No')));
  }

  function stayedUpQuestion(ladder) {
    var p = ladder.pain;
    return 'Afterwards, did your pain stay more than ' + p.max_rise_after + ' points above usual for more than ' +
      plural(p.settle_minutes, 'minute', 'minutes') + '?';
  }

  Planner.prototype.renderStart = function (today) {
    var self = this;
    var p = this.ladder.pain;
    var warnBox = el('div', { id: 'pl-baseline-warning', class: 'planner-note planner-warn', hidden: true });
    function updateWarning(value) {
      warnBox.textContent = '';
      var high = value !== '' && +value >= p.baseline_max;
      warnBox.hidden = !high;
      if (high) append(warnBox, self.baselineText(+value));
    }
    var painSel = el('select', this.fieldAttrs('pl-usual', { hint: true, required: true }),
      painOptions(this.draftUsual === undefined ? '' : this.draftUsual, true));
    painSel.addEventListener('change', function () {
      self.draftUsual = painSel.value;
      updateWarning(painSel.value);
    });
    var form = el('form', { class: 'planner-form', id: 'pl-start-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-start-date', text: 'Start date' }),
        el('input', this.fieldAttrs('pl-start-date', { type: 'date', value: this.draftStart || today, required: true })),
        this.errorFor('pl-start-date')),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-usual', text: 'Your usual pain, on average' }),
        el('p', { id: 'pl-usual-hint', class: 'planner-hint', text: '0 means no pain, 10 means the worst pain you can imagine.' }),
        painSel,
        this.errorFor('pl-usual')),
      warnBox,
      el('button', { type: 'submit', class: 'planner-button' }, 'Start my plan'));
    if (this.draftUsual !== undefined) updateWarning(this.draftUsual);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      self.onStart(form);
    });
    return el('section', { class: 'planner-card planner-start', 'aria-labelledby': 'pl-start-h' },
      el('h3', { id: 'pl-start-h', tabindex: '-1', text: 'Start your plan' }),
      el('p', null, 'The planner turns this ladder into a plan for each day: ' + timesPerDay(this.ladder.times_per_day) +
        ', moving up one step at a time while your pain stays within the pain rules. ' +
        'What you enter stays in this browser on this device. Nothing is sent to the clinic or anywhere else.'),
      form);
  };

  Planner.prototype.baselineText = function (usual, noContact) {
    var p = this.ladder.pain;
    return [
      el('p', null, el('strong', { text: 'This plan is meant for milder pain.' }),
        ' Your usual pain is ' + usual + ' out of 10. The plan is for usual pain below ' + p.baseline_max +
        ' out of 10. Please talk to the clinic before you rely on it. You can still use the planner.'),
      noContact ? null : this.contact()
    ];
  };

  Planner.prototype.onStart = function (form) {
    var date = form.elements['pl-start-date'].value;
    var usual = form.elements['pl-usual'].value;
    this.draftStart = date;
    this.draftUsual = usual;
    this.errors = {};
    if (!isDate(date)) this.errors['pl-start-date'] = 'Enter the date you start, for example ' + this.today() + '.';
    if (usual === '') this.errors['pl-usual'] = 'Choose your usual pain, from 0 to 10.';
    if (Object.keys(this.errors).length) {
      this.render();
      var first = this.errors['pl-start-date'] ? 'pl-start-date' : 'pl-usual';
      this.announce(this.errors[first], 'error');
      this.focusId(first);
      return;
    }
    var plan = newPlan(this.ladder, date, +usual);
    var saved = this.save(plan);
    this.draftStart = this.draftUsual = undefined;
    this.render();
    var st = this.state();
    this.announce('Your plan has started. ' + (saved ? '' : 'It could not be saved in this browser. ') +
      this.adviceText(st).join(' '), saved ? 'ok' : 'error');
    this.focusId('pl-today-h');
  };

  /** [headline, detail] for the state's advice. */
  Planner.prototype.adviceText = function (st) {
    var dose = st.finished ? '' : shortDose(st.sets, st.reps);
    var last = st.days.filter(function (d) { return d.outcome !== 'today'; }).pop();
    switch (st.advice) {
      case 'not_started':
        return ['Your plan starts on ' + showDate(st.start_date) + '.', 'Your first dose will be ' + dose + '.'];
      case 'start':
        return ['Day 1: start at ' + dose + '.', 'Log each session after you do it.'];
      case 'progress':
        return ['Move up: today is ' + dose + '.', 'Your last day stayed within the pain rules.'];
      case 'hold':
        return ['Hold: today is ' + dose + '.',
          'Your pain went over the pain rules on ' + showDate(last.date) + ', so today you ' +
          (last.level === st.level ? 'do the same dose again.' : 'go back to the last dose that felt OK.')];
      case 'step_back':
        return ['Step back: today is ' + dose + '.',
          st.level === 0 && last.level === 0
            ? 'Your pain went over the pain rules again, so today you stay at the starting dose.'
            : 'Your pain went over the pain rules again, so today you go one step down.'];
      case 'next_stage':
        return ['New exercise: ' + st.exercise.name + ', at ' + dose + '.',
          'You mastered ' + this.ladder.stages[st.stage - 1].name + '. Well done.'];
      case 'repeat':
        return ['Same dose today: ' + dose + '.',
          last.outcome === 'missed'
            ? 'Nothing was logged for ' + showDate(last.date) + ', so the dose stays the same.'
            : 'Not every session on ' + showDate(last.date) + ' was logged as done, so the dose stays the same.'];
      case 'finished':
        return ['You have finished the whole ladder. Well done!',
          'You mastered the last exercise on ' + showDate(st.finished_on) + '. You can still log test sets for ' +
          'the milestones below. Ask the clinic if you are not sure what to do next.'];
      default:
        return ['', ''];
    }
  };

  /** One paragraph per alert, then the clinic's contact details once. */
  Planner.prototype.alertsBox = function (st) {
    var self = this;
    if (!st.alerts.length) return null;
    return el('div', { class: 'planner-note planner-warn', id: 'pl-alerts' },
      st.alerts.map(function (a) { return self.alertText(a, st); }),
      this.contact());
  };

  Planner.prototype.alertText = function (kind, st) {
    var s = this.ladder.stages[st.stage];
    var body;
    if (kind === 'baseline') return this.baselineText(st.usual_pain, true);
    if (kind === 'days_max') {
      body = [el('strong', { text: 'This step is taking longer than expected.' }),
        ' You have been on ' + s.name + ' for ' + plural(st.day_on_stage, 'day', 'days') + '. Most people master it in ' +
        s.days.min + ' to ' + s.days.max + ' days. Please contact the clinic for advice.'];
    } else if (kind === 'no_progress') {
      body = [el('strong', { text: 'No progress for 2 weeks.' }),
        ' Your dose has not gone higher for ' + REVIEW_WINDOW_DAYS + ' days. A consultation can help you find out why.'];
    } else if (kind === 'step_backs') {
      body = [el('strong', { text: 'Your plan keeps stepping back.' }),
        ' It stepped back ' + plural(st.recent_step_backs, 'time', 'times') + ' in the last ' + REVIEW_WINDOW_DAYS +
        ' days. A consultation can help.'];
    }
    return el('p', null, body);
  };

  Planner.prototype.renderToday = function (st) {
    var self = this;
    var ladder = this.ladder;
    var adv = this.adviceText(st);
    var heading = st.advice === 'not_started' ? 'Before you start' : 'Today, ' + showDate(st.today);
    var card = el('section', { class: 'planner-card planner-today', 'aria-labelledby': 'pl-today-h' },
      el('h3', { id: 'pl-today-h', tabindex: '-1', text: heading }));
    if (st.advice !== 'not_started') {
      append(card, el('p', { class: 'planner-meta', text: 'Day ' + st.day_number + ' of your plan.' }));
    }
    append(card, el('div', { id: 'pl-advice', class: 'planner-advice planner-advice-' + st.advice },
      el('p', { class: 'planner-advice-head', text: adv[0] }),
      adv[1] ? el('p', { text: adv[1] }) : null));
    append(card, this.alertsBox(st));
    if (st.finished) return card;

    var s = st.exercise;
    var links = [];
    if (safeHref(s.url)) links.push(el('a', { href: s.url }, 'How to do ' + s.name));
    if (safeHref(s.video)) links.push(el('a', { href: s.video }, 'Watch the video of ' + s.name));
    append(card,
      el('div', { class: 'planner-exercise' },
        el('p', { class: 'planner-meta', text: 'Exercise ' + (st.stage + 1) + ' of ' + ladder.stages.length +
          (st.advice === 'not_started' ? '' : ', day ' + st.day_on_stage + ' on this exercise (usually ' +
            s.days.min + ' to ' + s.days.max + ' days)') }),
        el('p', { class: 'planner-exercise-name', text: s.name }),
        el('p', { class: 'planner-dose' },
          el('span', { class: 'planner-dose-big', text: shortDose(st.sets, st.reps) }), ' ',
          el('span', { text: '(' + doseText(st.sets, st.reps, st.hold_seconds) + '), ' + timesPerDay(ladder.times_per_day) + '.' })),
        el('ul', { class: 'planner-links' }, links.map(function (a) { return el('li', null, a); }))));
    if (st.advice === 'not_started') return card;

    var list = el('ul', { class: 'planner-sessions', id: 'pl-sessions' });
    st.sessions.forEach(function (x) {
      var e = x.entry;
      var text, cls;
      if (!e) {
        text = 'not logged yet';
        cls = 'todo';
      } else {
        var detail = (e.reps !== null && e.reps !== undefined ? e.reps + ' reps, ' : '') + 'pain up ' + e.pain_rise +
          (e.pain_stayed_up ? ', pain stayed up' : '');
        text = (x.complete ? 'done' : e.done ? 'done, fewer reps than the dose' : 'not done') + ' (' + detail + ')' +
          (x.pain ? ': over the pain rules' : '');
        cls = x.pain ? 'pain' : x.complete ? 'done' : 'todo';
      }
      list.appendChild(el('li', { class: 'planner-session planner-session-' + cls },
        el('span', { class: 'planner-session-mark', 'aria-hidden': 'true', text: cls === 'done' ? '\u2713' : cls === 'pain' ? '!' : '\u2022' }),
        ' Session ' + x.session + ' of ' + ladder.times_per_day + ': ' + text));
    });
    append(card, el('div', { class: 'planner-today-sessions' }, el('h4', { text: "Today's sessions" }), list));

    if (st.today_pain || st.today_complete) {
      var tomorrow = this.state(addDays(st.today, 1));
      var next = tomorrow.finished ? 'you will have finished the ladder'
        : (tomorrow.stage !== st.stage ? tomorrow.exercise.name + ', ' : '') + shortDose(tomorrow.sets, tomorrow.reps);
      append(card, el('p', { class: 'planner-next', id: 'pl-tomorrow' },
        st.today_pain
          ? 'Your pain went over the pain rules today, so tomorrow you ' +
            (tomorrow.advice === 'step_back' ? 'step back' : 'hold') + '. Tomorrow: ' + next + '.'
          : 'All done for today. Tomorrow: ' + next + '.'));
    }
    return card;
  };

  Planner.prototype.renderLogForm = function (st, today) {
    var self = this;
    var ladder = this.ladder;
    var tpd = ladder.times_per_day;
    var firstOpen = 1;
    for (var k = 0; k < st.sessions.length; k++) {
      if (!st.sessions[k].entry) { firstOpen = k + 1; break; }
    }
    var d = this.draft || {};
    function dayRecord(date) {
      return st.days.filter(function (x) { return x.date === date; })[0] || null;
    }
    function repsHint(date) {
      var rec = dayRecord(date);
      var base = 'If your sets were different, the lowest number.';
      if (!rec) return base;
      return base + (date === today ? ' Today\'s dose is ' : ' The dose on ' + showDate(date) + ' was ') +
        doseText(rec.sets, rec.reps, null) + '.';
    }
    var sessionField;
    if (tpd > 1) {
      var opts = [];
      for (var i = 1; i <= tpd; i++) {
        opts.push(el('option', { value: String(i), selected: (d.session || firstOpen) === i }, 'Session ' + i + ' of ' + tpd));
      }
      sessionField = el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-session', text: 'Which session' }),
        el('select', this.fieldAttrs('pl-log-session'), opts));
    }
    var form = el('form', { class: 'planner-form', id: 'pl-log-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-date', text: 'Date of the session' }),
        el('input', this.fieldAttrs('pl-log-date', { type: 'date', value: d.date || today, min: st.start_date, max: today, required: true })),
        this.errorFor('pl-log-date')),
      sessionField,
      yesNo('pl-log-done', 'Did you do this session?', d.done !== false),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-reps', text: 'Reps you managed in each set' }),
        el('p', { id: 'pl-log-reps-hint', class: 'planner-hint', text: repsHint(d.date || today) }),
        el('input', this.fieldAttrs('pl-log-reps', { type: 'number', inputmode: 'numeric', min: '0', max: '999', step: '1',
          value: d.reps !== undefined ? d.reps : String(st.reps), hint: true })),
        this.errorFor('pl-log-reps')),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-rise', text: 'How much did your pain go up during it?' }),
        el('p', { id: 'pl-log-rise-hint', class: 'planner-hint',
          text: '0 means not at all. Going up by more than ' + ladder.pain.max_rise_during + ' is over the pain rules.' }),
        el('select', this.fieldAttrs('pl-log-rise', { hint: true }), painOptions(d.rise !== undefined ? d.rise : '0', false))),
      yesNo('pl-log-stayed', stayedUpQuestion(ladder), d.stayed === true,
        'If it is too soon to tell, answer No now, and log this session again later if it changes.'),
      el('button', { type: 'submit', class: 'planner-button' }, 'Save session'));
    // Backfilling another day: show that day's dose, prefill its reps (unless the
    // patient typed some) and pick its first session not logged yet.
    var repsTyped = d.reps !== undefined;
    form.elements['pl-log-reps'].addEventListener('input', function () { repsTyped = true; });
    form.elements['pl-log-date'].addEventListener('change', function () {
      var rec = dayRecord(form.elements['pl-log-date'].value);
      doc.getElementById('pl-log-reps-hint').textContent = repsHint(form.elements['pl-log-date'].value);
      if (!rec) return;
      if (!repsTyped) form.elements['pl-log-reps'].value = String(rec.reps);
      if (sessionField) {
        var open = 1;
        for (var j = 0; j < rec.sessions.length; j++) {
          if (!rec.sessions[j]) { open = j + 1; break; }
        }
        form.elements['pl-log-session'].value = String(open);
      }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      self.onLog(form);
    });
    return el('section', { class: 'planner-card planner-controls', 'aria-labelledby': 'pl-log-h' },
      el('h3', { id: 'pl-log-h', text: 'Log a session' }),
      el('p', { class: 'planner-hint', text: 'Saving the same date and session again replaces what you saved before.' }),
      form);
  };

  function radioYes(form, name) {
    var node = form.querySelector('input[name="' + name + '"]:checked');
    return node ? node.value === 'yes' : false;
  }

  Planner.prototype.onLog = function (form) {
    var today = this.today();
    var date = form.elements['pl-log-date'].value;
    var sessionEl = form.elements['pl-log-session'];
    var session = sessionEl ? +sessionEl.value : 1;
    var done = radioYes(form, 'pl-log-done');
    var repsText = form.elements['pl-log-reps'].value.trim();
    var rise = +form.elements['pl-log-rise'].value;
    var stayed = radioYes(form, 'pl-log-stayed');
    this.draft = { date: date, session: session, done: done, reps: repsText, rise: String(rise), stayed: stayed };
    this.errors = {};
    if (!isDate(date)) this.errors['pl-log-date'] = 'Enter the date of the session.';
    else if (date < this.plan.start_date) this.errors['pl-log-date'] = 'The date is before your plan started (' + showDate(this.plan.start_date) + ').';
    else if (date > today) this.errors['pl-log-date'] = 'The date is in the future. Log a session after you do it.';
    var reps = repsText === '' ? null : Number(repsText);
    if (reps !== null && !isInt(reps, 0, MAX_REPS)) this.errors['pl-log-reps'] = 'Enter a whole number of reps, from 0 to ' + MAX_REPS + '.';
    if (done && reps === null) this.errors['pl-log-reps'] = 'Enter the reps you managed in each set.';
    var ids = Object.keys(this.errors);
    if (ids.length) {
      this.render();
      this.announce(this.errors[ids[0]], 'error');
      this.focusId(ids[0]);
      return;
    }
    var before = this.state(today);
    var dayRec = before.days.filter(function (x) { return x.date === date; })[0];
    var entry = { date: date, session: session, done: done, reps: reps, pain_rise: rise, pain_stayed_up: stayed };
    if (dayRec && this.ladder.stages[dayRec.stage]) entry.exercise = this.ladder.stages[dayRec.stage].exercise;
    var saved = this.save(withSession(this.plan, entry));
    this.draft = null;
    this.render();
    var st = this.state(today);
    var msg = 'Saved session ' + session + ' for ' + (date === today ? 'today' : showDate(date)) + '.';
    if (breaksPainRule(this.ladder, entry)) msg += ' That was over the pain rules.';
    if (date !== today) msg += ' ' + this.adviceText(st).join(' ');
    else if (st.today_pain || st.today_complete) {
      var node = doc.getElementById('pl-tomorrow');
      if (node) msg += ' ' + node.textContent;
    }
    if (!saved) msg += ' It could not be saved in this browser: download your data to keep it.';
    this.announce(msg, saved ? 'ok' : 'error', true);
  };

  Planner.prototype.renderMilestones = function (st, today) {
    var self = this;
    var ladder = this.ladder;
    var ms = st.milestones;
    if (!ms.length) return null;
    var list = el('ul', { class: 'planner-milestones', id: 'pl-milestones' });
    ms.forEach(function (m) {
      var mm = m.milestone;
      if (m.unlocked) {
        list.appendChild(el('li', { class: 'planner-milestone planner-milestone-unlocked' },
          el('p', null, el('strong', { text: 'Unlocked: ' }), mm.reps + ' ' + mm.name + ' (' + showDate(m.date, true) + ').'),
          el('p', { text: mm.unlocks }),
          safeHref(mm.link) ? el('p', null, el('a', { href: mm.link }, 'Read more: ' + mm.unlocks.replace(/\.$/, ''))) : null));
      } else {
        list.appendChild(el('li', { class: 'planner-milestone' },
          el('p', null, el('strong', { text: 'Not yet: ' }), mm.reps + ' ' + mm.name + ' in one set, with your pain going up by ' +
            ladder.pain.max_rise_during + ' or less.'),
          el('p', { class: 'planner-hint', text: 'Unlocks: ' + mm.unlocks })));
      }
    });
    var exercises = [];
    ms.forEach(function (m) {
      if (exercises.indexOf(m.milestone.exercise) < 0) exercises.push(m.milestone.exercise);
    });
    var nameOf = function (id) {
      var m = ms.filter(function (x) { return x.milestone.exercise === id; })[0];
      return m.milestone.name;
    };
    var d = this.testDraft || {};
    var form = el('form', { class: 'planner-form', id: 'pl-test-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-test-exercise', text: 'Exercise' }),
        el('select', this.fieldAttrs('pl-test-exercise'), exercises.map(function (id) {
          return el('option', { value: id, selected: d.exercise === id }, nameOf(id));
        }))),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-test-reps', text: 'Reps you managed in one set' }),
        el('input', this.fieldAttrs('pl-test-reps', { type: 'number', inputmode: 'numeric', min: '0', max: '999', step: '1', value: d.reps || '' })),
        this.errorFor('pl-test-reps')),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-test-rise', text: 'How much did your pain go up during the test set?' }),
        el('select', this.fieldAttrs('pl-test-rise'), painOptions(d.rise !== undefined ? d.rise : '0', false))),
      yesNo('pl-test-stayed', stayedUpQuestion(ladder), d.stayed === true),
      el('button', { type: 'submit', class: 'planner-button' }, 'Save test set'));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      self.onTest(form, today);
    });
    return el('section', { class: 'planner-card planner-milestones-card', 'aria-labelledby': 'pl-ms-h' },
      el('h3', { id: 'pl-ms-h', text: 'Milestones' }),
      el('p', { text: 'When you feel ready, try one set of a milestone exercise and log it here. ' +
        'Only do exercises you have been shown how to do.' }),
      list,
      el('details', { class: 'planner-controls planner-test', open: this.testOpen || null },
        el('summary', { text: 'Log a test set' }),
        form));
  };

  Planner.prototype.onTest = function (form, today) {
    var exercise = form.elements['pl-test-exercise'].value;
    var repsText = form.elements['pl-test-reps'].value.trim();
    var rise = +form.elements['pl-test-rise'].value;
    var stayed = radioYes(form, 'pl-test-stayed');
    this.testDraft = { exercise: exercise, reps: repsText, rise: String(rise), stayed: stayed };
    this.testOpen = true;
    this.errors = {};
    var reps = Number(repsText);
    if (repsText === '' || !isInt(reps, 0, MAX_REPS)) this.errors['pl-test-reps'] = 'Enter the number of reps you managed, from 0 to ' + MAX_REPS + '.';
    if (this.errors['pl-test-reps']) {
      this.render();
      this.announce(this.errors['pl-test-reps'], 'error');
      this.focusId('pl-test-reps');
      return;
    }
    var before = this.state(today).unlocked;
    var saved = this.save(withTest(this.plan, { date: today, exercise: exercise, reps: reps, pain_rise: rise, pain_stayed_up: stayed }));
    this.testDraft = null;
    this.render();
    var st = this.state(today);
    var fresh = st.milestones.filter(function (m) { return m.unlocked && before.indexOf(m.index) < 0; });
    var msg = 'Saved your test set. ';
    if (fresh.length) {
      msg += 'Milestone unlocked: ' + fresh.map(function (m) { return m.milestone.unlocks; }).join(' ');
    } else {
      msg += 'No new milestone this time. Keep going with your daily plan.';
    }
    if (!saved) msg += ' It could not be saved in this browser: download your data to keep it.';
    this.announce(msg, saved ? 'ok' : 'error', true);
  };

  var OUTCOME_TEXT = {
    tolerated: 'Within the pain rules',
    pain: 'Over the pain rules',
    incomplete: 'Not all sessions done',
    missed: 'Nothing logged',
    today: 'Today'
  };

  Planner.prototype.renderHistory = function (st) {
    var ladder = this.ladder;
    var days = st.days.slice();
    if (!days.length) return null;
    var tpd = ladder.times_per_day;
    var headRow = el('tr', null, el('th', { scope: 'col', text: 'Date' }), el('th', { scope: 'col', text: 'Exercise and dose' }));
    for (var k = 1; k <= tpd; k++) headRow.appendChild(el('th', { scope: 'col', text: tpd === 1 ? 'Reps, pain up' : 'Session ' + k + ': reps, pain up' }));
    headRow.appendChild(el('th', { scope: 'col', text: 'Result' }));
    var body = el('tbody');
    days.slice().reverse().forEach(function (d) {
      var row = el('tr', { class: 'planner-row-' + d.outcome },
        el('th', { scope: 'row', text: showDate(d.date, true) }),
        el('td', { text: ladder.stages[d.stage].name + ', ' + shortDose(d.sets, d.reps) }));
      d.sessions.forEach(function (e) {
        var t = '\u2013';
        if (e) {
          t = (e.done ? (e.reps === null || e.reps === undefined ? 'done' : e.reps + ' reps') : 'not done') +
            ', +' + e.pain_rise + (e.pain_stayed_up ? ', stayed up' : '');
        }
        row.appendChild(el('td', { text: t }));
      });
      row.appendChild(el('td', { text: OUTCOME_TEXT[d.outcome] || d.outcome }));
      body.appendChild(row);
    });
    var table = el('table', { class: 'planner-table', id: 'pl-history-table' },
      el('caption', { text: 'Your days, newest first. "Pain up" is how much your pain went up during a session.' }),
      el('thead', null, headRow), body);
    return el('section', { class: 'planner-card planner-history', 'aria-labelledby': 'pl-hist-h' },
      el('h3', { id: 'pl-hist-h', text: 'Your history' }),
      this.renderChart(st),
      el('div', { class: 'planner-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'pl-hist-h' }, table));
  };

  /** A small inline SVG chart: reps managed (bars) and highest pain rise (dots) per day. */
  Planner.prototype.renderChart = function (st) {
    var ladder = this.ladder;
    var days = st.days.slice(-28);
    var logged = days.filter(function (d) { return d.sessions.some(Boolean); });
    if (!logged.length) return null;
    var maxReps = 1;
    days.forEach(function (d) {
      maxReps = Math.max(maxReps, d.reps);
      d.sessions.forEach(function (e) { if (e && e.reps) maxReps = Math.max(maxReps, e.reps); });
    });
    var bw = 12;
    var W = Math.max(days.length, 14) * bw, barH = 80, painH = 50, gap = 16, top = 14;
    var H = top + barH + gap + painH + 16;
    var chart = svg('svg', { viewBox: '0 0 ' + (W + 8) + ' ' + H, class: 'planner-chart', role: 'img', 'aria-labelledby': 'pl-chart-title' },
      svg('title', { id: 'pl-chart-title' }, 'Chart of the last ' + plural(days.length, 'day', 'days') +
        ': reps you managed (bars, upper part) and how much your pain went up (dots, lower part). The table below has the same numbers.'));
    chart.appendChild(svg('text', { x: 0, y: 10, class: 'planner-chart-label' }, 'Reps'));
    chart.appendChild(svg('text', { x: 0, y: top + barH + gap - 2, class: 'planner-chart-label' }, 'Pain up (0-10)'));
    var painTop = top + barH + gap;
    var limitY = painTop + painH - (ladder.pain.max_rise_during / 10) * painH;
    chart.appendChild(svg('line', { x1: 4, x2: W + 4, y1: limitY, y2: limitY, class: 'planner-chart-limit' }));
    chart.appendChild(svg('line', { x1: 4, x2: W + 4, y1: top + barH, y2: top + barH, class: 'planner-chart-axis' }));
    chart.appendChild(svg('line', { x1: 4, x2: W + 4, y1: painTop + painH, y2: painTop + painH, class: 'planner-chart-axis' }));
    days.forEach(function (d, i) {
      var x = 4 + i * bw;
      var reps = null, rise = null;
      d.sessions.forEach(function (e) {
        if (!e) return;
        if (e.reps !== null && e.reps !== undefined) reps = reps === null ? e.reps : Math.min(reps, e.reps);
        rise = rise === null ? e.pain_rise : Math.max(rise, e.pain_rise);
      });
      // Target for the day: an outline; managed: filled.
      var th = (d.reps / maxReps) * barH;
      chart.appendChild(svg('rect', { x: x + 2, y: top + barH - th, width: bw - 4, height: th, class: 'planner-chart-dose' }));
      if (reps !== null) {
        var rh = (reps / maxReps) * barH;
        chart.appendChild(svg('rect', { x: x + 2, y: top + barH - rh, width: bw - 4, height: rh,
          class: 'planner-chart-reps planner-chart-day-' + d.outcome }));
      }
      if (rise !== null) {
        chart.appendChild(svg('circle', { cx: x + bw / 2, cy: painTop + painH - (rise / 10) * painH, r: 3.5,
          class: rise > ladder.pain.max_rise_during ? 'planner-chart-pain planner-chart-over' : 'planner-chart-pain' }));
      }
    });
    return el('figure', { class: 'planner-figure' }, chart,
      el('figcaption', { text: 'Last ' + plural(days.length, 'day', 'days') + '. Bars: reps you managed (outline: the dose). ' +
        'Dots: how much your pain went up; the line is the pain rule (' + ladder.pain.max_rise_during + ').' }));
  };

  Planner.prototype.renderData = function (st) {
    var self = this;
    var sec = el('section', { class: 'planner-card planner-controls planner-data', 'aria-labelledby': 'pl-data-h' },
      el('h3', { id: 'pl-data-h', text: 'Your data' }),
      el('p', { text: 'Your plan is kept only in this browser on this device. Nothing is sent to the clinic or anywhere else. ' +
        'Clearing your browsing data deletes it, so download a copy now and then. You can show the file to your physiotherapist.' }));
    var buttons = el('div', { class: 'planner-buttons' });
    if (this.plan) {
      buttons.appendChild(el('button', { type: 'button', class: 'planner-button', id: 'pl-export',
        onclick: function () { self.onExport(); } }, 'Download my data'));
    }
    append(sec, buttons);
    var file = el('input', { type: 'file', id: 'pl-import', accept: 'application/json,.json' });
    file.addEventListener('change', function () { self.onImport(file); });
    append(sec, el('div', { class: 'planner-field' },
      el('label', { for: 'pl-import', text: 'Import a planner file' }),
      el('p', { class: 'planner-hint', id: 'pl-import-hint', text: 'A file you downloaded from this page before.' }),
      file));
    if (this.plan || this.loadError) {
      append(sec, el('button', { type: 'button', class: 'planner-button planner-danger', id: 'pl-delete',
        onclick: function () { self.confirm = { kind: 'delete' }; self.render(); self.focusId('pl-confirm-text'); } },
        'Delete my data'));
    }
    if (this.confirm) append(sec, this.renderConfirm());
    return sec;
  };

  Planner.prototype.renderConfirm = function () {
    var self = this;
    var c = this.confirm;
    var n = this.plan ? this.plan.sessions.length : 0;
    var text, yes;
    if (c.kind === 'delete') {
      text = 'Delete your plan and ' + plural(n, 'logged session', 'logged sessions') +
        ' from this browser? This cannot be undone. Download your data first if you want to keep it.';
      yes = 'Yes, delete my data';
    } else {
      text = 'Replace your current plan (' + plural(n, 'logged session', 'logged sessions') + ') with the one in the file (' +
        plural(c.plan.sessions.length, 'logged session', 'logged sessions') + ', started ' + showDate(c.plan.start_date) + ')?';
      yes = 'Yes, replace my plan';
    }
    return el('div', { class: 'planner-confirm', role: 'group', 'aria-labelledby': 'pl-confirm-text' },
      el('p', { id: 'pl-confirm-text', tabindex: '-1', text: text }),
      el('div', { class: 'planner-buttons' },
        el('button', { type: 'button', class: 'planner-button planner-danger', id: 'pl-confirm-yes',
          onclick: function () { self.onConfirm(); } }, yes),
        el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-confirm-no',
          onclick: function () {
            var kind = self.confirm.kind;
            self.confirm = null;
            self.render();
            self.announce(kind === 'delete' ? 'Nothing was deleted.' : 'Nothing was imported.', 'info');
            self.focusId(kind === 'delete' ? 'pl-delete' : 'pl-import');
          } }, 'Cancel')));
  };

  Planner.prototype.onConfirm = function () {
    var c = this.confirm;
    this.confirm = null;
    if (c.kind === 'delete') {
      var ok = this.save(null);
      this.loadError = null;
      this.errors = {};
      this.draft = this.testDraft = null;
      this.render();
      this.announce(ok ? 'Your data was deleted from this browser.' : 'The data could not be deleted: this browser blocked it.',
        ok ? 'ok' : 'error', true);
    } else {
      this.applyImport(c.plan);
    }
  };

  Planner.prototype.applyImport = function (plan) {
    this.loadError = null;
    var saved = this.save(plan);
    this.render();
    this.announce('Imported your plan: started ' + showDate(plan.start_date) + ', ' +
      plural(plan.sessions.length, 'logged session', 'logged sessions') + '.' +
      (saved ? '' : ' It could not be saved in this browser.'), saved ? 'ok' : 'error', true);
  };

  Planner.prototype.exportName = function () {
    return 'sinew-planner-' + this.ladder.id + '-' + this.today() + '.json';
  };

  Planner.prototype.onExport = function () {
    var text = JSON.stringify(this.plan, null, 2) + '\n';
    var blob = new Blob([text], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = el('a', { href: url, download: this.exportName(), class: 'planner-hidden-link' }, 'Download');
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    this.announce('Your data was saved as a file called ' + this.exportName() + ' (look in your downloads).', 'ok');
  };

  Planner.prototype.onImport = function (input) {
    var self = this;
    var f = input.files && input.files[0];
    if (!f) return;
    var fail = function (msg) {
      input.value = '';
      self.announce('That file could not be imported. ' + msg + ' Your plan has not changed.', 'error', true);
    };
    if (f.size > MAX_IMPORT_BYTES) return fail('It is too big to be a planner file.');
    var reader = new FileReader();
    reader.onerror = function () { fail('The file could not be read.'); };
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (e) {
        return fail('It is not a planner file (it is not JSON).');
      }
      var v = validatePlan(data, self.ladder);
      if (!v.ok) return fail(v.errors.join(' '));
      input.value = '';
      if (self.plan && (self.plan.sessions.length || self.plan.tests.length)) {
        self.confirm = { kind: 'import', plan: v.plan };
        self.render();
        self.announce('Check before you replace your plan.', 'info');
        self.focusId('pl-confirm-text');
      } else {
        self.applyImport(v.plan);
      }
    };
    reader.readAsText(f);
  };

  function mountAll() {
    var root = doc.getElementById('planner-app');
    var data = doc.getElementById('sinew-ladder');
    if (!root) return;
    var ladder = null, problems;
    try {
      ladder = JSON.parse(data ? data.textContent : 'null');
      problems = checkLadder(ladder);
    } catch (e) {
      problems = ['the ladder data is not valid JSON'];
    }
    if (problems.length) {
      root.textContent = '';
      root.appendChild(el('p', { class: 'planner-note planner-warn', role: 'alert' },
        'The interactive planner could not load this plan (' + problems[0] + '). The schedule and log sheet below still work.'));
      return;
    }
    if (Array.isArray(ladder.schedule) &&
        JSON.stringify(ladder.schedule) !== JSON.stringify(idealSchedule(ladder))) {
      // The build (Rust) and this engine disagree on the dose rule: the shared test
      // vectors should have caught this. Keep going; the planner's own doses are used.
      if (window.console) console.warn('sinew planner: the page\'s schedule differs from planner.js');
    }
    var app = new Planner(root, ladder);
    app.mount();
    window.sinewPlanner = app;
  }

  window.SinewPlanner = engine;

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
