"""The fallback of scripts/audit-deps judges each pin from PyPI's project JSON: a latest
release is audited with its advisories, any other pin fails unless it is an explained
exception. (The script itself runs in `make test`, against PyPI.)"""

import importlib.machinery
import importlib.util

from django.conf import settings

PATH = str(settings.BASE_DIR / "scripts" / "audit-deps")
_loader = importlib.machinery.SourceFileLoader("audit_deps", PATH)
_spec = importlib.util.spec_from_loader("audit_deps", _loader)
audit = importlib.util.module_from_spec(_spec)
_loader.exec_module(audit)


def project(version, *vulns):
    return {"info": {"version": version}, "vulnerabilities": list(vulns)}


def test_a_latest_release_is_judged_by_its_advisories():
    lines, problems = audit.verdict(
        {"django": "6.1.3", "pillow": "13.0.0"},
        {
            "django": project("6.1.3"),
            "pillow": project("13.0.0", {"id": "PYSEC-1", "withdrawn": None}),
        },
        {},
    )
    assert lines == ["  django 6.1.3: latest release, no known vulnerability"]
    assert problems == ["pillow 13.0.0: known vulnerabilities PYSEC-1."]


def test_an_older_pin_fails_unless_it_is_an_explained_exception():
    pins = {"python-dateutil": "2.9.0.post0"}
    projects = {"python-dateutil": project("4.0.0")}
    _lines, problems = audit.verdict(pins, projects, {})
    assert len(problems) == 1 and "is not the latest release (4.0.0)" in problems[0]
    allowed = {"python-dateutil": ("2.9.0.post0", "botocore requires <3")}
    lines, problems = audit.verdict(pins, projects, allowed)
    assert problems == []
    assert "NOT AUDITED" in lines[0] and "botocore requires <3" in lines[0]


def test_unanswered_projects_and_stale_or_unexplained_exceptions_fail():
    _lines, problems = audit.verdict({"six": "1.17.0"}, {}, {"boto3": ("1.0", "old reason")})
    assert problems == [
        "six 1.17.0: PyPI's project JSON did not answer.",
        "requirements-audit-exceptions.txt: boto3==1.0 is not pinned any more.",
    ]
    entries, problems = audit.exceptions("six==1.17.0\nboto3==1.0  # a reason\n")
    assert entries == {"boto3": ("1.0", "a reason")}
    assert problems == ["requirements-audit-exceptions.txt:1: write `name==version  # reason`."]


def test_the_exception_file_parses_and_every_pin_is_read():
    text = (settings.BASE_DIR / "requirements-audit-exceptions.txt").read_text()
    entries, problems = audit.exceptions(text)
    assert problems == []
    pins = audit.pins()
    assert all(pins.get(name) == version for name, (version, _why) in entries.items())
    assert {"django", "pip-audit", "bandit"} <= set(pins)
