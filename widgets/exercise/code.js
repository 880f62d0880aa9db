// The exercise's code: first the plain text area the page was parsed with (typeable at once),
// then the CodeMirror editor, which takes over its text, selection and focus when its module has
// loaded. Either way one interface: text, set(), focus(), and a listener for the student's edits.

export class CodeBox {
  /**
   * @param {HTMLTextAreaElement} draft
   * @param {{label: string, onRun: () => void, onCheck: () => void, signal: AbortSignal}} options
   */
  constructor(draft, { label, onRun, onCheck, signal }) {
    this.draft = draft;
    this.editor = null;
    this.options = { label, onRun, onCheck };
    this.listeners = [];
    this.signal = signal;
    draft.addEventListener("input", () => this.changed(), { signal });
    draft.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey || event.shiftKey)) return;
      event.preventDefault();
      (event.shiftKey ? onCheck : onRun)();
    }, { signal });
    signal.addEventListener("abort", () => this.destroy(), { once: true });
  }

  /** The page is gone: end the editor and let go of it. (Material keeps the DOM of pages it
   * swapped out alive for a while; nothing of ours should stay attached to it.) */
  destroy() {
    if (!this.editor) return;
    this.editor.view.destroy();
    this.editor.view.dom.remove();
    this.editor = null;
    this.listeners = [];
  }

  get text() { return this.editor ? this.editor.getCode() : this.draft.value; }

  /** Replace the text (not an edit of the student's: no listener is called; Ctrl+Z undoes it). */
  set(text) {
    if (this.editor) this.editor.setCode(text);
    else this.draft.value = text;
  }

  focus() { (this.editor ?? this.draft).focus(); }

  /** Call `listener()` after each edit the student makes. */
  onEdit(listener) { this.listeners.push(listener); }

  changed() { this.listeners.forEach((listener) => listener()); }

  /** Swap the text area for the code editor, built in `parent` (its module loads on first use). */
  async upgrade(parent) {
    const { createEditor } = await import("../editor.js");
    if (this.signal.aborted || this.editor) return;
    const { draft } = this;
    const focused = document.activeElement === draft;
    const { selectionStart, selectionEnd } = draft;
    let programmatic = false;
    this.editor = createEditor(parent, {
      doc: draft.value,
      label: this.options.label,
      onChange: () => { if (!programmatic) this.changed(); },
      onRun: this.options.onRun,
      onCheck: this.options.onCheck,
    });
    const setCode = this.editor.setCode;
    this.editor.setCode = (text) => { programmatic = true; setCode(text); programmatic = false; };
    draft.remove();
    if (focused) {
      this.editor.focus();
      this.editor.view.dispatch({ selection: { anchor: selectionStart, head: selectionEnd } });
    }
  }
}
