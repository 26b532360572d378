"""The permission matrix: every URL of the site × every role, with the expected status,
and nothing private in any answer to a role that must not see it (tests/security/
matrix.py and world.py)."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.downloads import downloaded, is_signed_redirect
from tests.factories import EditionFactory
from tests.otp import LoggedInClient
from tests.security.matrix import CASES, LOGIN
from tests.security.world import MARKERS, MUST_SEE, ROLES, SEC

pytestmark = pytest.mark.django_db

TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml")
TEXT_TYPES += ("application/atom+xml", "application/ld+json")
# What a Content Security Policy without 'unsafe-inline' would block in a page.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
INLINE_STYLE_OR_HANDLER = re.compile(r"<[a-z][^>]*\s(?:style|on[a-z]+)\s*=", re.I)


def url_names(resolver=None, namespace=()) -> set[str]:
    """The name of every URL pattern of the site, namespaces included."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.add(":".join((*namespace, pattern.name or f"<unnamed {pattern.pattern}>")))
    return names


def outcome(response, login="/en/accounts/login/"):
    if response.status_code == 302 and response["Location"].startswith(login):
        return LOGIN
    if is_signed_redirect(response):  # a permitted file, on S3: what the bucket answers
        return downloaded(response).status
    return response.status_code


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    # Consuming the streamed content closes the response (the test client's wrapper).
    if not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return ""
    return content.decode("utf-8", errors="replace")


def client_for(world, role) -> LoggedInClient:
    client = LoggedInClient()
    if role in world.users:
        client.force_login(world.users[role])
    return client


def request(world, role, case):
    """One request as `role`. A POST runs in a transaction that is rolled back, so the
    cases do not change the world for the ones after."""
    with translation.override("en"):
        url = reverse(case.name, kwargs=case.kwargs(world))
    client = client_for(world, role)
    if case.method == "GET":
        return url, client.get(url)
    with transaction.atomic():
        response = client.generic(case.method, url, data=_encoded(case.data), content_type=_FORM)
        transaction.set_rollback(True)
    return url, response


_FORM = "application/x-www-form-urlencoded"


def _encoded(data: dict) -> str:
    return urlencode(data)


def test_every_url_pattern_is_in_the_matrix():
    """A new page must be judged here before it ships (the admin is judged as a whole)."""
    site = {name for name in url_names() if not name.startswith("admin:")}
    judged = {case.name for case in CASES}
    assert sorted(site - judged) == [], "URL patterns missing from tests/security/matrix.py"
    assert sorted(judged - site) == [], "matrix rows for URL patterns that do not exist"
    assert all(set(case.expect) == set(ROLES) for case in CASES)


@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_each_role_as_expected_and_leaks_nothing(world, role):
    mismatches, seen, inline = [], {}, []
    for case in CASES:
        url, response = request(world, role, case)
        got = outcome(response)
        if got != case.expect[role]:
            mismatches.append(f"{case.method} {url}: expected {case.expect[role]}, got {got}")
        text = body(response)
        for marker in MARKERS:
            if marker in text:
                seen.setdefault(marker, []).append(f"{case.method} {url}")
        if response.get("Content-Type", "").startswith("text/html") and (
            INLINE_SCRIPT.search(text) or INLINE_STYLE_OR_HANDLER.search(text)
        ):
            inline.append(url)
    leaked = sorted(f"{m} in {where}" for m, where in seen.items() if role not in MARKERS[m])
    problems = {
        "unexpected statuses": mismatches,
        "shown what the role must not see": leaked,
        "not shown what the role must see (the leak check is live)": sorted(
            MUST_SEE[role] - set(seen)
        ),
        "pages with inline script, style or event handlers": inline,
    }
    assert problems == dict.fromkeys(problems, [])


def admin_urls(world) -> dict[str, str]:
    """{name: URL} of every named admin URL, with the pk of a real object where the
    pattern needs one; plus an unknown admin path (the admin's catch-all)."""
    objects = {
        f"{model._meta.app_label}_{model._meta.model_name}": model._default_manager.first()
        for model in admin.site._registry
    }
    urls = {  # the unnamed ones: the catch-all, and each model's old change address
        "admin:<unnamed (?P<url>.*)$>": "/en/admin/no-such-page/",
        "admin:<unnamed <path:object_id>/>": f"/en/admin/prize/edition/{world.published.pk}/",
    }
    with translation.override("en"):
        for pattern in _flat(admin.site.get_urls()):
            if pattern.name:
                obj = objects.get(pattern.name.rsplit("_", 1)[0])
                kwargs = _admin_kwargs(pattern, obj.pk if obj else 1, world)
                urls[f"admin:{pattern.name}"] = reverse(f"admin:{pattern.name}", kwargs=kwargs)
    return urls


def _flat(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _flat(pattern.url_patterns)
        else:
            yield pattern


def _admin_kwargs(pattern, pk, world) -> dict:
    kwargs = {}
    for key in pattern.pattern.regex.groupindex:
        if key == "app_label":
            kwargs[key] = "prize"
        elif key == "content_type_id":
            kwargs[key] = ContentType.objects.get_for_model(world.jury_edition).pk
            kwargs["object_id"] = world.jury_edition.pk
        else:
            kwargs.setdefault(key, pk)
    return kwargs


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_staff_only(world, role):
    """Every admin URL sends anyone who is not staff to the admin's login page."""
    urls = admin_urls(world)
    names = {name for name in url_names() if name.startswith("admin:")}
    assert sorted(names - set(urls)) == [], "admin URLs this test does not request"
    answers = {
        name: outcome(client_for(world, role).get(url), login="/en/admin/login/")
        for name, url in urls.items()
    }
    if role == SEC:
        wrong = {name: got for name, got in answers.items() if got == LOGIN or got >= 500}
    else:
        # The login page itself; logging out sends non-staff to the index (then login).
        open_pages = {"admin:login": 200, "admin:logout": 302}
        wrong = {name: got for name, got in answers.items() if got != open_pages.get(name, LOGIN)}
    assert wrong == {}


def test_an_admin_address_naming_no_transition_is_a_404_not_a_500(client, secretary):
    edition = EditionFactory()
    client.force_login(secretary)
    for name in ("save", "delete", "no_such_step"):
        response = client.get(f"/en/admin/prize/edition/{edition.pk}/transition/{name}/")
        assert response.status_code == 404, name
    edition.refresh_from_db()
    assert edition.state == "draft"


# The admin pages whose rows the secretariat may repair (accounts/permissions.py); every
# other page only shows. Nothing is added in the admin: the site's pages and services do.
SECRETARIAT_REPAIRS = {
    "accounts_user",
    "prize_edition",
    "submissions_authority",
    "submissions_entry",
    "jury_juror",
    "alliance_participation",
    "alliance_profile",
    "results_newsitem",
}


def test_in_the_admin_the_secretariat_looks_at_everything_and_adds_nothing(world):
    """The secretariat's account is staff in the Secretariat group, not a superuser: it
    sees every list and every record, and no add page opens for it."""
    assert (world.users[SEC].is_superuser, world.users[SEC].is_secretariat) == (False, True)
    client = client_for(world, SEC)
    answers = {}
    for name, url in admin_urls(world).items():
        if name.endswith(("_changelist", "_add")):
            answers[name] = client.get(url).status_code
    lists = {n: got for n, got in answers.items() if n.endswith("_changelist") and got != 200}
    adds = {n: got for n, got in answers.items() if n.endswith("_add") and got != 403}
    assert (lists, adds) == ({}, {})
    changeable = {
        f"{model._meta.app_label}_{model._meta.model_name}"
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_change_permission(_request_as(world.users[SEC]))
    }
    assert changeable == SECRETARIAT_REPAIRS


def _request_as(user):
    request = RequestFactory().get("/en/admin/")
    request.user = user
    return request
