"""The fuzz suite covers every form of the site and every URL that takes input: a new
form class, or a new URL, fails here until it is fuzzed (or said to take no input)."""

import importlib
import inspect
from pathlib import Path

from django import forms
from django.contrib.auth import views as auth_views

from tests.fuzz.runner import REGISTRY
from tests.fuzz.sitemap import routes

FORM_MODULES = [
    "accounts.forms",
    "submissions.forms",
    "jury.forms",
    "prize.forms",
    "alliance.forms",
    "results.forms",
]

# Views that read nothing from the request but their path (fuzzed for every URL by
# test_paths) and the session: pages, files, exports, feeds, logouts.
NO_FORM = {
    "certificate_short": "a redirect to the verification page",
    "sitemap": "an XML list of pages",
    "robots_txt": "a fixed text",
    "health": "no input: a check that the server reaches its database",
    "ready": "no input: the load balancer's readiness check",
    "favicon": "a redirect to the icon's static file",
    "accounts:my_data": "a file: the person's own data",
    "prize:privacy": "a page",
    "prize:contact": "a page",
    "accounts:home": "a page",
    "accounts:logout": "no fields (Django's LogoutView)",
    "accounts:password_reset_done": "a page",
    "accounts:password_reset_complete": "a page",
    "accounts:register_sent": "a page",
    "accounts:second_factor": "a page",
    "accounts:second_factor_codes": "a page; its form has no field (the codes were kept)",
    "accounts:second_factor_codes_download": "a file",
    "accounts:second_factor_codes_new": "no fields: the button's URL is the whole input",
    "submissions:start": "a page",
    "submissions:authority": "a page",
    "submissions:entry": "a page",
    "submissions:entry_receipt": "a PDF",
    "submissions:photo_file": "a file",
    "submissions:attachment_file": "a file",
    "submissions:secretariat_authorities": "a page",
    "submissions:authority_verify": "no fields: the button's URL is the whole input",
    "jury:seats": "a page",
    "jury:photo_file": "a file",
    "jury:attachment_file": "a file",
    "jury:deliberation": "a page",
    "jury:export": "a file",
    "results:home": "a page",
    "results:edition": "a page",
    "results:laureate": "a page",
    "results:results_rss": "a feed",
    "results:results_atom": "a feed",
    "results:my_certificates": "a page",
    "results:certificate": "a page",
    "results:certificate_pdf": "a file",
    "results:secretariat": "a page",
    "results:start": "a redirect to the landing page of the person's role",
    "results:todo": "a page",
    "results:secretariat_certificates": "a page",
    "results:secretariat_edition_confirm": "a page; a step in the address that is not asked "
    "first is a 404 (tests/results/test_confirmations.py); its form posts to the transition",
    "results:secretariat_edition_preview": "a page",
    "results:secretariat_certificates_zip": "a file",
    "alliance:profile": "a page",
    "alliance:letter": "a file",
    "prize:call_pdf": "a PDF of the edition's call",
    "results:statistics": "a page",
    "results:statistics_csv": "a file",
    "results:edition_statistics": "a page",
    "results:edition_statistics_csv": "a file",
    "results:edition_statistics_pdf": "a PDF",
    "results:edition_entries_csv": "a file",
    "results:news_item": "a page",
    "results:news_photo": "a file; a size that is not one is a 404",
    "results:news_rss": "a feed",
    "results:news_atom": "a feed",
    "results:secretariat_news": "a page",
}


def _load_fuzz_tests() -> None:
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        importlib.import_module(f"tests.fuzz.{path.stem}")


def site_forms() -> set[type]:
    found = set()
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
            ):
                found.add(value)
    return found


def test_every_form_class_is_fuzzed():
    _load_fuzz_tests()
    fuzzed = set().union(*REGISTRY.values())
    missing = sorted(f"{f.__module__}.{f.__name__}" for f in site_forms() - fuzzed)
    assert missing == []


def test_the_forms_of_django_views_are_fuzzed():
    """The account views built on Django's own take Django's forms; those are fuzzed too."""
    _load_fuzz_tests()
    fuzzed = set().union(*REGISTRY.values())
    used = {
        auth_views.PasswordResetView.form_class,
        auth_views.PasswordResetConfirmView.form_class,
    }
    assert used - fuzzed == set()


def test_every_url_is_fuzzed_or_takes_no_form():
    _load_fuzz_tests()
    names = {route.name for route in routes()}
    unaccounted = sorted(names - set(REGISTRY) - set(NO_FORM))
    assert unaccounted == []
    gone = sorted((set(REGISTRY) | set(NO_FORM)) - names)
    assert gone == []
