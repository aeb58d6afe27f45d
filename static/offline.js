// @ts-check
// Offline use from every page: registers the site's service worker (`sw.js`, made by the
// build, beside this file at the top of the site) so that a page a patient opened opens
// again with no connection, and a page never opened says so plainly with the clinic's
// phone instead of the browser's error. The first page opened is not yet seen by the
// worker, so it is asked to keep that one page and its own files; after that the worker
// keeps each page as it is opened. What is kept, and how much: src/render/sw.js and
// docs/planner.md, "Offline use". The page itself makes no request.

if ('serviceWorker' in navigator) {
  const top = new URL('./', import.meta.url);
  // Whether the worker saw this page's own request: read before registering, since a
  // new worker takes control of the page (clients.claim) as soon as it runs, without
  // having seen it.
  const seen = !!navigator.serviceWorker.controller;
  navigator.serviceWorker
    .register(new URL('sw.js', top).pathname, { scope: top.pathname })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      if (seen || !reg.active) return;
      /** @type {Set<string>} */
      const urls = new Set([location.pathname]);
      for (const n of document.querySelectorAll('link[rel="stylesheet"]:not([media="print"]), link[rel="icon"], script[src]')) {
        const u = n.getAttribute('href') || n.getAttribute('src');
        if (u) urls.add(new URL(u, location.href).pathname);
      }
      reg.active.postMessage({ type: 'visited', urls: [...urls] });
    })
    // No worker (a private window, storage turned off, the file missing): the page
    // works as before, online only.
    .catch(() => {});
}
