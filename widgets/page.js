// Entry point on every page (kept tiny): sets up whatever the current page contains.
// Material's instant navigation swaps pages without reloading, so setup runs on each
// emission of Material's `document$`, not on DOMContentLoaded.
// The editor, Python and the math/diagram libraries are imported only by pages that use them.
const base = new URL(".", import.meta.url);
const vendor = new URL("../vendor/", base);

// Material renders Mermaid through a global `mermaid` (and fetches one from a CDN if there is
// none). This stand-in loads the copy shipped with the site, and only when a diagram renders.
let mermaidLoaded = null;
function loadMermaid() {
  mermaidLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL("mermaid/mermaid.min.js", vendor).href;
    script.onload = () => resolve(window.mermaid);
    script.onerror = () => reject(new Error("could not load the diagram library"));
    document.head.append(script);
  });
  return mermaidLoaded;
}
if (typeof window.mermaid === "undefined") {
  let settings = {};
  window.mermaid = {
    initialize(options) { settings = options; },
    async render(id, text) {
      const library = await loadMermaid();
      library.initialize(settings);
      return library.render(id, text);
    },
  };
}

// Math is typeset at build time; pages with math only need KaTeX's stylesheet (and fonts).
function mathStyles(root) {
  if (!root.querySelector(".katex") || document.querySelector("link[data-katex]")) return;
  const link = Object.assign(document.createElement("link"), {
    rel: "stylesheet", href: new URL("katex/katex.min.css", vendor).href,
  });
  link.dataset.katex = "";
  document.head.append(link);
}

// Mounting widgets changes their height after the browser has scrolled to a #fragment; keep
// the fragment's target where the reader sees it.
function keepInPlace(mount) {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  const before = target?.getBoundingClientRect().top;
  mount();
  if (target && before >= 0 && before < window.innerHeight) {
    window.scrollBy(0, target.getBoundingClientRect().top - before);
  }
}

async function setupPage() {
  const content = document.querySelector(".md-content") ?? document.body;
  mathStyles(content);
  const exercises = content.querySelectorAll("[data-exercise]:not([data-mounted])");
  const widgets = content.querySelectorAll("[data-widget]:not([data-mounted])");
  for (const node of widgets) {
    import(new URL(`lesson/${node.dataset.widget}.js`, base).href).then((module) => {
      if (!node.dataset.mounted) keepInPlace(() => { node.dataset.mounted = "true"; module.mount(node); });
    });
  }
  const progressPage = content.querySelector("[data-progress-page]:not([data-mounted])");
  if (progressPage) {
    import("./progress-page.js").then(({ mount }) => { progressPage.dataset.mounted = "true"; mount(progressPage); });
  }
  const quizzes = content.querySelectorAll(".admonition.quiz[data-quiz]:not([data-mounted])");
  if (quizzes.length) {
    import("./quiz.js").then(({ mountQuiz }) => keepInPlace(() => quizzes.forEach(mountQuiz)));
  }
  if (!exercises.length) return;
  // Start loading Python first (in its worker, off this thread): the student will need it soon.
  import("./python.js").then(({ getPython }) => getPython().start());
  const [{ mountExercise }, { mountPageProgress }] = await Promise.all([
    import("./exercise.js"), import("./progress.js"),
  ]);
  keepInPlace(() => mountPageProgress(content, exercises));
  // Mount each exercise (editor and all) as it comes within a screen or two of the viewport:
  // a long lesson then builds one or two editors at load instead of all of them.
  const nearby = new IntersectionObserver((entries) => {
    for (const entry of entries.filter((e) => e.isIntersecting)) {
      nearby.unobserve(entry.target);
      keepInPlace(() => mountExercise(entry.target));
    }
  }, { rootMargin: "1500px 0px" });
  exercises.forEach((exercise) => nearby.observe(exercise));
}

if (window.document$) window.document$.subscribe(setupPage);
else setupPage();
