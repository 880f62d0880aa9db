// Typesets TeX with the pinned KaTeX from node_modules at site build time, so lesson pages ship
// KaTeX's CSS and fonts but no math JavaScript. One process serves the whole build
// (course/pages/math.py starts it once): each line on stdin is a JSON list of [tex, displayMode]
// pairs; the answer is one line of JSON, a list of {html} or {error} in the same order.
import { createInterface } from "node:readline";
import katex from "katex";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const rendered = JSON.parse(line).map(([tex, displayMode]) => {
    try {
      return { html: katex.renderToString(tex, { displayMode, throwOnError: true, output: "htmlAndMathml" }) };
    } catch (error) {
      return { error: error.message };
    }
  });
  process.stdout.write(JSON.stringify(rendered) + "\n");
}
