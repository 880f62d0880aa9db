// Typesets TeX at site build time with the pinned MathJax from node_modules: each formula becomes
// one SVG picture (the page shows it as a single <img>, so a formula costs the browser one
// element to style and lay out instead of KaTeX's dozens) and a spoken description from the
// Speech Rule Engine (the image's alt text, what a screen reader says).
// One process serves the whole build (course/pages/math.py starts it once): each line on stdin
// is a JSON list of [tex, displayMode] pairs; the answer is one line of JSON, a list of
// {svg, speech, width, height, depth} (sizes in ex) or {error}, in the same order.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";
import { STATE } from "mathjax-full/js/core/MathItem.js";
import { SerializedMmlVisitor } from "mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js";

const sre = createRequire(import.meta.url)("speech-rule-engine"); // CommonJS only

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// Every package that needs no network (autoload and require fetch extensions on demand), less
// the two that would typeset a mistake in red instead of reporting it.
const packages = AllPackages.filter((name) => !["autoload", "require", "noundefined", "noerrors"].includes(name));
const tex = new TeX({ packages, formatError: (_, error) => { throw error; } });
// fontCache "local": each picture holds the glyphs it uses once, so it stands alone as a file.
const document = mathjax.document("", { InputJax: tex, OutputJax: new SVG({ fontCache: "local" }) });
const mathml = new SerializedMmlVisitor();
await sre.setupEngine({ locale: "en", domain: "clearspeak", modality: "speech", markup: "none" });
await sre.engineReady();

function typeset(source, display) {
  const svg = document.convert(source, { display, em: 16, ex: 8, containerWidth: 80 * 16 }).children[0];
  const ex = (name) => parseFloat(adaptor.getAttribute(svg, name));
  const [, valign] = /vertical-align:\s*(-?[\d.]+)ex/.exec(adaptor.getAttribute(svg, "style") ?? "") ?? [0, "0"];
  const size = { width: ex("width"), height: ex("height"), depth: -parseFloat(valign) };
  // A picture file: its size comes from the page (the <img> element), not from the SVG.
  for (const name of ["style", "role", "focusable", "aria-hidden"]) adaptor.removeAttribute(svg, name);
  const speech = sre.toSpeech(mathml.visitTree(document.convert(source, { display, end: STATE.CONVERT })));
  // Glyph ids are numbered per conversion; a file stands alone, so the same formula gets the
  // same bytes (and file name) whatever else the build typeset before it.
  return { svg: adaptor.outerHTML(svg).replace(/MJX-\d+-/g, "MJX-"), speech, ...size };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const rendered = JSON.parse(line).map(([source, display]) => {
    try {
      return typeset(source, display);
    } catch (error) {
      return { error: error.message };
    }
  });
  process.stdout.write(JSON.stringify(rendered) + "\n");
}
