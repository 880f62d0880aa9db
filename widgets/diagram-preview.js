// Inlined just before a diagram that has no drawing yet (course/pages/plugin.py; one just
// written, seen in `make serve`): a reader's page never has one, since a strict build fails
// while one is missing. Material draws such a diagram through a global `mermaid`, fetched from
// a CDN if there is none; this stands in for it with the copy shipped in the site, loaded when
// Material first asks. In the page's body, so instant navigation runs it again on each swap.
window.mermaid ??= (() => {
  let settings = {};
  let library = null;
  return {
    initialize(options) { settings = options; },
    async render(id, text) {
      library ??= new Promise((resolve, reject) => {
        const { root } = JSON.parse(document.getElementById("course-page")?.textContent || "{}");
        const script = document.createElement("script");
        script.src = new URL(`${root ?? ""}assets/vendor/mermaid/mermaid.min.js`, location.href).href;
        script.onload = () => resolve(window.mermaid); // the library, now in place of this one
        script.onerror = () => reject(new Error("could not load the diagram library"));
        document.head.append(script);
      });
      const mermaid = /** @type {any} */ (await library);
      mermaid.initialize(settings);
      return mermaid.render(id, text);
    },
  };
})();
