// Inlined at the end of every page's <head> (course/pages/plugin.py), after its stylesheets,
// while nothing is styled yet. Each step spares a lesson a restyle of all its elements later
// (120–300 ms each on a phone, found with bench/layout.py):
// 1. JavaScript runs, so the page is laid out for it from the first paint (Material itself
//    switches the class only when its bundle runs, at the end of the page; the parts of exercises
//    and questions that need JavaScript would then appear, and everything below them move);
// 2. the marks the focus-visible polyfill in Material's bundle puts on <html> are put there
//    first, so the polyfill changes nothing: on a styled page, Chromium restyles every element
//    when they change;
// 3. Material's instant navigation rewrites every relative address in the page as absolute
//    (`element.href = element.href`) when its bundle starts; for a stylesheet's <link> that makes
//    Chromium load the sheet again (from memory, no request) and restyle the whole page. Done
//    here, before the body exists, it restyles nothing, and Material then leaves these alone;
// 4. course.css lets the browser skip styling and laying out the blocks of a page far from the
//    view (content-visibility), guessing their height until they come near. An offset restored
//    by a reload or by Back (Material keeps one per history entry) means another place when the
//    blocks above it are guessed (a reload landed 103 px off in a test), and so may a jump in a
//    browser without scroll anchoring: so a #fragment, a click on a link to one (the offset saved
//    for Back is then that of the laid-out page), Back and Forward, and a reload each mark <html>
//    `course-laid-out` (every block laid out), until instant navigation brings a page without a
//    fragment.
{ // a block: its names stay out of the globals every classic script shares
  const root = document.documentElement;
  root.classList.replace("no-js", "js");
  root.classList.add("js-focus-visible");
  root.setAttribute("data-js-focus-visible", "");
  /** @type {NodeListOf<HTMLLinkElement>} */
  const sheets = document.head.querySelectorAll("link[rel=stylesheet]");
  for (const link of sheets) { // relative addresses only, as Material's rewrite (`vi`) picks them
    if (!/^(?:[a-z]+:)?\/\//i.test(link.getAttribute("href") || "//")) link.href = link.href;
  }
  const opened = /** @type {PerformanceNavigationTiming|undefined} */ (performance.getEntriesByType("navigation")[0]);
  let keep = location.hash !== "" || (opened?.type ?? "navigate") !== "navigate"; // back/forward, reload
  const layOut = () => root.classList.add("course-laid-out");
  if (keep) layOut();
  addEventListener("click", (event) => { // before Material's handler and the browser's jump
    if (event.target instanceof Element && event.target.closest("a[href*='#']")) layOut();
  }, true);
  addEventListener("hashchange", layOut);
  addEventListener("popstate", () => { keep = true; layOut(); }); // Material restores the offset
  addEventListener("DOMContentLoaded", () => window.document$?.subscribe(() => {
    root.classList.toggle("course-laid-out", keep || location.hash !== "");
    keep = false;
  }));
}
