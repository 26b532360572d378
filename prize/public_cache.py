"""Whole public pages cached for anonymous visitors, correct with several servers.

Each server keeps the pages it rendered in its own memory, under a key that carries the
token of PublicPagesVersion: one row in the database, read once per anonymous request
(a primary-key lookup, about a tenth of a millisecond). Any change that shows on a public
page calls `public_pages_changed()`, which gives the row a new random token once the
change is committed: from then on no server finds its old pages, whoever made the change.
Why not a shared cache (Django's DatabaseCache)? It also costs a query per request, but a
larger one, and the page still has to be unpickled; the token costs the same query and
the pages stay in memory where they are served from.

What is cached: only GET requests without a session cookie (so no logged-in user, no
messages, nothing per person), and only responses that set no cookie and used no CSRF
token. Nothing is cached or served inside a transaction: a page rendered there may show
uncommitted data, and a cached one may predate the transaction's own changes.

Call `public_pages_changed()` from any service whose change shows on public pages; the
receivers in prize/signals.py already call it when the models they show are saved or
deleted (which covers the admin), and bulk writes call it themselves.
"""

import functools
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from .models import PublicPagesVersion


class _Pages:
    """This process's pages, by version token and address; the least recently used go
    first. A plain dict under a lock: the pages are immutable bytes, so unlike Django's
    local-memory cache nothing is pickled, and keys are not checked for memcached."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def set(self, key: str, value: tuple[bytes, str]) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


# Old versions' pages are never asked for again and age out.
_pages = _Pages(2000)


def public_pages_changed() -> None:
    """Every public page may have changed: once the current transaction commits (at once
    outside one), every server renders its pages again. Cheap to call often: one update
    per transaction, however many calls."""
    if any(func is _new_token for _sids, func, *_ in connection.run_on_commit):
        return
    transaction.on_commit(_new_token)


def _new_token() -> None:
    token = uuid.uuid4().hex
    updated = PublicPagesVersion.objects.filter(pk=1).update(token=token, changed_at=timezone.now())
    if not updated:  # the row was deleted (a flushed database): start again
        PublicPagesVersion.objects.get_or_create(pk=1, defaults={"token": token})


def clear_local() -> None:
    """Forget this process's pages (tests start from an empty cache)."""
    _pages.clear()


def _token() -> str | None:
    """The current token, or None when it cannot be read (no row, no database): then the
    page is rendered as if there were no cache.

    Read on the driver's own cursor: this query also proves the connection usable, so
    Django's health check (a SELECT 1 before the request's first query, when
    CONN_HEALTH_CHECKS is on) is marked done instead of costing a second round trip.
    """
    try:
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        try:
            cursor.execute(_TOKEN_SQL)
            row = cursor.fetchone()
        finally:
            cursor.close()
    except connection.Database.Error:
        return None  # the view's own queries go through Django, which reconnects
    connection.health_check_done = True
    return row[0] if row else None


_TOKEN_SQL = f"SELECT token FROM {PublicPagesVersion._meta.db_table} WHERE id = 1"  # noqa: S608  # nosec B608 # the table name is the model's own, no input


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not connection.in_atomic_block
    )


def cached_public_page(view):
    """Serve the view's page from the cache to anonymous visitors (see the module)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _token() if _cacheable(request) else None
        if token is None:
            return view(request, *args, **kwargs)
        key = f"{token}:{request.scheme}:{request.get_host()}:{request.get_full_path()}"
        cached = _pages.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                _pages.set(key, (response.content, response["Content-Type"]))
        # The page differs for logged-in people: no shared HTTP cache may mix them up.
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )
