// Inlined into the <head> of every page with exercises, ahead of its stylesheets (see
// course/pages/head.py), so it runs while the page is still being parsed, long before any module:
// 1. it starts the Python worker, which widgets/python/client.js adopts when it loads, with the
//    messages the worker sent meanwhile;
// 2. as each exercise's plain text area is parsed, it shows the student's saved code there,
//    records when the student types in it, and keeps a Ctrl/⌘+Enter or Shift+Enter pressed
//    there, or a click on Run or Check, for the runner (widgets/exercise/mount.js takes over).
(() => {
  // {root, settings}: what this needs of the page's data (PageData in widgets/contract.js), which
  // comes later in the <head>.
  const data = JSON.parse(document.getElementById("course-boot").textContent);
  const root = new URL(data.root, location.href);
  const assets = new URL("assets/course/", root);

  const worker = new Worker(new URL("python/worker.js", assets));
  const channel = new MessageChannel();
  const events = [];
  channel.port1.onmessage = ({ data: message }) => events.push(message);
  worker.onerror = (event) => {
    event.preventDefault();
    events.push({ type: "failed", message: event.message || "the Python worker could not start" });
  };
  worker.postMessage({ type: "init", pyodideUrl: new URL(data.settings.pyodideUrl, root).href,
    engineUrl: new URL("engine.json", assets).href, packages: data.settings.packages }, [channel.port2]);
  window.coursePythonEarly = { worker, port: channel.port1, events };

  const pending = (node, action) => {
    const exercise = node.closest("[data-exercise]");
    if (exercise && !exercise.hasAttribute("data-mounted")) exercise.setAttribute("data-pending", action);
  };
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-part=run], [data-part=check]");
    if (button) pending(button, button.getAttribute("data-part"));
  }, true);
  const adopted = new WeakSet();
  const adopt = (area) => {
    if (adopted.has(area)) return;
    adopted.add(area);
    const id = area.closest("[data-exercise]")?.dataset.exercise;
    try { // the key is store.js's recordKey("exercise", id)
      const record = JSON.parse(localStorage.getItem(`${data.settings.storagePrefix}exercise:${id}`));
      if (record && typeof record.code === "string") area.value = record.code;
    } catch { /* no storage: the starter stays */ }
    area.addEventListener("input", () => { area.dataset.editedAt = String(Date.now()); });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey || event.shiftKey)) {
        event.preventDefault();
        pending(area, event.shiftKey ? "check" : "run");
      }
    });
  };
  const adoptAll = () => document.querySelectorAll("textarea.course-exercise__draft").forEach(adopt);
  const parsing = new MutationObserver(adoptAll);
  parsing.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => { parsing.disconnect(); adoptAll(); }, { once: true });
})();
