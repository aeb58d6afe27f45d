// @ts-check
/**
 * Where the patient's plan is kept: this browser's localStorage, and files the patient
 * downloads and imports. A thin adapter: it moves text and JSON, and knows nothing of
 * plans or rules. Every function reports failure instead of throwing, because a browser
 * may refuse storage (private windows, full disks, settings).
 * @module
 */

/** @returns {Storage | null} */
function store() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The outcome of reading a key.
 * @typedef {{ ok: true, text: string | null } | { ok: false }} Read
 */

/**
 * The text stored under `key` (null when there is none), or `{ok: false}` when the
 * browser refuses to read its storage.
 * @param {string} key
 * @returns {Read}
 */
export function get(key) {
  const s = store();
  if (!s) return { ok: false };
  try {
    return { ok: true, text: s.getItem(key) };
  } catch {
    return { ok: false };
  }
}

/**
 * Store `text` under `key`. Returns false when the browser refuses.
 * @param {string} key
 * @param {string} text
 */
export function set(key, text) {
  const s = store();
  try {
    if (!s) return false;
    s.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Remove `key`. Returns false when the browser refuses.
 * @param {string} key
 */
export function del(key) {
  const s = store();
  try {
    if (!s) return false;
    s.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Call `fn` when another window of this site changes `key`.
 * @param {string} key
 * @param {() => void} fn
 */
export function onChange(key, fn) {
  window.addEventListener('storage', (e) => {
    if (e.key === key) fn();
  });
}

/**
 * Offer `text` to the patient as a downloaded file called `name`, of media type `type`
 * (`text/calendar` for reminders: the type iPhone's Safari opens in Calendar).
 * @param {string} name
 * @param {string} text
 * @param {string} [type] default `application/json`
 */
export function download(name, text, type) {
  const blob = new Blob([text], { type: type || 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.className = 'planner-hidden-link';
  a.textContent = name;
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  // The download has started; the address can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * Read a file the patient chose, as text, refusing files over `maxBytes`.
 * @param {File} file
 * @param {number} maxBytes
 * @returns {Promise<{ ok: true, text: string } | { ok: false, reason: 'too_big' | 'unreadable' }>}
 */
export function readFile(file, maxBytes) {
  if (file.size > maxBytes) return Promise.resolve({ ok: false, reason: 'too_big' });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onerror = () => resolve({ ok: false, reason: 'unreadable' });
    reader.onload = () => resolve({ ok: true, text: String(reader.result) });
    reader.readAsText(file);
  });
}

/**
 * Ask the browser to keep this site's storage rather than clear it when space runs low
 * or the site goes unvisited (`navigator.storage.persist()`). Resolves to whether the
 * storage is kept, or null when the browser cannot say.
 * @returns {Promise<boolean | null>}
 */
export async function persist() {
  const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!s || typeof s.persist !== 'function') return null;
  try {
    if (typeof s.persisted === 'function' && (await s.persisted())) return true;
    return await s.persist();
  } catch {
    return null;
  }
}
