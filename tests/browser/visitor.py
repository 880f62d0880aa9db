"""A visitor of the site in a real Chromium: a fresh browser context with the helpers the tests
share. Requests off 127.0.0.1 are blocked and recorded; uncaught page errors and
Content-Security-Policy violations are recorded (the `visit` fixture fails a test on either)."""

from __future__ import annotations

import itertools

from playwright.sync_api import expect

LOCAL_HOSTS = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
PYTHON_TIMEOUT = 120_000  # Python boots in seconds, but the machine may be busy: not a perf test
_tokens = itertools.count(1)

# Every policy violation the page (or anything it runs) reports, kept across instant navigation.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
"""


class Visit:
    def __init__(self, browser, server, **context_options) -> None:
        self.server = server
        self.context = browser.new_context(**context_options)
        self.context.add_init_script(WATCH_CSP)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self._watch(self.context.new_page())

    def _watch(self, page):
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda message: "Content Security Policy" in message.text
                and self.errors.append(f"CSP: {message.text}"))
        page.set_default_timeout(30_000)
        return page

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(LOCAL_HOSTS):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def new_tab(self) -> Visit:
        """Another tab of the same browser (same storage, same helpers)."""
        tab = Visit.__new__(Visit)
        tab.__dict__.update(self.__dict__)
        tab.page = self._watch(self.context.new_page())
        return tab

    def goto(self, path: str = ""):
        """Open a page by its address (a full page load: what a bookmark or a reload does)."""
        self.page.goto(self.server.url + path.lstrip("/"))
        return self.page

    def follow(self, link, path: str):
        """Click `link` as a student would and wait until the page at `path` is in place, proving
        that Material's instant navigation swapped it in (the document stayed the same)."""
        return self._instantly(link.click, path)

    def back(self, path: str):
        """The browser's Back button, to the page at `path` (swapped in by instant navigation)."""
        return self._instantly(self.page.go_back, path)

    def _instantly(self, action, path: str):
        token = next(_tokens)
        self.page.evaluate("token => { window.__sameDocument = token; }", token)
        action()
        # The page's own canonical link names it: the URL changes before its content arrives.
        self.page.wait_for_function(
            "([token, url]) => window.__sameDocument === token"
            " && document.querySelector('link[rel=canonical]')?.href === url",
            arg=[token, self.server.url + path.lstrip("/")])
        return self.page

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations ?? []")

    def exercise(self, exercise_id: str):
        """The exercise's root element (it is built once it nears the viewport)."""
        return self.page.locator(f'[data-exercise="{exercise_id}"]')

    def reach(self, exercise_id: str):
        """Scroll to an exercise as a student would, and wait until its editor is mounted."""
        root = self.exercise(exercise_id)
        root.scroll_into_view_if_needed()
        root.locator(".cm-content").wait_for()
        return root

    def widget(self, name: str):
        """Scroll to a lesson's illustration as a reader would (each is built as it nears the
        viewport), and wait until it is built."""
        root = self.page.locator(f'[data-widget="{name}"]')
        root.scroll_into_view_if_needed()
        expect(root).to_have_attribute("data-mounted", "true")
        return root

    def wait_python_ready(self, exercise_id: str, timeout: float = PYTHON_TIMEOUT) -> None:
        self.reach(exercise_id).and_(self.page.locator('[data-python="ready"]')).wait_for(
            timeout=timeout)

    def set_code(self, exercise_id: str, code: str) -> None:
        """Replace the editor's text through the editor's own input handling."""
        editor = self.reach(exercise_id).get_by_role("textbox")
        editor.click()
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.insert_text(code)

    def editor_text(self, exercise_id: str) -> str:
        return self.reach(exercise_id).evaluate("node => node.courseEditor.getCode()")

    def wait_saved(self, exercise_id: str, code: str) -> None:
        """Wait until the exercise's record in storage holds `code` (saving waits for a pause in
        the typing first)."""
        self.page.wait_for_function("""([id, code]) => {
            const data = JSON.parse(document.getElementById("course-page").textContent);
            const key = `${data.settings.storagePrefix}exercise:${id}`;
            return (JSON.parse(localStorage.getItem(key)) || {}).code === code;
        }""", arg=[exercise_id, code])

    def check(self, exercise_id: str):
        """Press Check and wait for its report. The root is aria-busy from the click to the end
        of the job, and an earlier report stays on screen until the new one replaces it (a quick
        job changes the page once): the wait is for the job's end, then for what it showed."""
        root = self.reach(exercise_id)
        root.get_by_role("button", name="Check", exact=True).click()
        expect(root).not_to_have_attribute("aria-busy", "true", timeout=PYTHON_TIMEOUT)
        report = root.locator(".course-report, .course-exercise__note:has-text('Stopped')")
        report.first.wait_for(timeout=PYTHON_TIMEOUT)
        return root.locator(".course-report")

    def close(self) -> None:
        if not self.page.is_closed():
            self.errors.extend(f"CSP: {v}" for v in self.csp_violations())
        self.context.close()
