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

function write(key, value) {
  try {
    localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch { /* private mode or full storage: the page still works, it just forgets */ }
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
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix)) records[key.slice(prefix.length)] = read(key.slice(prefix.length));
  }
  return records;
}

export const loadRecord = read;
export const saveRecord = write;
export const storagePrefix = prefix;
