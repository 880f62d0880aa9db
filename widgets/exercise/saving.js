// An exercise's code and progress in storage (widgets/store.js): saved a moment after each edit,
// never over newer code from another tab, kept in step with other tabs, and a failed save said
// out loud next to the exercise.
import { canSave, loadRecord, onRecordChange, onStorage, saveCode, updateExercise } from "../store.js";

const SAVE_DELAY_MS = 300;
const CANNOT_SAVE = "This browser is not letting the page save (storage is full or disabled): your "
  + "code works and stays while the page is open, but it will be gone when you leave. Copy it "
  + "somewhere to keep it.";

/**
 * @param {{data: import("../contract.js").ExerciseData, ui: object,
 *          box: import("./code.js").CodeBox, signal: AbortSignal,
 *          showDone: (done: boolean) => void}} parts
 */
export function connectSaving({ data, ui, box, signal, showDone }) {
  const saved = loadRecord("exercise", data.id);
  let basedOn = saved.starterHash ?? data.starterHash; // the starter this code grew from
  let editedAt = saved.editedAt; // when the code in the box was last edited (here or elsewhere)
  let timer = null;
  const pending = new Map(); // what a refused write left unsaved, by kind: retried when one works

  const showStorage = (ok) => {
    ui.storageNotice.textContent = CANNOT_SAVE;
    ui.storageNotice.hidden = ok;
  };
  const adopt = (record) => { // newer code from another tab replaces ours, undoably
    clearTimeout(timer);
    timer = null;
    box.set(record.code);
    editedAt = record.editedAt;
    basedOn = record.starterHash ?? basedOn;
    ui.syncNotice.hidden = false;
  };
  const save = () => {
    clearTimeout(timer);
    timer = null;
    const result = saveCode(data.id, box.text, editedAt, basedOn);
    if (result.newer) adopt(result.newer);
    settle("code", result.stored || Boolean(result.newer), save);
  };
  const settle = (kind, stored, retry) => {
    if (stored) pending.delete(kind);
    else pending.set(kind, retry);
    showStorage(pending.size === 0);
  };

  // The text area was filled while the page was parsed, with what was stored then. Typing in it
  // before now is newer than that; otherwise what is stored now wins (another tab may have
  // saved since this page was parsed).
  const typedEarly = Number(ui.draft.dataset.editedAt || 0);
  if (typedEarly > saved.editedAt) {
    editedAt = typedEarly;
    save();
  } else if (saved.code !== null && saved.code !== box.text) {
    box.set(saved.code);
  }
  if (saved.code !== null && basedOn !== data.starterHash && saved.code !== data.starter) {
    ui.starterNotice.hidden = false;
  }
  showStorage(canSave());

  box.onEdit(() => {
    editedAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  const flush = () => { if (timer) save(); };
  window.addEventListener("pagehide", flush, { signal });
  signal.addEventListener("abort", flush, { once: true }); // Material swapped the page
  // Another write failed, or worked again: retry what this exercise could not save.
  onStorage((ok) => {
    if (ok) [...pending.values()].forEach((retry) => retry());
    else showStorage(false);
  }, { signal });
  onRecordChange(({ kind, id, record, fromOtherTab }) => {
    if (kind === null) { showDone(false); return; } // progress cleared
    if (kind !== "exercise" || id !== data.id) return;
    if (fromOtherTab && record.code !== null && record.code !== box.text && record.editedAt > editedAt) {
      adopt(record);
    }
    showDone(record.done);
  }, { signal });

  return {
    saved,
    /** Back to the starter (the Reset button): saved at once, as an edit. */
    reset() {
      box.set(data.starter);
      basedOn = data.starterHash;
      editedAt = Date.now();
      save();
      ui.starterNotice.hidden = true;
    },
    /** The code `code` passed every check: record it; false if the browser did not store it. */
    passed(code) {
      flush();
      const mark = () => {
        const stored = updateExercise(data.id, { done: true, doneCode: code });
        settle("done", stored, mark); // stored: the record's listener below shows it done
        return stored;
      };
      return mark();
    },
    failedCheck() {
      const count = () => settle("failures", updateExercise(data.id,
        { failures: loadRecord("exercise", data.id).failures + 1 }), count);
      count();
    },
    hintsShown(shown) {
      const note = () => settle("hints", updateExercise(data.id, { hints: shown }), note);
      note();
    },
  };
}
