// @ts-check
// The search page's results: a small view over Pagefind's browser API (pagefind.js,
// built with the site). Only the search page loads it. Without JavaScript the page's
// form still works and the A-Z list below it stays the way to every page.
//
// Words a patient reads are in the template (data-* on #search-status), not here.

/**
 * @typedef {{ url: string, excerpt: string, meta: { title?: string } }} ResultData
 * @typedef {{ id: string, data: () => Promise<ResultData> }} Result
 * @typedef {{ results: Result[] }} SearchResponse
 * @typedef {{ search: (q: string) => Promise<SearchResponse | null>,
 *             preload: (q: string) => Promise<void>,
 *             options: (o: object) => Promise<void> }} Pagefind
 */

// Each result shown costs one request (its page's fragment: title, address, snippet), so
// a search loads the few results a phone's first screen shows, and more on request.
const FIRST = 5;
const PAGE_SIZE = 10;

const form = /** @type {HTMLFormElement} */ (document.querySelector('form.search-form'));
const input = /** @type {HTMLInputElement} */ (form.querySelector('input[name="q"]'));
const status = /** @type {HTMLElement} */ (document.getElementById('search-status'));
const list = /** @type {HTMLOListElement} */ (document.getElementById('search-results'));

/**
 * A message from the template, with `{q}` and `{n}` filled in.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
function say(key, vars = {}) {
  let s = status.dataset[key] || '';
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** @type {Promise<Pagefind> | null} */
let loading = null;
function pagefind() {
  if (!loading) {
    loading = import(/* webpackIgnore: true */ form.dataset.index || '').then(async (pf) => {
      // `noWorker`: Pagefind searches on this page, not in its web worker. Its worker
      // hands every result of a search back to the page (thousands at a big site, most
      // never shown) and each result's text one message at a time: on the page a search
      // takes about a third less CPU at 10,000 pages (bench/RESULTS.md).
      await pf.options({ excerptLength: 24, noWorker: true });
      return pf;
    });
  }
  return loading;
}

/**
 * Pagefind's excerpt as nodes: its text, with only its <mark> elements kept, so no
 * markup from a page can reach this one.
 * @param {string} excerpt
 */
function excerptNodes(excerpt) {
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  /** @type {Node[]} */
  const out = [];
  for (const n of doc.body.firstChild ? doc.body.firstChild.childNodes : []) {
    if (n.nodeName === 'MARK') {
      const m = document.createElement('mark');
      m.textContent = n.textContent;
      out.push(m);
    } else {
      out.push(document.createTextNode(n.textContent || ''));
    }
  }
  return out;
}

/** @param {ResultData} r */
function resultItem(r) {
  const li = document.createElement('li');
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = r.url;
  a.textContent = r.meta.title || r.url;
  h.append(a);
  const p = document.createElement('p');
  p.append(...excerptNodes(r.excerpt));
  li.append(h, p);
  return li;
}

/** The language's stop words ("the", "de"), from the language's string table. */
const stopWords = new Set((form.dataset.stopWords || '').split(' ').filter(Boolean));

/**
 * The query without its stop words, so "the knee" ranks the pages about the knee first.
 * A query of stop words only is kept whole, and so is a quoted phrase ("in the knee"),
 * which Pagefind matches word for word.
 * @param {string} query
 */
function withoutStopWords(query) {
  if (query.includes('"')) return query;
  const words = query.split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !stopWords.has(w.toLocaleLowerCase().replace(/[’]/g, "'")));
  return kept.length ? kept.join(' ') : query;
}

let latest = 0;
/** @type {Result[]} */
let pending = [];

/**
 * Shows the next `n` results, and a button for more while there are any.
 * @param {number} n
 */
async function showMore(n) {
  const batch = pending.splice(0, n);
  const data = await Promise.all(batch.map((r) => r.data()));
  list.querySelector('li.more')?.remove();
  list.append(...data.map(resultItem));
  if (pending.length) {
    const li = document.createElement('li');
    li.className = 'more';
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = say('more');
    b.addEventListener('click', () => {
      const next = list.children.length - 1;
      showMore(PAGE_SIZE).then(() => {
        const a = list.children[next]?.querySelector('a');
        if (a) a.focus();
      });
    });
    li.append(b);
    list.append(li);
  }
}

/**
 * Searches for `q` and shows the results; an older search finishing later is dropped.
 * @param {string} q
 */
async function run(q) {
  const mine = ++latest;
  const query = q.trim();
  // The address keeps the words (a reload or a shared link searches them again). It is
  // changed once the results are shown: `replaceState` took about a tenth of a search's
  // time on the page at 10,000 pages (bench/RESULTS.md).
  const remember = () => {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  };
  if (!query) {
    remember();
    list.hidden = true;
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  list.setAttribute('aria-busy', 'true');
  try {
    const pf = await pagefind();
    const found = await pf.search(withoutStopWords(query));
    if (mine !== latest || !found) return;
    pending = found.results.slice();
    list.replaceChildren();
    await showMore(FIRST);
    if (mine !== latest) return;
    const n = found.results.length;
    list.hidden = n === 0;
    status.textContent = say(n === 0 ? 'none' : n === 1 ? 'one' : 'many', { q: query, n });
  } catch (e) {
    if (mine !== latest) return;
    list.hidden = true;
    status.textContent = say('failed');
    console.error(e);
  } finally {
    if (mine === latest) {
      list.removeAttribute('aria-busy');
      remember();
    }
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let typing;
input.addEventListener('input', () => {
  clearTimeout(typing);
  // Fetch the index chunks for the words typed so far during the pause, so the search
  // itself finds them loaded.
  const q = withoutStopWords(input.value.trim());
  if (q) pagefind().then((pf) => pf.preload(q)).catch(() => {});
  // Wait for a pause in typing, so a screen reader is not told a count per key.
  typing = setTimeout(() => run(input.value), 250);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(typing);
  run(input.value);
});

const start = new URLSearchParams(location.search).get('q') || '';
if (start) {
  input.value = start;
  run(start);
}

// An ES module (loaded with type="module"): its names stay its own.
export {};
