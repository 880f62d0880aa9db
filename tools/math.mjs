// Typesets TeX at site build time with the pinned MathJax from node_modules: each formula becomes
// an SVG drawn as one path (inline in the page: a formula costs the browser two elements to style
// and lay out instead of KaTeX's dozens, and no request or image document) and a spoken
// description from the Speech Rule Engine (its accessible name, what a screen reader says).
// One process serves the whole build (course/pages/math.py starts it once): each line on stdin
// is a JSON list of [tex, displayMode] pairs; the answer is one line of JSON, a list of
// {viewBox, body, speech, width, depth} (sizes in ex; the height follows from the viewBox) or
// {error}, in the same order.
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
// fontCache "none": every glyph drawn where it stands (no <use>), so it can be flattened below.
const document = mathjax.document("", { InputJax: tex, OutputJax: new SVG({ fontCache: "none" }) });
const mathml = new SerializedMmlVisitor();
await sre.setupEngine({ locale: "en", domain: "clearspeak", modality: "speech", markup: "none" });
await sre.engineReady();

// A formula as one path: MathJax draws each glyph as its own <path> inside nested <g transform>
// groups (and fraction bars as <rect>s). The glyphs' own coordinates are absolute, the transforms
// only translate and scale, so every point can be mapped into the picture's frame and the whole
// formula written as one <path> of whole units (1/1000 em): two elements in the page, whatever
// the formula. Anything else (rotations, relative or arc commands, text) is left as MathJax drew it.
class NotFlat extends Error {}

function transformOf(node, [sx, sy, tx, ty]) {
  const text = adaptor.getAttribute(node, "transform");
  if (!text) return [sx, sy, tx, ty];
  for (const [, name, args] of text.matchAll(/(\w+)\(([^)]*)\)/g)) {
    const n = args.split(/[\s,]+/).filter(Boolean).map(Number);
    if (name === "translate") [tx, ty] = [tx + sx * n[0], ty + sy * (n[1] ?? 0)];
    else if (name === "scale") [sx, sy] = [sx * n[0], sy * (n[1] ?? n[0])];
    else if (name === "matrix" && n[1] === 0 && n[2] === 0) {
      [tx, ty] = [tx + sx * n[4], ty + sy * n[5]];
      [sx, sy] = [sx * n[0], sy * n[3]];
    } else throw new NotFlat(name);
  }
  return [sx, sy, tx, ty];
}

const ARGS = { M: "xy", L: "xy", T: "xy", Q: "xyxy", S: "xyxy", C: "xyxyxy", H: "x", V: "y", Z: "" };

// Points are mapped into the picture's frame and written relative to the pen (m l q c h v), with
// the glyph's offset rounded first: the same glyph at the same size is then the same text
// wherever it stands, which gzip stores once.
function mapPath(d, [sx, sy, tx, ty]) {
  [tx, ty] = [Math.round(tx), Math.round(ty)];
  const X = (v) => Math.round(sx * v) + tx;
  const Y = (v) => Math.round(sy * v) + ty;
  const out = [];
  let [cx, cy, startX, startY] = [0, 0, 0, 0];
  let first = true;
  for (const [, command, args] of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const roles = ARGS[command];
    if (roles === undefined) throw new NotFlat(command); // relative or arc commands
    const numbers = args.match(/-?[\d.]+(?:e-?\d+)?/g)?.map(Number) ?? [];
    if (command === "Z") {
      out.push("z");
      [cx, cy] = [startX, startY];
      continue;
    }
    if (numbers.length === 0 || numbers.length % roles.length) throw new NotFlat(d);
    for (let i = 0; i < numbers.length; i += roles.length) {
      const group = numbers.slice(i, i + roles.length);
      if (command === "H") {
        const x = X(group[0]);
        out.push(`h${x - cx}`);
        cx = x;
        continue;
      }
      if (command === "V") {
        const y = Y(group[0]);
        out.push(`v${y - cy}`);
        cy = y;
        continue;
      }
      const points = [];
      for (let j = 0; j < group.length; j += 2) points.push([X(group[j]), Y(group[j + 1])]);
      const [ex, ey] = points[points.length - 1];
      if (command === "M" && first) out.push(`M${ex} ${ey}`);
      else {
        const letter = command === "M" ? (i === 0 ? "m" : "l") : command.toLowerCase();
        out.push(letter + points.map(([x, y]) => `${x - cx} ${y - cy}`).join(" "));
      }
      if (command === "M" && i === 0) [startX, startY] = [ex, ey];
      [cx, cy, first] = [ex, ey, false];
    }
  }
  return out.join("").replace(/ -/g, "-");
}

function flatten(node, frame, parts) {
  const kind = adaptor.kind(node);
  if (kind === "#text" || kind === "#comment") return;
  const here = transformOf(node, frame);
  if (kind === "path") parts.push(mapPath(adaptor.getAttribute(node, "d"), here));
  else if (kind === "rect") {
    const [x, y, w, h] = ["x", "y", "width", "height"].map((a) => Number(adaptor.getAttribute(node, a) ?? 0));
    parts.push(mapPath(`M${x} ${y}H${x + w}V${y + h}H${x}Z`, here));
  } else if (kind === "g" || kind === "svg") for (const child of adaptor.childNodes(node)) flatten(child, here, parts);
  else throw new NotFlat(kind);
}

function typeset(source, display) {
  const svg = document.convert(source, { display, em: 16, ex: 8, containerWidth: 80 * 16 }).children[0];
  const ex = (name) => parseFloat(adaptor.getAttribute(svg, name));
  const [, valign] = /vertical-align:\s*(-?[\d.]+)ex/.exec(adaptor.getAttribute(svg, "style") ?? "") ?? [0, "0"];
  const size = { width: ex("width"), depth: -parseFloat(valign) };
  const viewBox = adaptor.getAttribute(svg, "viewBox");
  let body;
  try {
    const parts = [];
    for (const child of adaptor.childNodes(svg)) flatten(child, [1, 1, 0, 0], parts);
    body = `<path d="${parts.join("")}"></path>`;
  } catch (error) {
    if (!(error instanceof NotFlat)) throw error;
    body = adaptor.innerHTML(svg); // drawn as MathJax drew it
  }
  const speech = sre.toSpeech(mathml.visitTree(document.convert(source, { display, end: STATE.CONVERT })));
  return { viewBox, body, speech, ...size };
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
