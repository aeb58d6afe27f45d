// @ts-check
/**
 * The planner's "Your data" card: download, import (with a confirmation before
 * replacing a plan) and delete. The files themselves go through storage.js.
 * @module
 */
import { append, el } from './dom.js';
import { LOG_LIMITS } from './limits.js';
import { validatePlan } from './plan.js';
import * as storage from './storage.js';
import { toCsv } from './record.js';
import { R, T } from './strings.js';
import { showDate } from './widgets.js';

/** @typedef {import('./view.js').Planner} Planner */
/** @typedef {import('./engine.js').State} State */
/** @typedef {import('./plan.js').Plan} Plan */
/** @typedef {import('./view.js').Confirm} Confirm */

/** @param {Planner} app */
export function renderData(app) {
  const sec = el('section', { class: 'planner-card planner-controls planner-data', 'aria-labelledby': 'pl-data-h' },
    el('h3', { id: 'pl-data-h', text: T.data }),
    el('p', { text: T.dataIntro }));
  const buttons = el('div', { class: 'planner-buttons' });
  if (app.plan) {
    buttons.appendChild(el('button', { type: 'button', class: 'planner-button', id: 'pl-export',
      onclick: () => onExport(app) }, T.download));
    buttons.appendChild(el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-export-csv',
      onclick: () => onExportCsv(app) }, R.downloadCsv));
  }
  append(sec, buttons);
  const file = /** @type {HTMLInputElement} */ (el('input', { type: 'file', id: 'pl-import', accept: 'application/json,.json' }));
  file.addEventListener('change', () => onImport(app, file));
  append(sec, el('div', { class: 'planner-field' },
    el('label', { for: 'pl-import', text: T.importLabel }),
    el('p', { class: 'planner-hint', id: 'pl-import-hint', text: T.importHint }),
    file));
  if (app.plan || app.loadError) {
    append(sec, el('button', { type: 'button', class: 'planner-button planner-danger', id: 'pl-delete',
      onclick: () => {
        app.confirm = { kind: 'delete' };
        app.render();
        app.focusId('pl-confirm-text');
      } }, T.deleteButton));
  }
  if (app.confirm) append(sec, renderConfirm(app, app.confirm));
  return sec;
}

/**
 * @param {Planner} app
 * @param {Confirm} c */
export function renderConfirm(app, c) {
  const n = app.plan ? app.plan.sessions.length : 0;
  const text = c.kind === 'delete' ? T.confirmDelete(n)
    : T.confirmReplace(n, c.plan.sessions.length, showDate(c.plan.start_date));
  const yes = c.kind === 'delete' ? T.confirmDeleteYes : T.confirmReplaceYes;
  return el('div', { class: 'planner-confirm', role: 'group', 'aria-labelledby': 'pl-confirm-text' },
    el('p', { id: 'pl-confirm-text', tabindex: '-1', text }),
    el('div', { class: 'planner-buttons' },
      el('button', { type: 'button', class: 'planner-button planner-danger', id: 'pl-confirm-yes',
        onclick: () => onConfirm(app, c) }, yes),
      el('button', { type: 'button', class: 'planner-button planner-secondary', id: 'pl-confirm-no',
        onclick: () => {
          app.confirm = null;
          app.render();
          app.announce(c.kind === 'delete' ? T.nothingDeleted : T.nothingImported, 'info');
          app.focusId(c.kind === 'delete' ? 'pl-delete' : 'pl-import');
        } }, T.cancel)));
}

/**
 * @param {Planner} app
 * @param {Confirm} c */
export function onConfirm(app, c) {
  app.confirm = null;
  if (c.kind === 'delete') {
    const ok = app.save(null);
    app.loadError = null;
    app.errors = {};
    app.draft = app.testDraft = null;
    app.render();
    app.announce(ok ? T.deleted : T.notDeleted, ok ? 'ok' : 'error', true);
  } else {
    applyImport(app, c.plan);
  }
}

/**
 * @param {Planner} app
 * @param {Plan} plan */
export function applyImport(app, plan) {
  app.loadError = null;
  const saved = app.save(plan);
  app.render();
  const st = app.state();
  const ahead = st.ahead_entries && st.ahead_last ? ' ' + T.aheadKept(st.ahead_entries, showDate(st.ahead_last)) : '';
  app.announce(T.imported(showDate(plan.start_date), plan.sessions.length) + ahead + (saved ? '' : T.notSavedShort),
    saved ? 'ok' : 'error', true);
}

/** @param {Planner} app */
export function exportName(app) {
  return 'sinew-planner-' + app.ladder.id + '-' + app.today() + '.json';
}

/** @param {Planner} app */
export function onExport(app) {
  storage.download(exportName(app), JSON.stringify(app.plan, null, 2) + '\n');
  app.noteDownload();
  app.announce(T.exported(exportName(app)), 'ok');
}

/** @param {Planner} app */
export function onExportCsv(app) {
  if (!app.plan) return;
  const name = 'sinew-planner-' + app.ladder.id + '-' + app.today() + '.csv';
  // A spreadsheet cannot be imported back, so it does not count as a kept copy.
  storage.download(name, toCsv(app.ladder, app.state()), 'text/csv');
  app.announce(R.exportedCsv(name), 'ok');
}

/**
 * @param {Planner} app
 * @param {HTMLInputElement} input */
export async function onImport(app, input) {
  const f = input.files && input.files[0];
  if (!f) return;
  /** @param {string} msg */
  const fail = (msg) => {
    input.value = '';
    app.announce(T.importFailed(msg), 'error', true);
  };
  const r = await storage.readFile(f, LOG_LIMITS.import_bytes);
  if (!r.ok) return fail(r.reason === 'too_big' ? T.importTooBig : T.importUnreadable);
  let data;
  try {
    data = JSON.parse(r.text);
  } catch {
    return fail(T.importNotJson);
  }
  // Entries dated after this device's today are kept (another phone's clock or time
  // zone): a patient's data is never lost; the engine counts them from their own date.
  const v = validatePlan(data, app.ladder);
  if (!v.ok) return fail(v.errors.join(' '));
  input.value = '';
  if (app.plan && (app.plan.sessions.length || app.plan.tests.length)) {
    app.confirm = { kind: 'import', plan: v.plan };
    app.render();
    app.announce(T.checkBeforeReplace, 'info');
    app.focusId('pl-confirm-text');
  } else {
    applyImport(app, v.plan);
  }
}
