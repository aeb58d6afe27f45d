// @ts-check
/**
 * The planner's view: renders the engine's state into #planner-app, reads the forms,
 * and keeps the plan through the storage adapter. It never decides a rule: what the
 * dose is, what a day counted as and what to advise all come from the engine. Words
 * come from strings.js.
 * @module
 */
import { addDays, isDate } from './dates.js';
import { el, svg, append, safeHref } from './dom.js';
import { baselineTooHigh, computeState, severeRise, REVIEW_WINDOW_DAYS } from './engine.js';
import { isInt } from './ladder.js';
import { LOG_LIMITS } from './limits.js';
import { newPlan, validatePlan, withAnswer, withSession, withTest, withUsualPain } from './plan.js';
import * as storage from './storage.js';
import { T, doseText, shortDose, timesPerDay } from './strings.js';

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
 */

/**
 * @typedef {object} TestDraft
 * @property {string} exercise
 * @property {string} reps
 * @property {string} rise
 * @property {'' | 'yes' | 'no' | 'later'} stayed
 */

/**
 * "Monday 3 March" (long) or "Mon 3 Mar" (short), in the page's language.
 * @param {string} s
 * @param {boolean} [short]
 */
function showDate(s, short) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return String(s);
  try {
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toLocaleDateString(document.documentElement.lang || undefined, short
      ? { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  } catch {
    return s;
  }
}

/**
 * A form control by name.
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {HTMLInputElement}
 */
function field(form, name) {
  return /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
}

/**
 * The value of the checked radio button of a group ('' when none is checked).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
function radioValue(form, name) {
  const node = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="' + name + '"]:checked'));
  return node ? node.value : '';
}

/**
 * A "did it" / "pain stayed up" answer as stored.
 * @param {string} v
 * @returns {boolean | null}
 */
function stayedFrom(v) {
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/**
 * The 0-10 pain options.
 * @param {string} selected
 * @param {boolean} withBlank
 */
function painOptions(selected, withBlank) {
  const opts = [];
  if (withBlank) opts.push(el('option', { value: '', selected: selected === '' }, T.chooseNumber));
  for (let i = 0; i <= 10; i++) {
    opts.push(el('option', { value: String(i), selected: String(selected) === String(i) }, T.painOption(i)));
  }
  return opts;
}

/**
 * A question as a fieldset of radio buttons, none chosen unless `checked` says so:
 * Yes, No, and (with `later`) "Too soon to tell".
 * @param {string} name
 * @param {string} legend
 * @param {string} checked 'yes', 'no', 'later' or ''
 * @param {{ hint?: string, later?: boolean, error?: string | null }} [opts]
 */
function question(name, legend, checked, opts) {
  const o = opts || {};
  const described = [o.hint ? name + '-hint' : '', o.error ? name + '-error' : ''].filter(Boolean).join(' ');
  /** @param {string} value @param {string} text */
  const option = (value, text) => el('label', null,
    el('input', { type: 'radio', name, id: name + '-' + value, value, checked: checked === value }), text);
  return el('fieldset', { class: 'planner-choice', id: name, tabindex: '-1', 'aria-describedby': described || null,
    'aria-invalid': o.error ? 'true' : null },
    el('legend', { text: legend }),
    o.hint ? el('p', { id: name + '-hint', class: 'planner-hint', text: o.hint }) : null,
    el('div', { class: 'planner-radios' }, option('yes', T.yes), option('no', T.no), o.later ? option('later', T.stayedLater) : null),
    o.error ? el('p', { id: name + '-error', class: 'planner-error', text: o.error }) : null);
}

/**
 * @param {Ladder} ladder
 */
function stayedUpQuestion(ladder) {
  return T.stayedUpQuestion(ladder.pain.max_rise_after, ladder.pain.settle_minutes);
}

/** The planner app mounted in one element. */
export class Planner {
  /**
   * @param {HTMLElement} root the #planner-app element
   * @param {Ladder} ladder the checked ladder data
   * @param {() => string} today the patient's calendar date, "YYYY-MM-DD"
   */
  constructor(root, ladder, today) {
    this.root = root;
    this.ladder = ladder;
    this.today = today;
    this.key = 'sinew-planner:' + ladder.id;
    /** @type {Plan | null} */
    this.plan = null;
    /** @type {string | null} */
    this.loadError = null;
    this.storageOk = true;
    /** @type {Confirm | null} */
    this.confirm = null;
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
    const ok = plan ? storage.set(this.key, JSON.stringify(plan)) : storage.del(this.key);
    this.storageOk = ok;
    return ok;
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
    storage.onChange(this.key, () => {
      this.load();
      this.render();
      this.announce(T.changedElsewhere, 'info');
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.lastToday !== this.today()) this.render();
    });
  }

  render() {
    const today = this.today();
    this.lastToday = today;
    this.main.textContent = '';
    /** @type {Child[]} */
    const parts = [];
    if (!this.storageOk) parts.push(el('p', { class: 'planner-note planner-warn' }, T.noStorage));
    if (this.loadError) {
      parts.push(el('div', { class: 'planner-note planner-warn' },
        el('p', { text: this.loadError }),
        el('p', { text: T.recover })));
      parts.push(this.renderData());
    } else if (!this.plan) {
      parts.push(this.renderStart(today));
      parts.push(this.renderData());
    } else {
      const st = this.state(today);
      parts.push(this.renderPending(st));
      parts.push(this.renderUsualAgain(st));
      parts.push(this.renderToday(st));
      if (!st.finished && st.advice !== 'not_started') parts.push(this.renderLogForm(st, today));
      parts.push(this.renderMilestones(st, today));
      parts.push(this.renderHistory(st));
      parts.push(this.renderData());
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

  /** @param {string} today */
  renderStart(today) {
    const warnBox = el('div', { id: 'pl-baseline-warning', class: 'planner-note planner-warn', hidden: true });
    /** @param {string} value */
    const updateWarning = (value) => {
      warnBox.textContent = '';
      const high = value !== '' && baselineTooHigh(this.ladder, +value);
      warnBox.hidden = !high;
      if (high) append(warnBox, ...this.gateText(+value));
    };
    const painSel = /** @type {HTMLSelectElement} */ (el('select', this.fieldAttrs('pl-usual', { hint: true, required: true }),
      painOptions(this.draftUsual === undefined ? '' : this.draftUsual, true)));
    painSel.addEventListener('change', () => {
      this.draftUsual = painSel.value;
      updateWarning(painSel.value);
    });
    const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-start-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-start-date', text: T.startDate }),
        el('input', this.fieldAttrs('pl-start-date', { type: 'date', value: this.draftStart || today, required: true })),
        this.errorFor('pl-start-date')),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-usual', text: T.usualPain }),
        el('p', { id: 'pl-usual-hint', class: 'planner-hint', text: T.usualPainHint }),
        painSel,
        this.errorFor('pl-usual')),
      warnBox,
      el('button', { type: 'submit', class: 'planner-button' }, T.startButton)));
    if (this.draftUsual !== undefined) updateWarning(this.draftUsual);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.onStart(form);
    });
    return el('section', { class: 'planner-card planner-start', 'aria-labelledby': 'pl-start-h' },
      el('h3', { id: 'pl-start-h', tabindex: '-1', text: T.startHeading }),
      el('p', null, T.startIntro(timesPerDay(this.ladder.times_per_day))),
      form);
  }

  /**
   * The consultation-first box of the start form: the advice, the clinic's contact
   * details, and the box to tick to start anyway.
   * @param {number} usual
   * @returns {Leaf[]}
   */
  gateText(usual) {
    const id = 'pl-gate';
    return [
      el('p', null, el('strong', { text: T.gateHead }), T.gateBody(usual, this.ladder.pain.baseline_max)),
      this.contact(),
      el('div', { class: 'planner-check' },
        el('input', { type: 'checkbox', id, name: id, checked: this.draftGate,
          'aria-invalid': this.errors[id] ? 'true' : null, 'aria-describedby': this.errors[id] ? id + '-error' : null,
          onchange: (e) => { this.draftGate = /** @type {HTMLInputElement} */ (e.target).checked; } }),
        el('label', { for: id, text: T.gateConfirm })),
      this.errorFor(id)
    ];
  }

  /** @param {HTMLFormElement} form */
  onStart(form) {
    const date = field(form, 'pl-start-date').value;
    const usual = field(form, 'pl-usual').value;
    const gate = form.querySelector('#pl-gate');
    this.draftStart = date;
    this.draftUsual = usual;
    this.draftGate = !!gate && /** @type {HTMLInputElement} */ (gate).checked;
    this.errors = {};
    if (!isDate(date)) this.errors['pl-start-date'] = T.startDateError(this.today());
    if (usual === '') this.errors['pl-usual'] = T.usualPainError;
    else if (baselineTooHigh(this.ladder, +usual) && !this.draftGate) this.errors['pl-gate'] = T.gateError;
    const ids = Object.keys(this.errors);
    if (ids.length) {
      this.render();
      this.announce(this.errors[ids[0]], 'error');
      this.focusId(ids[0]);
      return;
    }
    const saved = this.save(newPlan(this.ladder, date, +usual));
    this.draftStart = this.draftUsual = undefined;
    this.draftGate = false;
    this.render();
    const st = this.state();
    this.announce(T.started + (saved ? '' : T.notSavedStart) + this.adviceText(st).join(' '), saved ? 'ok' : 'error');
    this.focusId('pl-today-h');
  }

  /**
   * [headline, detail] for the state's advice.
   * @param {State} st
   * @returns {string[]}
   */
  adviceText(st) {
    const dose = st.sets === null || st.reps === null ? '' : shortDose(st.sets, st.reps);
    const last = st.days.filter((d) => d.outcome !== 'today').pop();
    const lastDate = last ? showDate(last.date) : '';
    /** @returns {string} */
    const reason = () => {
      switch (st.reason) {
        case 'tolerated':
          return st.change === 'same_dose' ? T.reasonToleratedSame : T.reasonTolerated;
        case 'pain':
          return st.change !== 'step_back' ? T.reasonPainSame(lastDate)
            : last && last.pain_run >= 2 ? T.reasonPainAgain(lastDate) : T.reasonPainBack(lastDate);
        case 'missed':
          return T.reasonMissed(lastDate);
        case 'incomplete':
          return st.reason_unanswered ? T.reasonUnanswered(lastDate) : T.reasonIncomplete(lastDate);
        default:
          return '';
      }
    };
    switch (st.advice) {
      case 'stop_today':
        return [T.stopHead, T.stopBody];
      case 'not_started':
        return T.notStarted(showDate(st.start_date), dose);
      case 'start':
        return T.start(dose);
      case 'move_up':
        return [T.moveUp(dose), reason()];
      case 'same_dose':
        return [T.sameDose(dose), reason()];
      case 'step_back':
        return [T.stepBack(dose), reason()];
      case 'next_exercise':
        return [T.nextExercise(st.exercise ? st.exercise.name : '', dose), T.mastered(this.ladder.stages[st.stage - 1].name)];
      case 'finished':
        return T.finished(showDate(st.finished_on || st.today));
      default:
        return ['', ''];
    }
  }

  /**
   * What tomorrow brings, named by what happens to the dose.
   * @param {State} st
   */
  tomorrowText(st) {
    const t = this.state(addDays(st.today, 1));
    if (t.finished || !t.exercise || t.sets === null || t.reps === null) return T.tomorrowFinished;
    const dose = shortDose(t.sets, t.reps);
    switch (t.change) {
      case 'move_up':
        return T.tomorrowUp(dose);
      case 'step_back':
        return T.tomorrowBack(dose);
      case 'next_exercise':
        return T.tomorrowNext(t.exercise.name, dose);
      default:
        return T.tomorrowSame(dose);
    }
  }

  /**
   * One paragraph per alert, then the clinic's contact details once (and, for a severe
   * flare, what to do when the clinic is closed).
   * @param {State} st
   */
  alertsBox(st) {
    if (!st.alerts.length) return null;
    const severe = st.alerts.includes('severe');
    const ooh = this.ladder.clinic.out_of_hours;
    return el('div', { class: 'planner-note planner-warn' + (severe ? ' planner-severe' : ''), id: 'pl-alerts', role: severe ? 'alert' : null },
      st.alerts.flatMap((a) => this.alertText(a, st)),
      this.contact(),
      severe ? el('p', { id: 'pl-out-of-hours', text: ooh ? T.outOfHours(ooh) : T.outOfHoursDefault }) : null);
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
      body = [el('strong', { text: T.baselineAlertHead }), T.baselineAlertBody(st.usual_pain, this.ladder.pain.baseline_max)];
    } else if (kind === 'severe') {
      body = [el('strong', { text: T.severeHead }), T.severeBody(severeRise(this.ladder))];
    } else if (kind === 'days_max') {
      const s = this.ladder.stages[st.stage];
      body = [el('strong', { text: T.daysMaxHead }), T.daysMaxBody(s.name, st.day_on_stage, s.days.min, s.days.max)];
    } else if (kind === 'no_progress') {
      body = [el('strong', { text: T.noProgressHead }), T.noProgressBody(REVIEW_WINDOW_DAYS)];
    } else if (kind === 'step_backs') {
      body = [el('strong', { text: T.stepBacksHead }), T.stepBacksBody(st.recent_pain_days, REVIEW_WINDOW_DAYS)];
    }
    return [el('p', null, body)];
  }

  /**
   * The oldest open "did your pain stay up" question, as a small form.
   * @param {State} st
   */
  renderPending(st) {
    const p = st.pending[0];
    if (!p) return null;
    const name = (this.ladder.stages.find((s) => s.exercise === p.exercise) || { name: '' }).name;
    const what = (p.kind === 'session' ? T.pendingSession(p.session) : T.pendingTest) + (name ? ' (' + name + ')' : '');
    const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-pending-form', novalidate: true },
      el('p', { text: T.pendingWhat(what, showDate(p.date)) }),
      question('pl-pending', stayedUpQuestion(this.ladder), '', { error: this.errors['pl-pending'] }),
      st.pending.length > 1 ? el('p', { class: 'planner-hint', text: T.pendingMore(st.pending.length - 1) }) : null,
      el('button', { type: 'submit', class: 'planner-button' }, T.pendingSave)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.onPending(form, p);
    });
    return el('section', { class: 'planner-card planner-pending', 'aria-labelledby': 'pl-pending-h' },
      el('h3', { id: 'pl-pending-h', text: T.pendingHeading }), form);
  }

  /**
   * @param {HTMLFormElement} form
   * @param {Pending} p
   */
  onPending(form, p) {
    if (!this.plan) return;
    const v = radioValue(form, 'pl-pending');
    this.errors = {};
    if (v !== 'yes' && v !== 'no') {
      this.errors['pl-pending'] = T.pendingError;
      this.render();
      this.announce(T.pendingError, 'error');
      this.focusId('pl-pending');
      return;
    }
    const saved = this.save(withAnswer(this.plan, p, v === 'yes'));
    this.render();
    const st = this.state();
    this.announce(T.pendingSaved + ' ' + this.adviceText(st)[0] + (saved ? '' : T.notSavedDownload), this.kindAfterSave(saved, st), true);
  }

  /**
   * The weekly "usual pain" question.
   * @param {State} st
   */
  renderUsualAgain(st) {
    if (!st.usual_pain_due) return null;
    const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-usual-again-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-usual-again', text: T.usualAgainLabel }),
        el('p', { id: 'pl-usual-again-hint', class: 'planner-hint', text: T.usualPainHint }),
        el('select', this.fieldAttrs('pl-usual-again', { hint: true, required: true }), painOptions('', true)),
        this.errorFor('pl-usual-again')),
      el('button', { type: 'submit', class: 'planner-button' }, T.usualAgainSave)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.onUsualAgain(form);
    });
    return el('section', { class: 'planner-card planner-usual-again', 'aria-labelledby': 'pl-usual-again-h' },
      el('h3', { id: 'pl-usual-again-h', text: T.usualAgainHeading }),
      el('p', { text: T.usualAgainIntro }), form);
  }

  /** @param {HTMLFormElement} form */
  onUsualAgain(form) {
    if (!this.plan) return;
    const v = field(form, 'pl-usual-again').value;
    this.errors = {};
    if (v === '') {
      this.errors['pl-usual-again'] = T.usualPainError;
      this.render();
      this.announce(T.usualPainError, 'error');
      this.focusId('pl-usual-again');
      return;
    }
    const saved = this.save(withUsualPain(this.plan, { date: this.today(), usual_pain: +v }));
    this.render();
    const high = baselineTooHigh(this.ladder, +v);
    this.announce(T.usualAgainSaved(+v) + (saved ? '' : T.notSavedDownload), !saved ? 'error' : high ? 'warn' : 'ok', true);
  }

  /** @param {State} st */
  renderToday(st) {
    const ladder = this.ladder;
    const adv = this.adviceText(st);
    const heading = st.advice === 'not_started' ? T.beforeStart : T.today(showDate(st.today));
    const card = el('section', { class: 'planner-card planner-today', 'aria-labelledby': 'pl-today-h' },
      el('h3', { id: 'pl-today-h', tabindex: '-1', text: heading }));
    if (st.advice !== 'not_started') append(card, el('p', { class: 'planner-meta', text: T.dayOfPlan(st.day_number) }));
    const stop = st.advice === 'stop_today';
    const pacing = stop ? safeHref(ladder.pacing) : null;
    /** @type {string | null} */
    let next = null;
    if (!st.finished && (stop || st.today_complete)) next = (st.today_complete && !stop ? T.doneToday + ' ' : '') + this.tomorrowText(st);
    append(card, el('div', { id: 'pl-advice', class: 'planner-advice planner-advice-' + st.advice },
      el('p', { class: 'planner-advice-head' },
        stop ? el('span', { class: 'planner-advice-mark', 'aria-hidden': 'true', text: '!' }) : null, adv[0]),
      adv[1] ? el('p', { text: adv[1] }) : null,
      pacing ? el('p', null, el('a', { href: pacing }, T.pacingLink)) : null,
      next ? el('p', { class: 'planner-next', id: 'pl-tomorrow', text: next }) : null));
    append(card, this.alertsBox(st));
    const s = st.exercise;
    if (st.finished || !s || st.sets === null || st.reps === null) return card;

    const links = [];
    const url = safeHref(s.url), video = safeHref(s.video);
    if (url) links.push(el('a', { href: url }, T.howTo(s.name)));
    if (video) links.push(el('a', { href: video }, T.video(s.name)));
    append(card,
      el('div', { class: 'planner-exercise' },
        el('p', { class: 'planner-meta', text: T.exerciseOf(st.stage + 1, ladder.stages.length) +
          (st.advice === 'not_started' ? '' : T.dayOnExercise(st.day_on_stage, s.days.min, s.days.max)) }),
        el('p', { class: 'planner-exercise-name', text: s.name }),
        el('p', { class: 'planner-dose' + (stop ? ' planner-dose-stopped' : '') },
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
        skip: T.sessionSkip
      }[x.status];
      const mark = x.status === 'done' ? '\u2713' : x.status === 'pain' || x.status === 'skip' ? '!' : '\u2022';
      list.appendChild(el('li', { class: 'planner-session planner-session-' + x.status },
        el('span', { class: 'planner-session-mark', 'aria-hidden': 'true', text: mark }),
        T.sessionLine(x.session, ladder.times_per_day, text)));
    }
    append(card, el('div', { class: 'planner-today-sessions' }, el('h4', { text: T.todaysSessions }), list));
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
      return T.repsHintBase + (date === today ? T.repsHintToday(dose) : T.repsHintOn(showDate(date), dose));
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
    const date0 = d ? d.date : today;
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
        el('input', this.fieldAttrs('pl-log-date', { type: 'date', value: date0, min: st.start_date, max: today, required: true })),
        this.errorFor('pl-log-date')),
      sessionField,
      question('pl-log-done', T.didSession, d ? d.done : '', { error: this.errors['pl-log-done'] }),
      doneFields,
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
    return el('section', { class: 'planner-card planner-controls', 'aria-labelledby': 'pl-log-h' },
      el('h3', { id: 'pl-log-h', text: T.logHeading }),
      el('p', { class: 'planner-hint', text: T.logReplaceHint }),
      form);
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
    this.draft = { date, session, done: doneV, reps: repsText, rise: riseText, stayed: stayedV };
    this.errors = {};
    if (!isDate(date)) this.errors['pl-log-date'] = T.logDateError;
    else if (date < plan.start_date) this.errors['pl-log-date'] = T.logBeforeStart(showDate(plan.start_date));
    else if (date > today) this.errors['pl-log-date'] = T.logFuture;
    if (doneV === '') this.errors['pl-log-done'] = T.logDoneError;
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
    const saved = this.save(withSession(plan, entry));
    this.draft = null;
    this.render();
    const st = this.state(today);
    let msg = T.savedSession(session, date === today ? T.todayWord : showDate(date));
    if (date !== today || st.advice === 'stop_today') msg += ' ' + this.adviceText(st)[0];
    else if (st.today_complete) {
      const node = document.getElementById('pl-tomorrow');
      if (node) msg += ' ' + node.textContent;
    }
    if (!saved) msg += T.notSavedDownload;
    this.announce(msg, this.kindAfterSave(saved, st), true);
  }

  /**
   * The style of the message after a save: an error when the browser refused it, a
   * warning when the plan now says to stop or contact the clinic, else a success.
   * @param {boolean} saved
   * @param {State} st
   * @returns {'ok' | 'warn' | 'error'}
   */
  kindAfterSave(saved, st) {
    if (!saved) return 'error';
    return st.advice === 'stop_today' || st.alerts.includes('severe') ? 'warn' : 'ok';
  }

  /**
   * @param {State} st
   * @param {string} today
   */
  renderMilestones(st, today) {
    const ladder = this.ladder;
    const ms = st.milestones;
    if (!ms.length) return null;
    const list = el('ul', { class: 'planner-milestones', id: 'pl-milestones' });
    for (const m of ms) {
      const mm = m.milestone;
      const link = safeHref(mm.link);
      if (m.unlocked) {
        list.appendChild(el('li', { class: 'planner-milestone planner-milestone-unlocked' },
          el('p', null, el('strong', { text: T.unlocked }), T.unlockedLine(mm.reps, mm.name, showDate(m.date || today, true))),
          el('p', { text: mm.unlocks }),
          link ? el('p', null, el('a', { href: link }, T.readMore(mm.unlocks))) : null));
      } else {
        list.appendChild(el('li', { class: 'planner-milestone' },
          el('p', null, el('strong', { text: T.notYet }), T.notYetLine(mm.reps, mm.name, ladder.pain.max_rise_during)),
          el('p', { class: 'planner-hint', text: T.unlocks(mm.unlocks) }),
          m.reached ? null : el('p', { class: 'planner-hint', text: T.notReached(mm.name) })));
      }
    }
    /** @type {Map<string, string>} exercise id -> name, of the milestones the patient has reached */
    const exercises = new Map();
    for (const m of ms) if (m.reached && !exercises.has(m.milestone.exercise)) exercises.set(m.milestone.exercise, m.milestone.name);
    const section = el('section', { class: 'planner-card planner-milestones-card', 'aria-labelledby': 'pl-ms-h' },
      el('h3', { id: 'pl-ms-h', text: T.milestones }),
      el('p', { text: T.milestonesIntro }),
      list);
    if (!exercises.size) {
      append(section, el('p', { class: 'planner-hint', text: T.noTestYet }));
      return section;
    }
    const d = this.testDraft;
    const form = /** @type {HTMLFormElement} */ (el('form', { class: 'planner-form', id: 'pl-test-form', novalidate: true },
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-test-exercise', text: T.testExercise }),
        el('select', this.fieldAttrs('pl-test-exercise'), [...exercises].map(([id, name]) =>
          el('option', { value: id, selected: !!d && d.exercise === id }, name)))),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-test-reps', text: T.testReps }),
        el('input', this.fieldAttrs('pl-test-reps', { type: 'number', inputmode: 'numeric', min: '0', max: String(LOG_LIMITS.reps),
          step: '1', value: d ? d.reps : '' })),
        this.errorFor('pl-test-reps')),
      el('div', { class: 'planner-field' },
        el('label', { for: 'pl-test-rise', text: T.testRise }),
        el('select', this.fieldAttrs('pl-test-rise'), painOptions(d ? d.rise : '', true)),
        this.errorFor('pl-test-rise')),
      question('pl-test-stayed', stayedUpQuestion(ladder), d ? d.stayed : '',
        { hint: T.stayedHint, later: true, error: this.errors['pl-test-stayed'] }),
      el('button', { type: 'submit', class: 'planner-button' }, T.saveTest)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.onTest(form, today);
    });
    append(section, el('details', { class: 'planner-controls planner-test', open: this.testOpen || null },
      el('summary', { text: T.logTest }),
      form));
    return section;
  }

  /**
   * @param {HTMLFormElement} form
   * @param {string} today
   */
  onTest(form, today) {
    const plan = this.plan;
    if (!plan) return;
    const exercise = field(form, 'pl-test-exercise').value;
    const repsText = field(form, 'pl-test-reps').value.trim();
    const riseText = field(form, 'pl-test-rise').value;
    const stayedV = /** @type {'' | 'yes' | 'no' | 'later'} */ (radioValue(form, 'pl-test-stayed'));
    this.testDraft = { exercise, reps: repsText, rise: riseText, stayed: stayedV };
    this.testOpen = true;
    this.errors = {};
    const reps = Number(repsText);
    if (repsText === '' || !isInt(reps, 0, LOG_LIMITS.reps)) this.errors['pl-test-reps'] = T.testRepsError(LOG_LIMITS.reps);
    if (riseText === '') this.errors['pl-test-rise'] = T.testRiseError;
    if (stayedV === '') this.errors['pl-test-stayed'] = T.testStayedError;
    const ids = Object.keys(this.errors);
    if (ids.length) {
      this.render();
      this.announce(this.errors[ids[0]], 'error');
      this.focusId(ids[0]);
      return;
    }
    const before = this.state(today).unlocked;
    const saved = this.save(withTest(plan, { date: today, exercise, reps, pain_rise: +riseText, pain_stayed_up: stayedFrom(stayedV) }));
    this.testDraft = null;
    this.render();
    const st = this.state(today);
    const fresh = st.milestones.filter((m) => m.unlocked && before.indexOf(m.index) < 0);
    let msg = T.savedTest;
    msg += fresh.length ? T.milestoneUnlocked(fresh.map((m) => m.milestone.unlocks).join(' ')) : T.noNewMilestone;
    if (st.advice === 'stop_today') msg += ' ' + this.adviceText(st)[0];
    if (!saved) msg += T.notSavedDownload;
    this.announce(msg, this.kindAfterSave(saved, st), true);
  }

  /**
   * The history as a list of days, newest first: readable on a narrow phone without
   * sideways scrolling, pain days marked in words and style.
   * @param {State} st
   */
  renderHistory(st) {
    const ladder = this.ladder;
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
      this.renderChart(st),
      el('p', { class: 'planner-hint', text: T.historyCaption }),
      list);
  }

  /**
   * A small inline SVG chart: reps managed (bars) and highest pain rise (dots) per day.
   * @param {State} st
   */
  renderChart(st) {
    const ladder = this.ladder;
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

  renderData() {
    const sec = el('section', { class: 'planner-card planner-controls planner-data', 'aria-labelledby': 'pl-data-h' },
      el('h3', { id: 'pl-data-h', text: T.data }),
      el('p', { text: T.dataIntro }));
    const buttons = el('div', { class: 'planner-buttons' });
    if (this.plan) {
      buttons.appendChild(el('button', { type: 'button', class: 'planner-button', id: 'pl-export',
        onclick: () => this.onExport() }, T.download));
    }
    append(sec, buttons);
    const file = /** @type {HTMLInputElement} */ (el('input', { type: 'file', id: 'pl-import', accept: 'application/json,.json' }));
    file.addEventListener('change', () => this.onImport(file));
    append(sec, el('div', { class: 'planner-field' },
      el('label', { for: 'pl-import', text: T.importLabel }),
      el('p', { class: 'planner-hint', id: 'pl-import-hint', text: T.importHint }),
      file));
    if (this.plan || this.loadError) {
      append(sec, el('button', { type: 'button', class: 'planner-button planner-danger', id: 'pl-delete',
        onclick: () => {
          this.confirm = { kind: 'delete' };
          this.render();
          this.focusId('pl-confirm-text');
        } }, T.deleteButton));
    }
    if (this.confirm) append(sec, this.renderConfirm(this.confirm));
    return sec;
  }

  /** @param {Confirm} c */
  renderConfirm(c) {
    const n = this.plan ? this.plan.sessions.length : 0;
    const text = c.kind === 'delete' ? T.confirmDelete(n)
      : T.confirmReplace(n, c.plan.sessions.length, showDate(c.plan.start_date));
    const yes = c.kind === 'delete' ? T.confirmDeleteYes : T.confirmReplaceYes;
    return el('div', { class: 'planner-confirm', role: 'group', 'aria-labelledby': 'pl-confirm-text' },
      el('p', { id: 'pl-confirm-text', tabindex: '-1', text }),
      el('div', { class: 'planner-buttons' },
        el('button', { type: 'button', class: 'planner-button planner-danger', id: 'pl-confirm-yes',
          onclick: () => this.onConfirm(c) }, yes),
        el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-confirm-no',
          onclick: () => {
            this.confirm = null;
            this.render();
            this.announce(c.kind === 'delete' ? T.nothingDeleted : T.nothingImported, 'info');
            this.focusId(c.kind === 'delete' ? 'pl-delete' : 'pl-import');
          } }, T.cancel)));
  }

  /** @param {Confirm} c */
  onConfirm(c) {
    this.confirm = null;
    if (c.kind === 'delete') {
      const ok = this.save(null);
      this.loadError = null;
      this.errors = {};
      this.draft = this.testDraft = null;
      this.render();
      this.announce(ok ? T.deleted : T.notDeleted, ok ? 'ok' : 'error', true);
    } else {
      this.applyImport(c.plan);
    }
  }

  /** @param {Plan} plan */
  applyImport(plan) {
    this.loadError = null;
    const saved = this.save(plan);
    this.render();
    this.announce(T.imported(showDate(plan.start_date), plan.sessions.length) + (saved ? '' : T.notSavedShort),
      saved ? 'ok' : 'error', true);
  }

  exportName() {
    return 'sinew-planner-' + this.ladder.id + '-' + this.today() + '.json';
  }

  onExport() {
    storage.download(this.exportName(), JSON.stringify(this.plan, null, 2) + '\n');
    this.announce(T.exported(this.exportName()), 'ok');
  }

  /** @param {HTMLInputElement} input */
  async onImport(input) {
    const f = input.files && input.files[0];
    if (!f) return;
    /** @param {string} msg */
    const fail = (msg) => {
      input.value = '';
      this.announce(T.importFailed(msg), 'error', true);
    };
    const r = await storage.readFile(f, LOG_LIMITS.import_bytes);
    if (!r.ok) return fail(r.reason === 'too_big' ? T.importTooBig : T.importUnreadable);
    let data;
    try {
      data = JSON.parse(r.text);
    } catch {
      return fail(T.importNotJson);
    }
    // As the log form would: nothing dated after today.
    const v = validatePlan(data, this.ladder, { today: this.today() });
    if (!v.ok) return fail(v.errors.join(' '));
    input.value = '';
    if (this.plan && (this.plan.sessions.length || this.plan.tests.length)) {
      this.confirm = { kind: 'import', plan: v.plan };
      this.render();
      this.announce(T.checkBeforeReplace, 'info');
      this.focusId('pl-confirm-text');
    } else {
      this.applyImport(v.plan);
    }
  }
}
