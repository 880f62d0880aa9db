// The student's progress in localStorage, and the only module that touches it: every key, every
// record's shape, every change event. One record per exercise and per self-check question, under
// the site's own prefix (settings.storagePrefix: two courses on one origin keep their own).
//
// A write that fails (storage full, disabled, private mode) is never silent: it returns false
// and tells every listener, so the page can say so next to the exercise. Saved code is only
// ever replaced by newer code: every code save carries when the code was edited, and a save
// older than what is stored is refused.
import { pageData } from "./contract.js";

const CHANGED = "course:record"; // this tab changed a record; other tabs hear `storage` events
const STORAGE = "course:storage"; // a write failed or worked again: detail {ok}
const KINDS = ["exercise", "quiz"];

let writable = null; // unknown until the first write or probe

const prefix = () => pageData().settings.storagePrefix;

/** The storage key of a record: recordKey("exercise", "siglip-2/sigmoid-loss"). */
export function recordKey(kind, id) {
  return `${prefix()}${kind}:${id}`;
}

const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);
const time = (value) => (Number.isFinite(value) && value > 0 ? value : 0);

/** A record as stored, with every field of the right type (a corrupted field is dropped). */
function normalise(kind, raw) {
  const record = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  if (kind === "quiz") {
    return { choice: Number.isInteger(record.choice) && record.choice >= 0 ? record.choice : null,
      correct: record.correct === true, savedAt: time(record.savedAt) };
  }
  return {
    code: typeof record.code === "string" ? record.code : null,
    starterHash: typeof record.starterHash === "string" ? record.starterHash : null,
    editedAt: time(record.editedAt) || time(record.savedAt), // records from before editedAt
    done: record.done === true,
    doneCode: typeof record.doneCode === "string" ? record.doneCode : null,
    failures: count(record.failures),
    hints: count(record.hints),
  };
}

function readRaw(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null; // storage disabled or a corrupted entry
  }
}

function setWritable(ok) {
  const changed = writable !== ok;
  writable = ok;
  // Told after the write that found out has finished (a listener may retry a write of its own).
  if (!ok || changed) queueMicrotask(() => window.dispatchEvent(new CustomEvent(STORAGE, { detail: { ok } })));
}

/** Store a record; false (and every listener told) when the browser refused. */
function write(kind, id, record) {
  const key = recordKey(kind, id);
  try {
    localStorage.setItem(key, JSON.stringify(record));
  } catch {
    setWritable(false);
    return false;
  }
  setWritable(true);
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: { kind, id, record } }));
  return true;
}

/** @returns {ReturnType<typeof normalise>} */
export function loadRecord(kind, id) {
  migrateOnce();
  return normalise(kind, readRaw(recordKey(kind, id)));
}

/**
 * Save an exercise's code edited at `editedAt` (ms), unless newer code is stored.
 * @returns {{stored: boolean, newer?: object}} newer: the stored record that won
 */
export function saveCode(id, code, editedAt, starterHash) {
  const record = loadRecord("exercise", id);
  if (record.editedAt > editedAt && record.code !== code) return { stored: false, newer: record };
  return { stored: write("exercise", id, { ...record, code, editedAt, starterHash }) };
}

/** Merge fields into an exercise's record (done, doneCode, failures, hints); false if not stored. */
export function updateExercise(id, changes) {
  return write("exercise", id, { ...loadRecord("exercise", id), ...changes });
}

/** Save the answer to a question; false if not stored. */
export function saveQuiz(id, choice, correct) {
  return write("quiz", id, { choice, correct, savedAt: Date.now() });
}

/** Can this page save? Probed once with a tiny write, then kept up to date by every write. */
export function canSave() {
  if (writable === null) {
    try {
      localStorage.setItem(`${prefix()}probe`, "1");
      localStorage.removeItem(`${prefix()}probe`);
      writable = true;
    } catch {
      writable = false;
    }
  }
  return writable;
}

/** Call `listener(ok)` whenever a write fails, or works again after failing. */
export function onStorage(listener, { signal }) {
  window.addEventListener(STORAGE, (event) => listener(/** @type {CustomEvent} */ (event).detail.ok),
    { signal });
}

/**
 * Call `listener({kind, id, record})` when a record changes, in this tab or in another one.
 * `fromOtherTab` is true for the latter.
 */
export function onRecordChange(listener, { signal }) {
  window.addEventListener(CHANGED, (event) => {
    const { detail } = /** @type {CustomEvent} */ (event);
    listener({ ...detail, record: normalise(detail.kind, detail.record), fromOtherTab: false });
  }, { signal });
  window.addEventListener("storage", (event) => {
    if (event.storageArea !== localStorage) return;
    if (event.key === null) { // another tab cleared everything
      listener({ kind: null, id: null, record: null, fromOtherTab: true });
      return;
    }
    const parsed = parseKey(event.key);
    if (!parsed) return;
    let raw = null;
    try { raw = JSON.parse(event.newValue); } catch { /* a corrupted entry: as removed */ }
    listener({ ...parsed, record: normalise(parsed.kind, raw), fromOtherTab: true });
  }, { signal });
}

function parseKey(key) {
  if (!key?.startsWith(prefix())) return null;
  const rest = key.slice(prefix().length);
  const kind = KINDS.find((k) => rest.startsWith(`${k}:`));
  return kind ? { kind, id: rest.slice(kind.length + 1) } : null;
}

function ownKeys() {
  const keys = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (parseKey(key)) keys.push(key);
    }
  } catch { /* storage disabled: nothing saved */ }
  return keys;
}

/** Every stored record, {"exercise:<id>": record, "quiz:<id>": record}, for the progress page. */
export function allRecords() {
  migrateOnce();
  const records = {};
  for (const key of ownKeys()) {
    const { kind, id } = parseKey(key);
    records[`${kind}:${id}`] = normalise(kind, readRaw(key));
  }
  return records;
}

/** Remove every record of this site; returns how many were removed. */
export function clearRecords() {
  const keys = ownKeys();
  try { keys.forEach((key) => localStorage.removeItem(key)); } catch { return 0; }
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: { kind: null, id: null, record: null } }));
  return keys.length;
}

/**
 * Merge records from an export into this browser's. The rule (said on the progress page too):
 * done stays done, the larger hint and failure counts win, and code is replaced only by code
 * edited later. Ids that no exercise or question of this course has are skipped and counted.
 * @param {Object<string, object>} records  {"exercise:<id>": record, "quiz:<id>": record}
 * @param {{exercises: string[], quizzes: string[]}} known  the ids the course has
 * @returns {{stored: number, unchanged: number, unknown: number, failed: number}}
 */
export function importRecords(records, known) {
  const ids = { exercise: new Set(known.exercises), quiz: new Set(known.quizzes) };
  const summary = { stored: 0, unchanged: 0, unknown: 0, failed: 0 };
  for (const [name, raw] of Object.entries(records)) {
    const kind = KINDS.find((k) => name.startsWith(`${k}:`));
    const id = kind && name.slice(kind.length + 1);
    if (!kind || !ids[kind].has(id)) { summary.unknown += 1; continue; }
    const mine = loadRecord(kind, id), theirs = normalise(kind, raw);
    const merged = kind === "quiz" ? mergeQuiz(mine, theirs) : mergeExercise(mine, theirs);
    if (JSON.stringify(merged) === JSON.stringify(mine)) { summary.unchanged += 1; continue; }
    if (write(kind, id, merged)) summary.stored += 1;
    else summary.failed += 1;
  }
  return summary;
}

function mergeExercise(mine, theirs) {
  const newer = theirs.code !== null && theirs.editedAt > mine.editedAt ? theirs : mine;
  return {
    ...mine,
    code: newer.code ?? mine.code, starterHash: newer.starterHash ?? mine.starterHash,
    editedAt: newer.editedAt,
    done: mine.done || theirs.done,
    doneCode: mine.doneCode ?? theirs.doneCode,
    failures: Math.max(mine.failures, theirs.failures),
    hints: Math.max(mine.hints, theirs.hints),
  };
}

function mergeQuiz(mine, theirs) {
  if (mine.correct || theirs.choice === null) return mine;
  return theirs.correct || mine.choice === null || theirs.savedAt > mine.savedAt ? theirs : mine;
}

// Progress saved before keys were per site (under "<storage_key>:") is carried over once.
let migrated = false;
function migrateOnce() {
  if (migrated) return;
  migrated = true;
  const legacy = `${pageData().settings.storageKey}:`;
  const marker = `${legacy}migrated-to:${prefix()}`; // not a record of this site: Clear keeps it
  try {
    if (localStorage.getItem(marker) !== null) return;
    const old = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(legacy) && KINDS.some((k) => key.startsWith(`${legacy}${k}:`))) old.push(key);
    }
    for (const key of old) {
      const target = prefix() + key.slice(legacy.length);
      if (localStorage.getItem(target) === null) localStorage.setItem(target, localStorage.getItem(key));
    }
    localStorage.setItem(marker, String(Date.now()));
  } catch { /* nothing to carry over, or no room: the old records stay where they are */ }
}
