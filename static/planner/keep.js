// @ts-check
/**
 * The "Keep your plan safe" card: whether the browser agreed to keep the plan
 * (`navigator.storage.persist()`, asked by the app), when the data was last downloaded
 * and a reminder after DOWNLOAD_REMINDER_DAYS, the iPhone and iPad advice about the Home
 * Screen, whether the plan works offline, the "My progress" summary, and the calendar
 * reminders. Words from strings.js; files through storage.js and record.js.
 * @module
 */
import { daysBetween } from './dates.js';
import { el } from './dom.js';
import { lastReminderDay, REMINDER_TIMES, toIcs } from './record.js';
import * as storage from './storage.js';
import { R } from './strings.js';
import { showDate } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */
/** @typedef {import('./engine.js').State} State */

/**
 * Days after the last download (or after the start, when there was none) from which the
 * card reminds the patient to download a copy; it also reminds when the last download is
 * dated after today. docs/planner.md says the same.
 */
export const DOWNLOAD_REMINDER_DAYS = 14;

/**
 * Whether this is Safari on an iPhone or iPad, outside a Home Screen app: the browser
 * that deletes a site's storage after 7 days of use without a visit.
 * @param {Navigator} nav
 */
export function isIosSafari(nav) {
  const ua = nav.userAgent || '';
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && nav.maxTouchPoints > 1);
  const standalone = /** @type {{ standalone?: boolean }} */ (/** @type {unknown} */ (nav)).standalone === true;
  return ios && !standalone;
}

/**
 * @param {Planner} app
 * @param {State} st
 */
export function renderKeep(app, st) {
  const today = st.today;
  const last = app.lastDownload();
  const since = last ? daysBetween(last, today) : daysBetween(st.start_date, today);
  // A last download dated after today means a device's date was wrong on one of the two
  // days: how long ago it really was cannot be told, so the card reminds (the safer choice).
  const remind = since >= DOWNLOAD_REMINDER_DAYS || since < 0;
  const sec = el('section', { class: 'planner-card planner-keep', 'aria-labelledby': 'pl-keep-h' },
    el('h3', { id: 'pl-keep-h', text: R.keepHeading }),
    el('p', { id: 'pl-persist', text: app.persisted === true ? R.persisted : app.persisted === false ? R.notPersisted : '' }),
    el('p', { id: 'pl-last-download', text: last ? R.lastDownloaded(showDate(last, true)) : R.neverDownloaded }),
    remind ? el('p', { class: 'planner-note planner-warn', id: 'pl-download-reminder', text: R.downloadReminder(DOWNLOAD_REMINDER_DAYS) }) : null,
    isIosSafari(navigator) ? el('div', { class: 'planner-note', id: 'pl-ios' }, el('p', { text: R.iosAdvice }), el('p', { text: R.iosImport })) : null,
    el('p', { id: 'pl-offline', role: 'status', text: app.offline === true ? R.offlineReady : app.offline === false ? R.offlineNo : '' }),
    el('p', null, el('a', { href: app.summaryUrl(), id: 'pl-summary-link' }, R.summaryLink)));
  const plan = app.plan;
  if (!plan) return sec;
  const times = REMINDER_TIMES[app.ladder.times_per_day - 1].slice();
  sec.appendChild(el('h4', { id: 'pl-remind-h', text: R.remindHeading }));
  sec.appendChild(el('p', { text: R.remindIntro(times, showDate(lastReminderDay(app.ladder, plan), true)) }));
  sec.appendChild(el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-remind',
    onclick: () => {
      const name = 'reminders-' + app.ladder.id + '.ics';
      const text = toIcs(app.ladder, plan, { pageUrl: app.pageUrl(), title: app.ladder.title || app.ladder.id,
        host: location.hostname, stamp: app.now() });
      storage.download(name, text, 'text/calendar');
      app.announce(R.remindSaved(name), 'ok');
    } }, R.remindButton));
  return sec;
}
