// Inlined at the top of every page's <head> (course/pages/plugin.py): JavaScript runs, so the page
// is laid out for it from the first paint (Material itself switches the class only when its
// bundle runs, at the end of the page; the parts of exercises and questions that need
// JavaScript would then appear, and everything below them move).
document.documentElement.classList.replace("no-js", "js");
