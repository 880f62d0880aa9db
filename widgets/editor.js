// The code editor: CodeMirror 6 with Python, bundled by esbuild from the pinned npm packages
// into assets/course/editor.js at site build time (see course/pages/assets.py).
// Colours come from Material's CSS variables, so light and dark mode follow the site palette
// (course.css tunes the few that fall short of WCAG AA contrast on the code background).
import { EditorState, Prec } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from "@codemirror/view";
import {
  defaultKeymap, history, historyKeymap, indentWithTab,
} from "@codemirror/commands";
import {
  indentOnInput, bracketMatching, syntaxHighlighting, HighlightStyle, indentUnit,
} from "@codemirror/language";
import {
  acceptCompletion, autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap,
} from "@codemirror/autocomplete";
import { python, pythonLanguage } from "@codemirror/lang-python";
import { tags } from "@lezer/highlight";

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword],
    color: "var(--md-code-hl-keyword-color)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--md-code-hl-string-color)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--md-code-hl-number-color)" },
  { tag: tags.comment, color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))],
    color: "var(--md-code-hl-function-color)" },
  { tag: [tags.className, tags.definition(tags.className)], color: "var(--md-code-hl-constant-color)" },
  { tag: [tags.operator, tags.punctuation], color: "var(--md-code-hl-punctuation-color)" },
  { tag: tags.special(tags.variableName), color: "var(--md-code-hl-special-color)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-fg-color)",
         fontSize: ".8rem" },
  ".cm-content": { fontFamily: "var(--md-code-font-family)", caretColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-hl-comment-color)",
                   border: "none" },
  // The cursor's line is marked in the gutter only: a tinted line behind the code would take
  // the syntax colours below 4.5:1 contrast.
  ".cm-activeLineGutter": { backgroundColor: "var(--md-default-fg-color--lightest)",
                            color: "var(--md-code-fg-color)" },
  // Drawn inside the box: the editor's parent clips what overflows it.
  "&.cm-focused": { outline: "2px solid var(--course-accent-strong, #bf360c)", outlineOffset: "-2px" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--md-accent-fg-color--transparent) !important" },
  ".cm-cursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-matchingBracket": { outline: "1px solid var(--md-default-fg-color--light)" },
  // The completion list, in the site's palette (light and dark).
  ".cm-tooltip": { backgroundColor: "var(--md-default-bg-color)", color: "var(--md-default-fg-color)",
                   border: "1px solid var(--md-default-fg-color--lighter)" },
  ".cm-tooltip-autocomplete > ul": { fontFamily: "var(--md-code-font-family)", maxHeight: "12em" },
  ".cm-tooltip-autocomplete > ul > li": { padding: ".15em .5em" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
    backgroundColor: "var(--md-primary-fg-color)", color: "var(--md-primary-bg-color)" },
  ".cm-completionDetail": { fontStyle: "normal", opacity: ".8", marginLeft: ".6em" },
});

// Completion after `np.` (or `numpy.`, `np.linalg.`…) from NumPy's public names, listed at build
// time (course/pages/completions.py) and fetched the first time they are needed; the student's
// own names, keywords and built-ins come from the Python mode. Typing never waits for it.
const ATTRIBUTE = /\b(np|numpy)((?:\.(?:linalg|random|fft))?)\.(\w*)$/;
let numpyNames = null;
function loadNumpyNames() {
  numpyNames ??= fetch(new URL("completions.json", import.meta.url))
    .then((response) => (response.ok ? response.json() : { names: {} }))
    .catch(() => ({ names: {} }));
  return numpyNames;
}

async function numpyCompletions(context) {
  const line = context.state.doc.lineAt(context.pos);
  const match = ATTRIBUTE.exec(line.text.slice(0, context.pos - line.from));
  if (!match) return null;
  const { names } = await loadNumpyNames();
  const options = (names[`np${match[2]}`] ?? []).map(([label, type]) => ({ label, type }));
  return { from: context.pos - match[3].length, options, validFor: /^\w*$/ };
}

/**
 * Create an editor in `parent`.
 * @param {HTMLElement} parent
 * @param {{doc: string, label: string, onChange: (code: string) => void,
 *          onRun: () => void, onCheck: () => void}} options
 */
export function createEditor(parent, { doc, label, onChange, onRun, onCheck }) {
  const shortcuts = Prec.highest(keymap.of([
    { key: "Mod-Enter", run: () => { onRun(); return true; } },
    { key: "Shift-Enter", run: () => { onCheck(); return true; } },
    { key: "Tab", run: acceptCompletion }, // when the list is open; otherwise Tab indents
  ]));
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        shortcuts,
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(),
        drawSelection(), indentOnInput(), bracketMatching(), closeBrackets(),
        indentUnit.of("    "), python(), syntaxHighlighting(highlight), theme,
        pythonLanguage.data.of({ autocomplete: numpyCompletions }),
        autocompletion({ icons: false, activateOnTypingDelay: 60, interactionDelay: 0 }),
        EditorView.lineWrapping, // a long docstring wraps instead of running off a phone's screen
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap,
          indentWithTab]),
        // tabindex: the editor is in the Tab order anyway (contenteditable), but saying so lets
        // checkers see that its scrolling box can be reached and scrolled from the keyboard.
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
  };
}
