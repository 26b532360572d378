"""Security headers and cookies on real responses: with the test settings for what does
not need TLS, and with settings.production (in a child process, behind the TLS proxy or
not) for HSTS, the SSL redirect and Secure cookies; `check --deploy` is clean; and no
template needs the Content Security Policy to allow inline code."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import PASSWORD, UserFactory

ROOT = Path(settings.BASE_DIR)
HSTS = "max-age=31536000; includeSubDomains; preload"


def csp_directives(header: str) -> dict[str, list[str]]:
    parts = (d.split() for d in header.split(";") if d.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client):
    for url in ("/en/", "/en/accounts/login/", "/robots.txt", "/api/v1/"):
        response = client.get(url)
        csp = csp_directives(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"], url
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"], url
        assert csp["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_same_site(client):
    page = client.get("/en/accounts/login/")
    csrf = page.cookies["csrftoken"]
    assert (bool(csrf["httponly"]), csrf["samesite"]) == (True, "Lax")
    user = UserFactory()
    response = client.post("/en/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert (bool(session["httponly"]), session["samesite"]) == (True, "Lax")


def production_env(tmp_path, **overrides) -> dict:
    """A realistic production environment (see settings/production.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="prize.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        EMAIL_HOST="smtp.example.org",
        SECRETARIAT_EMAIL="dosta-prize@coe.example",
        PYTHONPATH=str(ROOT),
        PYTHONWARNINGS="ignore",
    )
    env.update(overrides)
    return env


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    done = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "System check identified no issues" in done.stdout


@pytest.mark.slow
def test_check_deploy_fails_with_a_weak_secret_key(tmp_path):
    env = production_env(tmp_path, DJANGO_SECRET_KEY="short")
    done = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert done.returncode == 1
    assert "security.W009" in done.stderr


@pytest.mark.slow
def test_production_redirects_to_https_and_sends_hsts_and_secure_cookies(tmp_path):
    done = run(["tests/security/production_probe.py"], production_env(tmp_path))
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    plain, tls, login = answers["plain"], answers["tls"], answers["login"]
    assert (plain["status"], plain["headers"]["Location"]) == (
        301,
        "https://prize.example.org/robots.txt",
    )
    assert "Strict-Transport-Security" not in plain["headers"]  # only over TLS
    assert tls["status"] == 200
    assert tls["headers"]["Strict-Transport-Security"] == HSTS
    assert login["headers"]["Strict-Transport-Security"] == HSTS
    assert "'unsafe-inline'" not in login["headers"]["Content-Security-Policy"]
    assert login["cookies"]["csrftoken"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert answers["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


# Inline code a CSP without 'unsafe-inline' blocks: a <script> without src (data blocks
# of type application/json or ld+json are not run and are allowed), a style attribute,
# an on… event handler attribute, a javascript: URL, a <style> element.
INLINE = {
    "inline script": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/(?:ld\+)?json[\"'])[^>]*>",
        re.I,
    ),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style element": re.compile(r"<style\b", re.I),
}


def templates() -> list[Path]:
    folders = [ROOT / "templates"] + [ROOT / app / "templates" for app in ("accounts", "prize")]
    folders += [ROOT / app / "templates" for app in ("submissions", "jury")]
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*.html"))


def test_no_template_needs_unsafe_inline():
    found = templates()
    assert len(found) > 30  # the scan reaches the templates
    problems = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in found
        for what, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]
    assert problems == []


def test_the_inline_scan_catches_each_kind():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "style attribute": '<p class="x" style="color: red">',
        "event handler": '<button onclick="go()">',
        "javascript: URL": '<a href="javascript:go()">',
        "style element": "<style>p {}</style>",
    }
    assert {
        what: bool(INLINE[what].search(text)) for what, text in samples.items()
    } == dict.fromkeys(samples, True)
    allowed = '<script src="/static/js/scoring.js" defer></script><script type="application/json">'
    assert not any(pattern.search(allowed) for pattern in INLINE.values())
