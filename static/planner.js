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
  // VIEW-PLACEHOLDER
})();
