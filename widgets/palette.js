// The light/dark switch in the header, inlined right after it (course/pages/theme/), in place of
// Material's palette component. Material's does the same job from its bundle once the whole
// page is parsed: it marks <body> so that every element drops its transitions, then reads the
// header's computed colours twice with a <meta name="color-scheme"> changed in between. On a
// lesson each of those is a style recalculation of all its ~2,500 elements, 120–300 ms on a phone
// (bench/layout.py), paid on every page open. Here the same work runs while only the header
// exists, so it costs nothing; a click restyles the page once, as it must.
// The choice is kept where Material keeps it (__md_set("__palette")), in its shape.
(() => {
  const form = document.currentScript.previousElementSibling;
  // Material includes this script even for a site with no switch (no `palette` list).
  if (!(form instanceof HTMLFormElement)) return;
  const inputs = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll("input.md-option")]);
  if (!inputs.length) return;
  const header = form.closest("header");
  const meta = (/** @type {string} */ name) => {
    const found = document.head.querySelector(`meta[name="${name}"]`) ?? document.createElement("meta");
    if (!found.parentNode) document.head.append(Object.assign(found, { name }));
    return /** @type {HTMLMetaElement} */ (found);
  };

  const show = (/** @type {number} */ index) => {
    const input = inputs[index];
    const color = {};
    for (const key of ["media", "scheme", "primary", "accent"]) {
      color[key] = input.getAttribute(`data-md-color-${key}`);
      document.body.setAttribute(`data-md-color-${key}`, color[key]);
    }
    input.checked = true;
    inputs.forEach((other, i) => {
      const label = other.nextElementSibling;  // an option without a toggle has none
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
    // The page's own colour scheme (scrollbars, form controls) and the phone's address bar.
    const style = getComputedStyle(header);
    meta("color-scheme").content = style.colorScheme;
    meta("theme-color").content = style.backgroundColor;
    return color;
  };

  let saved = null;
  try { saved = __md_get("__palette"); } catch { /* storage blocked or unreadable: as never chosen */ }
  const first = Number.isInteger(saved?.index) ? saved.index
    : inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches);
  show(Math.min(Math.max(first, 0), inputs.length - 1));

  const choose = (/** @type {number} */ index) => {
    document.body.setAttribute("data-md-color-switching", "");  // no colour transitions: one switch
    __md_set("__palette", { index, color: show(index) });
    requestAnimationFrame(() => document.body.removeAttribute("data-md-color-switching"));
  };
  form.addEventListener("change", (event) => choose(inputs.indexOf(/** @type {HTMLInputElement} */ (event.target))));
  form.addEventListener("keydown", (event) => {  // Enter on the switch flips it, as in Material
    if (event.key !== "Enter" || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    const next = inputs[(inputs.indexOf(event.target) + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
