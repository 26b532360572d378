"""The ranking figures: the `rank_edition` command and the chair's ranking page."""

import io
import time

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prize.models import Edition
from tests.otp import LoggedInClient


def chair_page(*, edition: Edition, chair) -> tuple[float, int, int]:
    """One view of the chair's deliberation page: (seconds, queries, bytes)."""
    client = LoggedInClient()
    client.force_login(chair)
    url = reverse("jury:deliberation", kwargs={"number": edition.number})
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - began
    if response.status_code != 200:
        raise RuntimeError(f"the chair's page answered {response.status_code}")
    return seconds, len(queries), len(response.content)


def rank_edition(*, edition: Edition) -> float:
    """Seconds of `manage.py rank_edition NUMBER --format json`."""
    began = time.perf_counter()
    call_command("rank_edition", str(edition.number), format="json", stdout=io.StringIO())
    return time.perf_counter() - began


def best_of(runs: int, measure, **kwargs):
    """The fastest of a few runs (the first warms the caches); noise only ever adds time."""
    results = [measure(**kwargs) for _ in range(runs)]
    return min(results, key=lambda r: r[0] if isinstance(r, tuple) else r)
