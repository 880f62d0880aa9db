// The student's progress in localStorage: one record per exercise (code, the starter it was
// based on, done, failed checks, hints shown) under one key prefix per site.
import config from "./config.js";

const prefix = `${config.storageKey}:`;

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(prefix + key)) ?? {};
  } catch {
    return {}; // storage disabled or a corrupted entry: start fresh rather than break the page
  }
}

let writable = true;
let probed = false;

/** Private mode, disabled or full storage: the page still works, it just forgets. */
function write(key, value) {
  try {
    localStorage.setItem(prefix + key, JSON.stringify(value));
    writable = true;
  } catch {
    if (writable) window.dispatchEvent(new CustomEvent("course:storage-failed"));
    writable = false;
  }
  return writable;
}

/** Can this page save? Probed once (a tiny write), then kept up to date by every save. */
export function canSave() {
  if (!probed) {
    probed = true;
    writable = write("probe", 1) && remove("probe");
  }
  return writable;
}

function remove(key) {
  try { localStorage.removeItem(prefix + key); return true; } catch { return false; }
}

/** The saved record of an exercise: {code, starterHash, done, failures, hints}. */
export const loadExercise = (id) => read(`exercise:${id}`);

/** Merge `changes` into an exercise's record. */
export function saveExercise(id, changes) {
  const record = { ...read(`exercise:${id}`), ...changes, savedAt: Date.now() };
  write(`exercise:${id}`, record);
  window.dispatchEvent(new CustomEvent("course:progress", { detail: { id, record } }));
  return record;
}

/** Every stored record (exercises, questions), for the progress page and export. */
export function allRecords() {
  const records = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix) && key !== prefix + "probe") {
        records[key.slice(prefix.length)] = read(key.slice(prefix.length));
      }
    }
  } catch { /* storage disabled: nothing saved */ }
  return records;
}

/** Call `listener(record)` when another tab or window saves exercise `id`. */
export function onOtherTabSave(id, listener) {
  const key = `${prefix}exercise:${id}`;
  window.addEventListener("storage", (event) => {
    if (event.key !== key || event.newValue === null) return;
    try { listener(JSON.parse(event.newValue)); } catch { /* a corrupted entry: ignore */ }
  });
}

export const loadRecord = read;
export const saveRecord = write;
export const storagePrefix = prefix;
