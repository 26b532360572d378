"""axe-core, the accessibility engine (pinned in package.json, installed by `make test`
with `npm ci`), injected into pages of the live test server.

The site's Content Security Policy forbids inline scripts and eval, and axe is injected
into each page of its context as an init script: the contexts that run axe are opened
with `bypass_csp=True`. Only those contexts: the other browser tests, the keyboard test
among them, run under the CSP.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("critical", "serious")
LANGUAGES = ("en", "fr")

RUN = """async (tags) => {
  // Hidden parts (a <details> form, say) are checked too.
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const results = await axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


@dataclass
class Violation:
    page: str
    url: str
    id: str
    impact: str
    help: str
    helpUrl: str
    targets: list[str] = field(default_factory=list)

    def describe(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return (
            f"{self.page} ({self.url}): [{self.impact}] {self.id}: {self.help}\n"
            f"    on {shown}\n    see {self.helpUrl}"
        )


def axe_context(browser):
    """A browser context that lets the injected axe run despite the CSP (see above)."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run `npm ci` (or `make test`) first.")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)
    context.add_init_script(path=str(AXE_JS))  # in every page the context opens
    return context


def axe_check(page, name: str) -> list[Violation]:
    """Every violation axe finds on the page as it is now, whatever its impact."""
    found = page.evaluate(RUN, TAGS)
    return [Violation(page=name, url=page.url, **v) for v in found]


PHONE = {"width": 390, "height": 844}
# What sticks out of a phone-sized page: the elements wider than the page itself (a
# table may scroll inside its own labelled region, which is as wide as the page).
WIDER_THAN_THE_PAGE = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .filter((e) => !e.closest(".table-scroll") || e.classList.contains("table-scroll"))
    .slice(0, 5)
    .map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
}"""


def too_wide(page, name: str) -> list[Violation]:
    """The page on a phone (390 px): nothing may make it scroll sideways."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    wide = page.evaluate(WIDER_THAN_THE_PAGE)
    page.set_viewport_size(size)
    if not wide:
        return []
    help_text = "The page is wider than a phone's 390 px: it scrolls sideways"
    return [Violation(name, page.url, "too-wide-for-a-phone", "serious", help_text, "", wide)]


def axe_visit(page, base: str, pages: list[tuple[str, str]], **values) -> list[Violation]:
    """Open each (name, path) in each language and check it, at a desktop's width with
    axe and at a phone's for its width. A path is a template: `{lang}` and the given
    values fill it."""
    violations = []
    for name, path in pages:
        for lang in LANGUAGES:
            page.goto(base + path.format(lang=lang, **values))
            violations += axe_check(page, f"{name} [{lang}]")
            violations += too_wide(page, f"{name} [{lang}]")
    return violations


def blocking(violations: list[Violation]) -> list[str]:
    """The serious and critical ones, as readable paragraphs."""
    return [v.describe() for v in violations if v.impact in BLOCKING]


def report(violations: list[Violation], path: Path) -> None:
    """Every violation, blocking or not, in a JSON file beside the screenshots."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([v.__dict__ for v in violations], indent=1, ensure_ascii=False))
