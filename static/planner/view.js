// @ts-check
/**
 * The planner's view: the `Planner` app that renders the engine's state into
 * #planner-app, reads the forms, and keeps the plan through the storage adapter. It
 * never decides a rule: what the dose is, what a day counted as and what to advise all
 * come from the engine. Words come from strings.js. The cards other than today's and
 * the log form live in their own modules (start, checkins, milestones, history,
 * datacard), as functions of the app.
 * @module
 */
import { addDays, isDate } from './dates.js';
import { el, append, safeHref, tagged } from './dom.js';
import { baselineTooHigh, breaksPainRule, computeState, severeRise, spokenDate, REVIEW_WINDOW_DAYS } from './engine.js';
import { isInt } from './ladder.js';
import { LOG_LIMITS } from './limits.js';
import { isNoteText, sealedPlan, sealOf, validatePlan, withClinicContact, withSession } from './plan.js';
import * as storage from './storage.js';
import { R, T, doseText, shortDose, timesPerDay } from './strings.js';
import { renderPending, renderUsualAgain } from './checkins.js';
import { renderData } from './datacard.js';
import { renderHistory } from './history.js';
import { renderKeep } from './keep.js';
import { renderMilestones } from './milestones.js';
import { renderStart } from './start.js';
import { field, painOptions, question, radioValue, showDate, stayedFrom, stayedUpQuestion } from './widgets.js';

/** @typedef {import('./ladder.js').Ladder} Ladder */
/** @typedef {import('./plan.js').Plan} Plan */
/** @typedef {import('./plan.js').SessionEntry} SessionEntry */
/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./engine.js').Alert} Alert */
/** @typedef {import('./engine.js').Pending} Pending */
/** @typedef {import('./dom.js').Leaf} Leaf */
/** @typedef {import('./dom.js').Child} Child */

/**
 * @typedef {{ kind: 'delete' } | { kind: 'import', plan: Plan }} Confirm
 */

/**
 * What the patient typed in the log form before a failed save.
 * @typedef {object} LogDraft
 * @property {string} date
 * @property {number} session
 * @property {'' | 'yes' | 'no'} done
 * @property {string} reps
 * @property {string} rise
 * @property {'' | 'yes' | 'no' | 'later'} stayed
 * @property {string} note
 */

/**
 * @typedef {object} TestDraft
 * @property {string} exercise
 * @property {string} reps
 * @property {string} rise
 * @property {'' | 'yes' | 'no' | 'later'} stayed
 */

/**
 * Run `f` when the browser is idle (at the latest after a second), or on its next task
 * in a browser without `requestIdleCallback`.
 * @param {() => void} f
 */
function whenIdle(f) {
  const w = /** @type {{ requestIdleCallback?: (f: () => void, o: { timeout: number }) => number }} */ (/** @type {unknown} */ (window));
  if (typeof w.requestIdleCallback === 'function') w.requestIdleCallback(f, { timeout: 1000 });
  else setTimeout(f, 0);
}

/** The planner app mounted in one element. */
export class Planner {
  /**
   * @param {HTMLElement} root the #planner-app element
   * @param {Ladder} ladder the checked ladder data
   * @param {() => string} today the patient's calendar date, "YYYY-MM-DD"
   * @param {() => Date} [now] the time now (the reminders' time stamp)
   */
  constructor(root, ladder, today, now) {
    this.root = root;
    this.ladder = ladder;
    this.today = today;
    this.now = now || (() => new Date(0));
    this.key = 'sinew-planner:' + ladder.id;
    /** Where the page keeps what is not the plan: the date of the last download. */
    this.metaKey = 'sinew-planner-meta:' + ladder.id;
    /** @type {boolean | null} the browser agreed to keep the storage (null: not known) */
    this.persisted = null;
    this.persistAsked = false;
    /** @type {boolean | null} the plan works offline (null: not known yet) */
    this.offline = null;
    /** The history lists every day (after "Show all days"), not only the last ones. */
    this.historyAll = false;
    /** @type {Plan | null} */
    this.plan = null;
    /** @type {string | null} */
    this.loadError = null;
    this.storageOk = true;
    /** @type {Confirm | null} */
    this.confirm = null;
    /**
     * A session the patient saved that would replace one over the pain rules with one
     * within them: kept here, unsaved, until they say the first was a mistake.
     * @type {SessionEntry | null}
     */
    this.replacing = null;
    /** @type {Record<string, string>} field id -> message */
    this.errors = {};
    /** @type {string | null} */
    this.lastToday = null;
    /** @type {LogDraft | null} */
    this.draft = null;
    /** @type {TestDraft | null} */
    this.testDraft = null;
    this.testOpen = false;
    /** @type {string | undefined} */
    this.draftStart = undefined;
    /** @type {string | undefined} */
    this.draftUsual = undefined;
    this.draftGate = false;
    /**
     * Whether the cards below the first screen are built with the rest. False until the
     * first screen is drawn: on load they are built when the browser is idle or when
     * they near the screen, whichever comes first (`later`); every later render is whole.
     */
    this.eager = false;
    /** Counts renders, so a card deferred by an earlier render is never built into a newer one. */
    this.renders = 0;
    this.status = el('div', {
      id: 'pl-status', class: 'planner-status', role: 'status', 'aria-live': 'polite', tabindex: '-1'
    });
    this.main = el('div', { class: 'planner-main' });
  }

  /** Read the stored plan (or note why it cannot be read). */
  load() {
    this.plan = null;
    this.loadError = null;
    const r = storage.get(this.key);
    if (!r.ok) {
      this.storageOk = false;
      return;
    }
    if (r.text === null) return;
    let data;
    try {
      data = JSON.parse(r.text);
    } catch {
      this.loadError = T.damaged;
      return;
    }
    // A plan this page stored itself was checked before it was stored: when its text
    // still matches the seal written with it, only its frame is checked again.
    const meta = this.meta();
    const sealed = meta.seal === sealOf(r.text) ? sealedPlan(data, this.ladder) : null;
    if (sealed) {
      this.plan = sealed;
      return;
    }
    const v = validatePlan(data, this.ladder);
    if (v.ok) this.plan = v.plan;
    else this.loadError = T.unreadable(v.errors[0]);
  }

  /**
   * Keep `plan` (null: delete it); false when the browser refuses.
   * @param {Plan | null} plan
   */
  save(plan) {
    this.plan = plan;
    const text = plan ? JSON.stringify(plan) : null;
    const ok = text !== null ? storage.set(this.key, text) : storage.del(this.key);
    this.storageOk = ok;
    // Only a plan this page checked is ever saved (the forms check each entry, imports
    // go through validatePlan): seal its text for a quicker load (see `load`).
    if (ok) this.setMeta({ seal: text !== null ? sealOf(text) : undefined });
    if (plan) this.askToKeep();
    return ok;
  }

  /** Ask the browser, once, to keep the plan; show its answer in the "Keep" card. */
  askToKeep() {
    if (this.persistAsked) return;
    this.persistAsked = true;
    storage.persist().then((kept) => {
      this.persisted = kept;
      const p = document.getElementById('pl-persist');
      if (p) p.textContent = kept === true ? R.persisted : kept === false ? R.notPersisted : '';
    });
  }

  /**
   * What the page keeps beside the plan: the date of the last download and the seal of
   * the plan's text as this page stored it (`plan.sealOf`).
   * @returns {{ last_download?: string, seal?: string }}
   */
  meta() {
    const r = storage.get(this.metaKey);
    if (!r.ok || !r.text) return {};
    try {
      const m = JSON.parse(r.text);
      if (!m || typeof m !== 'object') return {};
      return {
        last_download: isDate(m.last_download) ? m.last_download : undefined,
        seal: typeof m.seal === 'string' ? m.seal : undefined
      };
    } catch {
      return {};
    }
  }

  /**
   * Change some of what `meta` reads (an undefined value removes it).
   * @param {{ last_download?: string, seal?: string }} patch
   */
  setMeta(patch) {
    storage.set(this.metaKey, JSON.stringify({ ...this.meta(), ...patch }));
  }

  /** The date the plan was last downloaded, or null. */
  lastDownload() {
    return this.meta().last_download || null;
  }

  /** Remember that the plan was downloaded today. */
  noteDownload() {
    this.setMeta({ last_download: this.today() });
    const p = document.getElementById('pl-last-download');
    if (p) p.textContent = R.lastDownloaded(showDate(this.today(), true));
    const r = document.getElementById('pl-download-reminder');
    if (r) r.remove();
  }

  /**
   * Whether the plan works offline (from offline.js); shown in the "Keep" card.
   * @param {boolean} ready
   */
  setOffline(ready) {
    this.offline = ready;
    const p = document.getElementById('pl-offline');
    if (p) p.textContent = ready ? R.offlineReady : R.offlineNo;
  }

  /** The address of this page, without query or fragment. */
  pageUrl() {
    return location.origin + location.pathname;
  }

  /** The address of this ladder's "My progress" summary. */
  summaryUrl() {
    return this.root.dataset.summary || 'summary/';
  }

  /**
   * The state of the plan on `day` (default: today). Only called with a plan.
   * @param {string} [day]
   * @returns {State}
   */
  state(day) {
    if (!this.plan) throw new Error('no plan');
    return computeState(this.ladder, this.plan, day || this.today());
  }

  /**
   * Put a message in the live region, and move focus to it when asked.
   * @param {string} text
   * @param {'ok' | 'warn' | 'error' | 'info'} kind 'warn': saved, but the news is a warning (stop for today)
   * @param {boolean} [focus]
   */
  announce(text, kind, focus) {
    const s = this.status;
    s.textContent = '';
    s.className = 'planner-status planner-status-' + kind;
    // A fresh text node so screen readers announce repeated messages too.
    if (text) s.appendChild(document.createTextNode(text));
    if (focus) s.focus();
  }

  /** @param {string} id */
  focusId(id) {
    const node = document.getElementById(id);
    if (node) node.focus();
  }

  mount() {
    this.root.textContent = '';
    this.root.classList.add('planner');
    this.root.appendChild(this.status);
    this.root.appendChild(this.main);
    this.load();
    this.render();
    this.eager = true;
    // Asking the browser to keep the plan is not needed for the first screen.
    if (this.plan) whenIdle(() => this.askToKeep());
    storage.onChange(this.key, () => {
      this.load();
      this.render();
      this.announce(T.changedElsewhere, 'info');
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.lastToday !== this.today()) this.render();
    });
  }

  /**
   * `make()`'s card, at once once the first screen is drawn; on the first render, an
   * empty placeholder that becomes the card when the browser is idle or when it comes
   * within a screen of the view, whichever is first (a browser with neither
   * `requestIdleCallback` nor `IntersectionObserver` builds it on its next task).
   * @param {string} name the card's name, for the placeholder's class
   * @param {() => HTMLElement | null} make
   * @returns {HTMLElement | null}
   */
  later(name, make) {
    if (this.eager) return make();
    const slot = el('div', { class: 'planner-later planner-later-' + name });
    const render = this.renders;
    /** @type {IntersectionObserver | null} */
    let seen = null;
    const build = () => {
      if (seen) seen.disconnect();
      seen = null;
      if (render !== this.renders || !slot.isConnected) return;
      const card = make();
      if (card) slot.replaceWith(card);
      else slot.remove();
    };
    if (typeof IntersectionObserver === 'function') {
      seen = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) build();
      }, { rootMargin: '100% 0px' });
      seen.observe(slot);
    }
    whenIdle(build);
    return slot;
  }

  render() {
    const today = this.today();
    this.lastToday = today;
    this.renders += 1;
    this.main.textContent = '';
    /** @type {Child[]} */
    const parts = [];
    if (!this.storageOk) parts.push(el('p', { class: 'planner-note planner-warn' }, T.noStorage));
    if (this.loadError) {
      parts.push(el('div', { class: 'planner-note planner-warn' },
        el('p', { text: this.loadError }),
        el('p', { text: T.recover })));
      parts.push(renderData(this));
    } else if (!this.plan) {
      parts.push(renderStart(this, today));
      parts.push(renderData(this));
    } else {
      const st = this.state(today);
      parts.push(renderPending(this, st));
      parts.push(renderUsualAgain(this, st));
      parts.push(this.renderToday(st));
      // The first screen is today's card (and any question above it); the rest is built
      // right after it (see `later`). The log form waits too: a date field costs a
      // browser its calendar's locale data, by far the dearest element of the page.
      if (!st.finished && st.advice !== 'not_started') parts.push(this.later('log', () => this.renderLogForm(st, today)));
      parts.push(this.later('milestones', () => renderMilestones(this, st, today)));
      parts.push(this.later('history', () => renderHistory(this, st)));
      parts.push(this.later('keep', () => renderKeep(this, st)));
      parts.push(this.later('data', () => renderData(this)));
    }
    append(this.main, ...parts);
  }

  /** The clinic's booking link and phone number. */
  contact() {
    const c = this.ladder.clinic;
    const name = c.name || T.clinicFallback;
    const items = [];
    const booking = safeHref(c.booking_url);
    if (booking) items.push(el('li', null, el('a', { href: booking, class: 'planner-button-link' }, T.book)));
    if (c.phone) items.push(el('li', null, T.call(name), el('a', { href: 'tel:' + c.phone.replace(/[^0-9+]/g, '') }, c.phone)));
    if (!items.length) items.push(el('li', { text: T.contact(name) }));
    return el('ul', { class: 'planner-contact' }, items);
  }

  /** @param {string} id */
  errorFor(id) {
    const msg = this.errors[id];
    return msg ? el('p', { id: id + '-error', class: 'planner-error', text: msg }) : null;
  }

  /**
   * Attributes of a form control: id, name, its hint and error.
   * @param {string} id
   * @param {import('./dom.js').Props & { hint?: boolean }} [extra]
   * @returns {import('./dom.js').Props}
   */
  fieldAttrs(id, extra) {
    /** @type {import('./dom.js').Props} */
    const a = { id, name: id };
    const described = [];
    if (extra && extra.hint) described.push(id + '-hint');
    if (this.errors[id]) {
      a['aria-invalid'] = 'true';
      described.push(id + '-error');
    }
    if (described.length) a['aria-describedby'] = described.join(' ');
    for (const [k, v] of Object.entries(extra || {})) if (k !== 'hint') a[k] = v;
    return a;
  }

  /**
   * [headline, detail] for the state's advice.
   * @param {State} st
   * @returns {string[]}
   */
  adviceText(st) {
    const dose = st.sets === null || st.reps === null ? '' : shortDose(st.sets, st.reps);
    // The last day before today (the history holds every day of the plan: no copy of it).
    let i = st.days.length - 1;
    while (i >= 0 && st.days[i].outcome === 'today') i--;
    const last = i >= 0 ? st.days[i] : undefined;
    const lastDate = last ? showDate(last.date) : '';
    // While the device's date is behind the log the advice is for the last entry's date,
    // which the heading names: the words name it too, or no day, never "today".
    const clk = st.clock_behind;
    const on = showDate(st.today);
    /** @returns {string} */
    const reason = () => {
      switch (st.reason) {
        case 'tolerated':
          // Held by the last day's answer while today's is below baseline_max: say which.
          if (st.held === 'baseline' && st.held_usual_pain !== null && !baselineTooHigh(this.ladder, st.usual_pain)) {
            return T.reasonBaselineHeldBefore(lastDate, st.held_usual_pain, this.ladder.pain.baseline_max);
          }
          if (st.held === 'baseline') return T.reasonBaselineHeld(st.usual_pain, this.ladder.pain.baseline_max);
          if (st.held === 'clinic') return T.reasonClinicHeld;
          if (st.held === 'clock') return T.reasonClockHeld;
          return st.change === 'same_dose' ? T.reasonToleratedSame : T.reasonTolerated;
        case 'pain':
          if (st.change === 'previous_exercise' && last) {
            const name = this.ladder.stages[last.stage].name;
            return clk ? T.reasonPainPreviousClock(lastDate, name) : T.reasonPainPrevious(lastDate, name);
          }
          if (st.change !== 'step_back') return clk ? T.reasonPainSameClock(lastDate) : T.reasonPainSame(lastDate);
          if (last && last.pain_run >= 2) return clk ? T.reasonPainAgainClock(lastDate) : T.reasonPainAgain(lastDate);
          return clk ? T.reasonPainBackClock(lastDate) : T.reasonPainBack(lastDate);
        case 'missed':
          return T.reasonMissed(lastDate);
        case 'incomplete':
          if (!st.reason_unanswered || !last) return T.reasonIncomplete(lastDate);
          // Name what waits for an answer: a session, or only a test set.
          return last.sessions.some((e) => !!e && e.done && e.pain_stayed_up === null)
            ? T.reasonUnanswered(lastDate) : T.reasonUnansweredTest(lastDate);
        default:
          return '';
      }
    };
    switch (st.advice) {
      case 'stop_today':
        return clk ? [T.stopHeadClock, T.stopBodyClock] : [T.stopHead, T.stopBody];
      case 'contact_clinic':
        // Why is said once, by the severe-flare note right below.
        return [T.contactHead, st.finished ? '' : clk ? T.contactBodyClock(dose) : T.contactBody(dose)];
      case 'not_started':
        return T.notStarted(showDate(st.start_date), dose);
      case 'start':
        return T.start(dose);
      case 'move_up':
        return [clk ? T.moveUpClock(on, dose) : T.moveUp(dose), reason()];
      case 'same_dose':
        return [clk ? T.sameDoseClock(on, dose) : T.sameDose(dose), reason()];
      case 'step_back':
        return [clk ? T.stepBackClock(on, dose) : T.stepBack(dose), reason()];
      case 'next_exercise':
        return [T.nextExercise(st.exercise ? st.exercise.name : '', dose), T.mastered(this.ladder.stages[st.stage - 1].name)];
      case 'previous_exercise':
        return [T.previousExercise(st.exercise ? st.exercise.name : '', dose), reason()];
      case 'finished':
        return T.finished(showDate(st.finished_on || st.today));
      default:
        return ['', ''];
    }
  }

  /**
   * What tomorrow brings, named by what happens to the dose. While the device's date is
   * behind the log, the day after the advice's is named by its date, not "tomorrow".
   * @param {State} st
   */
  tomorrowText(st) {
    const day = addDays(st.today, 1);
    const t = this.state(day);
    const clk = st.clock_behind ? showDate(day) : null;
    if (t.finished || !t.exercise || t.sets === null || t.reps === null) return clk ? T.tomorrowFinishedClock(clk) : T.tomorrowFinished;
    // With the device's date behind the log, tomorrow is never said to be more than today
    // (docs/planner.md, "When the device's date is earlier than the log"): the safer words.
    const more = st.clock_behind && st.sets !== null && st.reps !== null && t.position > st.position;
    const dose = more ? shortDose(/** @type {number} */ (st.sets), /** @type {number} */ (st.reps)) : shortDose(t.sets, t.reps);
    if (t.advice === 'contact_clinic') return clk ? T.tomorrowContactClock(clk, dose) : T.tomorrowContact(dose);
    if (clk) {
      // Never more than today's (`more` above): a move up or a new exercise reads as the same dose.
      if (t.change === 'step_back' && !more) return T.tomorrowBackClock(clk, dose);
      if (t.change === 'previous_exercise' && !more) return T.tomorrowPreviousClock(clk, t.exercise.name, dose);
      return T.tomorrowSameClock(clk, dose);
    }
    if (more) return T.tomorrowSame(dose);
    switch (t.change) {
      case 'move_up':
        return T.tomorrowUp(dose);
      case 'step_back':
        return T.tomorrowBack(dose);
      case 'next_exercise':
        return T.tomorrowNext(t.exercise.name, dose);
      case 'previous_exercise':
        return T.tomorrowPrevious(t.exercise.name, dose);
      default:
        return T.tomorrowSame(dose);
    }
  }

  /**
   * What to do when the clinic is closed: the clinic's words (in the page's language,
   * or in the site's with `lang` and the mark when not translated), or the default advice.
   * Never left out on a severe flare.
   */
  outOfHours() {
    const c = this.ladder.clinic;
    const ooh = c.out_of_hours;
    if (!ooh) return el('p', { id: 'pl-out-of-hours', text: T.outOfHoursDefault });
    if (!c.out_of_hours_lang) return el('p', { id: 'pl-out-of-hours', text: T.outOfHours(ooh) });
    // The table's sentence around the clinic's words, which keep their own language.
    const cut = '\u0000';
    const [before, after = ''] = T.outOfHours(cut).split(cut);
    return el('p', { id: 'pl-out-of-hours' }, before, el('span', { lang: c.out_of_hours_lang, text: ooh }),
      (c.out_of_hours_mark ? ' ' + c.out_of_hours_mark : '') + after);
  }

  /**
   * One paragraph per alert, then the clinic's contact details once (and, for a severe
   * flare, what to do when the clinic is closed).
   * @param {State} st
   */
  alertsBox(st) {
    if (!st.alerts.length) return null;
    const severe = st.alerts.includes('severe');
    return el('div', { class: 'planner-note planner-warn' + (severe ? ' planner-severe' : ''), id: 'pl-alerts', role: severe ? 'alert' : null },
      st.alerts.flatMap((a) => this.alertText(a, st)),
      this.contact(),
      severe ? this.outOfHours() : null,
      severe ? el('p', { id: 'pl-spoke-intro', text: T.spokeIntro }) : null,
      severe ? el('button', { type: 'button', class: 'planner-button', id: 'pl-spoke', onclick: () => this.onSpoke() }, T.spokeButton) : null);
  }

  /**
   * The patient says they have spoken to the clinic after a severe flare: recorded with
   * today's date and the severe signs the log holds now (see plan.js `ClinicContact`).
   */
  onSpoke() {
    if (!this.plan) return;
    const today = this.today();
    const before = this.state(today);
    // Dated the device's today, or the flare-up's date when the device's date is behind it,
    // so that the answer covers the flare-up it answers.
    const date = spokenDate(before);
    const saved = this.save(withClinicContact(this.plan, { date, flares: before.flare_signs, signs: before.flare_dates }));
    this.render();
    const st = this.state(today);
    const msg = T.spokeSaved(showDate(date)) + ' ' + this.adviceText(st)[0] + (saved ? '' : T.notSavedDownload);
    this.announce(msg, this.kindAfterSave(saved, st), true);
  }

  /**
   * @param {Alert} kind
   * @param {State} st
   * @returns {Leaf[]}
   */
  alertText(kind, st) {
    /** @type {Leaf[]} */
    let body = [];
    if (kind === 'baseline') {
      body = [el('strong', { text: T.baselineAlertHead }), T.baselineAlertBody(st.usual_pain, this.ladder.pain.baseline_max) +
        (st.finished ? '' : T.baselineAlertHold)];
    } else if (kind === 'severe') {
      body = [el('strong', { text: st.clock_behind ? T.severeHeadClock : T.severeHead }), T.severeBody(severeRise(this.ladder))];
    } else if (kind === 'days_max') {
      const s = this.ladder.stages[st.stage];
      body = [el('strong', { text: T.daysMaxHead }), ...tagged(T.daysMaxBody(s.name, st.day_on_stage, s.days.min, s.days.max), s)];
    } else if (kind === 'no_progress') {
      body = [el('strong', { text: T.noProgressHead }),
        st.clock_behind ? T.noProgressBodyClock(REVIEW_WINDOW_DAYS) : T.noProgressBody(REVIEW_WINDOW_DAYS)];
    } else if (kind === 'step_backs') {
      body = [el('strong', { text: T.stepBacksHead }), T.stepBacksBody(st.recent_pain_days, REVIEW_WINDOW_DAYS)];
    }
    return [el('p', null, body)];
  }

  /** @param {State} st */
  renderToday(st) {
    const ladder = this.ladder;
    const adv = this.adviceText(st);
    // While the device's date is behind the log, the advice is for the last entry's date,
    // which the heading says rather than calling it today.
    const heading = st.advice === 'not_started' ? T.beforeStart
      : st.clock_behind ? T.todayClock(showDate(st.today)) : T.today(showDate(st.today));
    const card = el('section', { class: 'planner-card planner-today', 'aria-labelledby': 'pl-today-h' },
      el('h3', { id: 'pl-today-h', tabindex: '-1', text: heading }));
    if (st.advice !== 'not_started') append(card, el('p', { class: 'planner-meta', text: T.dayOfPlan(st.day_number) }));
    // The device's date is earlier than an entry: said first, and printed with the card.
    if (st.clock_behind) {
      append(card, el('div', { class: 'planner-note planner-warn', id: 'pl-clock' },
        el('p', null, el('strong', { text: T.clockHead }), ' ', T.clockBody(showDate(st.device_today), showDate(st.today)))));
    }
    const stop = st.advice === 'stop_today';
    const warn = stop || st.advice === 'contact_clinic';
    const pacing = stop ? safeHref(ladder.pacing) : null;
    /** @type {string | null} */
    let next = null;
    const done = st.clock_behind ? T.doneTodayClock(showDate(st.today)) : T.doneToday;
    if (!st.finished && (stop || st.today_complete)) next = (st.today_complete && !stop ? done + ' ' : '') + this.tomorrowText(st);
    append(card, el('div', { id: 'pl-advice', class: 'planner-advice planner-advice-' + st.advice },
      el('p', { class: 'planner-advice-head' },
        warn ? el('span', { class: 'planner-advice-mark', 'aria-hidden': 'true', text: '!' }) : null,
        tagged(adv[0], ...ladder.stages)),
      adv[1] ? el('p', null, tagged(adv[1], ...ladder.stages)) : null,
      pacing ? el('p', { class: 'planner-pacing' }, el('a', { href: pacing, hreflang: ladder.pacing_lang },
        T.pacingLink, ladder.pacing_mark ? ' ' + ladder.pacing_mark : null)) : null,
      next ? el('p', { class: 'planner-next', id: 'pl-tomorrow' }, tagged(next, ...ladder.stages)) : null));
    append(card, this.alertsBox(st));
    const s = st.exercise;
    if (st.finished || !s || st.sets === null || st.reps === null) return card;

    const links = [];
    const url = safeHref(s.url), video = safeHref(s.video);
    if (url) links.push(el('a', { href: url, hreflang: s.name_lang }, tagged(T.howTo(s.name), s)));
    if (video) links.push(el('a', { href: video }, tagged(T.video(s.name), s)));
    append(card,
      el('div', { class: 'planner-exercise' },
        el('p', { class: 'planner-meta', text: T.exerciseOf(st.stage + 1, ladder.stages.length) +
          (st.advice === 'not_started' ? '' : T.dayOnExercise(st.day_on_stage, s.days.min, s.days.max)) }),
        // On a day to stop, or to speak to the clinic first, the dose stays on the card (the
        // clinic asks about it) but is never shown without words saying not to do it.
        warn ? el('p', { class: 'planner-dose-hold', id: 'pl-dose-hold' },
          el('strong', { text: !stop ? T.doseOnHold : st.clock_behind ? T.doseNotTodayClock : T.doseNotToday })) : null,
        el('p', { class: 'planner-exercise-name' }, tagged(s.name, s)),
        el('p', { class: 'planner-dose' + (warn ? ' planner-dose-stopped' : '') },
          el('span', { class: 'planner-dose-big', text: shortDose(st.sets, st.reps) }), ' ',
          el('span', { text: T.doseLine(doseText(st.sets, st.reps, st.hold_seconds), timesPerDay(ladder.times_per_day)) })),
        el('ul', { class: 'planner-links' }, links.map((a) => el('li', null, a)))));
    if (st.advice === 'not_started') return card;

    const list = el('ul', { class: 'planner-sessions', id: 'pl-sessions' });
    for (const x of st.sessions) {
      const e = x.entry;
      const detail = e && e.done ? ' (' + T.sessionDetail(e.reps, e.pain_rise, e.pain_stayed_up) + ')' : '';
      const text = {
        done: T.sessionDone + detail,
        fewer: T.sessionFewer + detail,
        not_done: T.sessionNotDone,
        pain: T.sessionDone + detail + T.overRules,
        waiting: T.sessionWaiting + detail,
        todo: T.notLoggedYet,
        skip: st.clock_behind ? T.sessionSkipClock : T.sessionSkip
      }[x.status];
      const mark = x.status === 'done' ? '\u2713' : x.status === 'pain' || x.status === 'skip' ? '!' : '\u2022';
      list.appendChild(el('li', { class: 'planner-session planner-session-' + x.status },
        el('span', { class: 'planner-session-mark', 'aria-hidden': 'true', text: mark }),
        T.sessionLine(x.session, ladder.times_per_day, text)));
    }
    const sessionsHead = st.clock_behind ? T.todaysSessionsClock(showDate(st.today)) : T.todaysSessions;
    append(card, el('div', { class: 'planner-today-sessions' }, el('h4', { text: sessionsHead }), list));
    return card;
  }

  /**
   * @param {State} st
   * @param {string} today
   */
  renderLogForm(st, today) {
    const ladder = this.ladder;
    const tpd = ladder.times_per_day;
    let firstOpen = 1;
    for (let k = 0; k < st.sessions.length; k++) {
      if (!st.sessions[k].entry) {
        firstOpen = k + 1;
        break;
      }
    }
    const d = this.draft;
    /** @param {string} date */
    const dayRecord = (date) => st.days.find((x) => x.date === date) || null;
    /** @param {string} date */
    const repsHint = (date) => {
      const rec = dayRecord(date);
      if (!rec) return T.repsHintBase;
      const dose = doseText(rec.sets, rec.reps, null);
      // While the device's date is behind the log, its today is named by its date too.
      return T.repsHintBase + (date === today && !st.clock_behind ? T.repsHintToday(dose) : T.repsHintOn(showDate(date), dose));
    };
    let sessionField = null;
    if (tpd > 1) {
      const opts = [];
      for (let i = 1; i <= tpd; i++) {
        opts.push(el('option', { value: String(i), selected: (d ? d.session : firstOpen) === i }, T.sessionOption(i, tpd)));
      }
      sessionField = el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-session', text: T.whichSession }),
        el('select', this.fieldAttrs('pl-log-session'), opts));
    }
    // With the device's date behind the log, the patient chooses the date (nothing filled
    // in: it may be wrong), up to the day the advice is for.
    const date0 = d ? d.date : st.clock_behind ? '' : today;
    // The questions about a session that was done: hidden when the answer is "No".
    const doneFields = el('div', { class: 'planner-done-fields', hidden: !!d && d.done === 'no' },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-reps', text: T.repsLabel }),
        el('p', { id: 'pl-log-reps-hint', class: 'planner-hint', text: repsHint(date0) }),
        el('input', this.fieldAttrs('pl-log-reps', { type: 'number', inputmode: 'numeric', min: '0', max: String(LOG_LIMITS.reps),
          step: '1', value: d ? d.reps : '', hint: true })),
        this.errorFor('pl-log-reps')),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-rise', text: T.riseLabel }),
        el('p', { id: 'pl-log-rise-hint', class: 'planner-hint', text: T.riseHint(ladder.pain.max_rise_during) }),
        el('select', this.fieldAttrs('pl-log-rise', { hint: true }), painOptions(d ? d.rise : '', true)),
        this.errorFor('pl-log-rise')),
      question('pl-log-stayed', stayedUpQuestion(ladder), d ? d.stayed : '',
        { hint: T.stayedHint, later: true, error: this.errors['pl-log-stayed'] }));
    const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-log-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-date', text: T.logDate }),
        st.clock_behind ? el('p', { id: 'pl-log-date-hint', class: 'planner-hint', text: T.logDateClock }) : null,
        el('input', this.fieldAttrs('pl-log-date', { type: 'date', value: date0, min: st.start_date, max: st.today, required: true,
          hint: st.clock_behind })),
        this.errorFor('pl-log-date')),
      sessionField,
      question('pl-log-done', T.didSession, d ? d.done : '', { error: this.errors['pl-log-done'] }),
      doneFields,
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-log-note', text: R.noteLabel }),
        el('p', { id: 'pl-log-note-hint', class: 'planner-hint', text: R.noteHint(LOG_LIMITS.note) }),
        el('input', this.fieldAttrs('pl-log-note', { type: 'text', maxlength: String(LOG_LIMITS.note), autocomplete: 'off',
          value: d ? d.note : '', hint: true })),
        this.errorFor('pl-log-note')),
      el('button', { type: 'submit', class: 'planner-button' }, T.saveSession)));
    const dateInput = field(form, 'pl-log-date');
    for (const r of form.querySelectorAll('input[name="pl-log-done"]')) {
      r.addEventListener('change', () => { doneFields.hidden = radioValue(form, 'pl-log-done') === 'no'; });
    }
    // Backfilling another day: show that day's dose and pick its first session not logged yet.
    dateInput.addEventListener('change', () => {
      const rec = dayRecord(dateInput.value);
      const hint = document.getElementById('pl-log-reps-hint');
      if (hint) hint.textContent = repsHint(dateInput.value);
      if (!rec || !sessionField) return;
      let open = 1;
      for (let j = 0; j < rec.sessions.length; j++) {
        if (!rec.sessions[j]) {
          open = j + 1;
          break;
        }
      }
      field(form, 'pl-log-session').value = String(open);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.onLog(form);
    });
    const replacing = this.replacing;
    const ask = replacing && el('div', { class: 'planner-confirm', role: 'group', 'aria-labelledby': 'pl-replace-text' },
      el('p', { id: 'pl-replace-text', tabindex: '-1', text: this.replaceQuestion(replacing, today) }),
      el('div', { class: 'planner-buttons' },
        el('button', { type: 'button', class: 'planner-button', id: 'pl-replace-keep',
          onclick: () => {
            this.replacing = null;
            this.draft = null;
            this.render();
            this.announce(T.logReplaceKept, 'info');
            this.focusId('pl-log-date');
          } }, T.logReplaceKeep),
        el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-replace-yes',
          onclick: () => this.saveLog(replacing) }, T.logReplaceYes)));
    return el('section', { class: 'planner-card planner-controls', 'aria-labelledby': 'pl-log-h' },
      el('h3', { id: 'pl-log-h', text: T.logHeading }),
      el('p', { class: 'planner-hint', text: T.logReplaceHint }),
      form, ask);
  }

  /** @param {HTMLFormElement} form */
  onLog(form) {
    const plan = this.plan;
    if (!plan) return;
    const today = this.today();
    const date = field(form, 'pl-log-date').value;
    const sessionEl = field(form, 'pl-log-session');
    const session = sessionEl ? +sessionEl.value : 1;
    const doneV = /** @type {'' | 'yes' | 'no'} */ (radioValue(form, 'pl-log-done'));
    const repsText = field(form, 'pl-log-reps').value.trim();
    const riseText = field(form, 'pl-log-rise').value;
    const stayedV = /** @type {'' | 'yes' | 'no' | 'later'} */ (radioValue(form, 'pl-log-stayed'));
    const note = field(form, 'pl-log-note').value.trim();
    this.draft = { date, session, done: doneV, reps: repsText, rise: riseText, stayed: stayedV, note };
    this.errors = {};
    if (!isDate(date)) this.errors['pl-log-date'] = T.logDateError;
    else if (date < plan.start_date) this.errors['pl-log-date'] = T.logBeforeStart(showDate(plan.start_date));
    else if (date > this.state(today).today) this.errors['pl-log-date'] = T.logFuture;
    if (doneV === '') this.errors['pl-log-done'] = T.logDoneError;
    if (!isNoteText(note)) this.errors['pl-log-note'] = R.noteError(LOG_LIMITS.note);
    const reps = repsText === '' ? null : Number(repsText);
    if (doneV === 'yes') {
      if (reps === null) this.errors['pl-log-reps'] = T.logRepsMissing;
      else if (!isInt(reps, 0, LOG_LIMITS.reps)) this.errors['pl-log-reps'] = T.logRepsWhole(LOG_LIMITS.reps);
      if (riseText === '') this.errors['pl-log-rise'] = T.logRiseError;
      if (stayedV === '') this.errors['pl-log-stayed'] = T.logStayedError;
    }
    const ids = Object.keys(this.errors);
    if (ids.length) {
      this.render();
      this.announce(this.errors[ids[0]], 'error');
      this.focusId(ids[0]);
      return;
    }
    const before = this.state(today);
    const dayRec = before.days.find((x) => x.date === date);
    /** @type {SessionEntry} */
    const entry = doneV === 'yes'
      ? { date, session, done: true, reps, pain_rise: +riseText, pain_stayed_up: stayedFrom(stayedV) }
      : { date, session, done: false, reps: null, pain_rise: 0, pain_stayed_up: false };
    if (dayRec && this.ladder.stages[dayRec.stage]) entry.exercise = this.ladder.stages[dayRec.stage].exercise;
    if (note) entry.note = note;
    // Saving over a session that broke a pain rule with one that did not would make the
    // flare-up vanish (and the dose go up the next day): a patient who did the exercise
    // again and logs it is asked first, and only a mistake is replaced.
    const old = plan.sessions.find((e) => e.date === date && e.session === session);
    if (old && breaksPainRule(this.ladder, old) && !breaksPainRule(this.ladder, entry)) {
      this.replacing = entry;
      this.render();
      this.announce(this.replaceQuestion(entry, today), 'warn');
      this.focusId('pl-replace-text');
      return;
    }
    this.saveLog(entry);
  }

  /**
   * The question before a session over the pain rules is replaced by one within them.
   * @param {SessionEntry} entry
   * @param {string} today
   */
  replaceQuestion(entry, today) {
    return T.logReplacePain(entry.session, this.todayOr(entry.date, today));
  }

  /**
   * "today" for the device's today, else the date; the date always while the device's
   * date is behind the log (the advice is for another day then, see `todayClock`).
   * @param {string} date
   * @param {string} today the device's
   */
  todayOr(date, today) {
    return date === today && !(this.plan && this.state(today).clock_behind) ? T.todayWord : showDate(date);
  }

  /**
   * Save a checked session entry, show the new state and say what it means.
   * @param {SessionEntry} entry
   */
  saveLog(entry) {
    const plan = this.plan;
    if (!plan) return;
    const today = this.today();
    const { date, session } = entry;
    const saved = this.save(withSession(plan, entry));
    this.draft = null;
    this.replacing = null;
    this.render();
    const st = this.state(today);
    let msg = T.savedSession(session, this.todayOr(date, today));
    if (date !== today || st.advice === 'stop_today' || st.advice === 'contact_clinic') msg += ' ' + this.adviceText(st)[0];
    else if (st.today_complete) {
      const node = document.getElementById('pl-tomorrow');
      if (node) msg += ' ' + node.textContent;
    }
    if (!saved) msg += T.notSavedDownload;
    this.announce(msg, this.kindAfterSave(saved, st), true);
  }

  /**
   * The style of the message after a save: an error when the browser refused it, a
   * warning when the news is bad (stop, contact the clinic, a step back, or the dose
   * kept down by pain), else a success.
   * @param {boolean} saved
   * @param {State} st
   * @returns {'ok' | 'warn' | 'error'}
   */
  kindAfterSave(saved, st) {
    if (!saved) return 'error';
    const bad = st.advice === 'stop_today' || st.advice === 'contact_clinic' || st.advice === 'step_back' ||
      (st.advice === 'same_dose' && st.reason === 'pain') || st.alerts.includes('severe');
    return bad ? 'warn' : 'ok';
  }

}
