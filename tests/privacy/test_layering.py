"""accounts is the lowest layer: the personal-data registry lets the apps above it add
their parts without accounts importing any of them (docs: ../shared/ARCHITECTURE.md)."""

import ast
from pathlib import Path

from django.conf import settings

from accounts.personal_data import holders, purges

ABOVE = {"prize", "submissions", "jury", "alliance", "results", "demo"}


def test_accounts_imports_no_app_above_it():
    found = []
    for path in (Path(settings.BASE_DIR) / "accounts").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ABOVE]
    assert found == []


def test_every_app_that_holds_personal_data_registered_its_part():
    assert [holder.name for holder in holders()] == [
        "account",
        "editions",
        "submissions",
        "jury",
        "alliance",
        "outreach",
        "certificates",
    ]
    assert [purge.name for purge in purges()] == [
        "expired sessions",
        "never-confirmed accounts",
        "failed logins",
        "unsubmitted draft entries",
    ]
