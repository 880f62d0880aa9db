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
//    here, before the body exists, it restyles nothing, and Material then leaves these alone.
{ // a block: its names stay out of the globals every classic script shares
  document.documentElement.classList.replace("no-js", "js");
  document.documentElement.classList.add("js-focus-visible");
  document.documentElement.setAttribute("data-js-focus-visible", "");
  /** @type {NodeListOf<HTMLLinkElement>} */
  const sheets = document.head.querySelectorAll("link[rel=stylesheet]");
  for (const link of sheets) { // relative addresses only, as Material's rewrite (`vi`) picks them
    if (!/^(?:[a-z]+:)?\/\//i.test(link.getAttribute("href") || "//")) link.href = link.href;
  }
}
