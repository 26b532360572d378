"""Every page of the permission matrix (matrix.py) that answers a role with HTML, in
English and in French: what the checks of every page read (valid HTML, no value a
browser drops, the footer's links). The admin's pages are Django's own and left out."""

from django.urls import reverse
from django.utils import translation

from tests.security.matrix import CASES
from tests.security.test_permission_matrix import client_for
from tests.security.world import ROLES

LANGUAGES = ("en", "fr")
DJANGO_ADMIN = {"admin_login"}  # the admin's login page, behind the site's throttle


def html_pages(world, roles=ROLES):
    """(role, language, url, html) of every page each role may see."""
    for case in CASES:
        if case.method != "GET" or case.name in DJANGO_ADMIN:
            continue
        for role in roles:
            if case.expect[role] != 200:
                continue
            client = client_for(world, role)
            for language in LANGUAGES:
                with translation.override(language):
                    url = reverse(case.name, kwargs=case.kwargs(world))
                response = client.get(url)
                if response.streaming:  # a file, not a page: read it, which closes it
                    b"".join(response.streaming_content)
                    continue
                if response.status_code != 200:  # a file on S3: a signed redirect
                    continue
                if response.get("Content-Type", "").startswith("text/html"):
                    yield role, language, url, response.content.decode()
