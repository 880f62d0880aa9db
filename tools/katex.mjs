// Render TeX to HTML at site build time with the pinned KaTeX from node_modules, so lesson
// pages ship KaTeX's CSS and fonts but no math JavaScript.
// stdin: JSON [[tex, displayMode], ...]  →  stdout: JSON [{html} or {error}, ...]
import { readFileSync } from "node:fs";
import katex from "katex";

const items = JSON.parse(readFileSync(0, "utf8"));
const rendered = items.map(([tex, displayMode]) => {
  try {
    return { html: katex.renderToString(tex, { displayMode, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    return { error: error.message };
  }
});
process.stdout.write(JSON.stringify(rendered));
