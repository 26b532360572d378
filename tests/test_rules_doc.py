"""docs/rules.md names, for each rule of the prize, the code that enforces it and the tests
that attack it: every test file and test it names exists, so the page cannot drift."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
RULES = ROOT / "docs" / "rules.md"
# `tests/x.py::test_name` or `tests/x.py`, and `::test_name` for the file named before.
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(test_\w+)(?:\[[^\]]*\])?)?`")


def references() -> list[tuple[str, str | None]]:
    found = []
    for row in RULES.read_text(encoding="utf-8").splitlines():
        current = None
        for match in REFERENCE.finditer(row):
            path, name = match.groups()
            current = path or current
            if current and (path or name):
                found.append((current, name))
    return found


def test_every_test_that_the_rules_page_names_exists():
    named = references()
    assert len(named) > 30
    missing = []
    for path, name in named:
        file = ROOT / path
        if not file.exists():
            missing.append(path)
        elif name:
            tests = {
                node.name
                for node in ast.walk(ast.parse(file.read_text()))
                if isinstance(node, ast.FunctionDef)
            }
            if name not in tests:
                missing.append(f"{path}::{name}")
    assert missing == []
