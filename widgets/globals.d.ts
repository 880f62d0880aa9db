// What the browser code finds on `window` and elsewhere besides the standard DOM, for the type
// check (jsconfig.json). Material for MkDocs exports its observables on window.

interface Subscription { unsubscribe(): void }
interface Observable<T> { subscribe(next: (value: T) => void): Subscription }

interface Window {
  document$?: Observable<Document>;      // Material: each page, also after instant navigation
  target$?: Observable<HTMLElement>;     // Material: each new #fragment target
  mermaid?: any;                         // Material draws an undrawn diagram through this global
  coursePythonEarly?: { worker: Worker, port: MessagePort, events: object[] }; // widgets/early.js
  coursePython?: import("./python/client.js").Python; // for the tests and the benchmark
  courseSearchWorker?: { started: null | { at: number, why: string } }; // widgets/search-later.js
}

interface Navigator {
  deviceMemory?: number;
  connection?: { saveData?: boolean, effectiveType?: string };
}

interface HTMLElement {
  courseEditor?: { getCode(): string, setCode(code: string): void, view?: unknown }; // for tests, scripts
}

// Material's storage helpers, defined inline in every page's <head> (keys are scoped to the site).
declare function __md_get(key: string): any;
declare function __md_set(key: string, value: unknown): void;
