// The parts of one exercise on the page. The build writes all of them, laid out as they are once
// mounted (course/pages/embeds.py), so mounting moves nothing; each has a data-part name. Nothing
// here has behaviour: mount.js wires it.

/**
 * @param {HTMLElement} root  the exercise's <section>
 * @returns {Object<string, any>} {draft, badge, run, check, stop, reset, hint, solution, retry,
 *   progress, statusText, hints, output, solutionBox, editorBox, starterNotice, storageNotice,
 *   syncNotice}
 */
export function findParts(root) {
  const parts = {};
  for (const node of root.querySelectorAll("[data-part]")) parts[node.getAttribute("data-part")] = node;
  return parts;
}
