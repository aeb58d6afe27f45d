// @ts-check
// The exercise finder on the list of exercises: ticking body regions and equipment
// hides the exercises that do not match, in place. Several boxes combine (any ticked
// region, and any ticked piece of equipment), and the address keeps the choice
// (`?region=hamstring&equipment=none`) so it can be shared and survives a reload.
// Without JavaScript the form stays hidden and the page lists every exercise by body
// region and by equipment.
//
// Words a patient reads are in the template (data-* on #finder-status), not here.

const form = /** @type {HTMLFormElement | null} */ (document.getElementById('finder'));
const status = /** @type {HTMLElement | null} */ (document.getElementById('finder-status'));
const FILTERS = ['region', 'equipment'];

/**
 * A message from the template, with `{n}` filled in.
 * @param {HTMLElement} el
 * @param {string} key
 * @param {number} n
 */
function say(el, key, n) {
  return (el.dataset[key] || '').split('{n}').join(String(n));
}

/**
 * The ticked values of one filter.
 * @param {HTMLFormElement} f
 * @param {string} name
 */
function ticked(f, name) {
  return [...f.querySelectorAll(`input[name="${name}"]`)]
    .map((i) => /** @type {HTMLInputElement} */ (i))
    .filter((i) => i.checked)
    .map((i) => i.value);
}

/**
 * Shows what matches the ticked boxes and puts them in the address.
 * @param {HTMLFormElement} f
 * @param {HTMLElement} out
 */
function apply(f, out) {
  /** @type {Record<string, string[]>} */
  const chosen = {};
  for (const name of FILTERS) chosen[name] = ticked(f, name);
  /** @type {Set<string>} */
  const shown = new Set();
  /** @type {Set<string>} */
  const all = new Set();
  for (const el of document.querySelectorAll('[data-region][data-equipment]')) {
    const item = /** @type {HTMLElement} */ (el);
    const fits = FILTERS.every((name) => {
      const want = chosen[name];
      const has = (item.dataset[name] || '').split(' ');
      return want.length === 0 || want.some((v) => has.includes(v));
    });
    item.hidden = !fits;
    const href = item.querySelector('a')?.getAttribute('href') || '';
    all.add(href);
    if (fits) shown.add(href);
  }
  for (const g of document.querySelectorAll('.finder-group')) {
    /** @type {HTMLElement} */ (g).hidden = !g.querySelector('[data-region]:not([hidden])');
  }
  const filtering = FILTERS.some((name) => chosen[name].length > 0);
  const n = shown.size;
  out.textContent = !filtering
    ? say(out, 'all', all.size)
    : say(out, n === 0 ? 'none' : n === 1 ? 'one' : 'many', n);
  const url = new URL(location.href);
  for (const name of FILTERS) {
    url.searchParams.delete(name);
    for (const v of chosen[name]) url.searchParams.append(name, v);
  }
  history.replaceState(null, '', url);
}

if (form && status) {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const want = params.getAll(name);
    for (const el of form.querySelectorAll(`input[name="${name}"]`)) {
      const box = /** @type {HTMLInputElement} */ (el);
      box.checked = want.includes(box.value);
    }
  }
  form.hidden = false;
  form.addEventListener('change', () => apply(form, status));
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    for (const el of form.querySelectorAll('input[type="checkbox"]')) {
      /** @type {HTMLInputElement} */ (el).checked = false;
    }
    apply(form, status);
  });
  apply(form, status);
}

// An ES module (loaded with type="module"): its names stay its own.
export {};
