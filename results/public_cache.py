"""Whole public pages cached for anonymous visitors, correct with several servers.

The pages are held by Django's cache framework (the `public_pages` cache of the CACHES
setting: each server's own memory by default, any shared backend if configured), under
a key that carries the token of PublicPagesVersion: one row in the database, read once
per anonymous request (a primary-key lookup, about a tenth of a millisecond). Any change
that shows on a public page calls `public_pages_changed()`, which gives the row a new
random token once the change is committed: from then on no server finds its old pages,
whoever made the change, and the old ones age out of the cache.

What is cached: only GET requests without a session cookie (so no logged-in user, no
messages, nothing per person), and only responses that set no cookie and used no CSRF
token. Nothing is cached or served inside a transaction: a page rendered there may show
uncommitted data, and a cached one may predate the transaction's own changes.

Call `public_pages_changed()` from any service whose change shows on public pages; the
receivers in results/signals.py already call it when the models they show are saved or
deleted (which covers the admin), and bulk writes call it themselves.
"""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from results.models import PublicPagesVersion

CACHE = "public_pages"


def public_pages_changed() -> None:
    """Every public page may have changed: once the current transaction commits (at once
    outside one), every server renders its pages again. Each call costs one update of
    one row after the commit: writes of many rows call it once themselves (bulk writes
    send no signals)."""
    transaction.on_commit(_new_token)


def _new_token() -> None:
    token = uuid.uuid4().hex
    updated = PublicPagesVersion.objects.filter(pk=1).update(token=token, changed_at=timezone.now())
    if not updated:  # the row was deleted (a flushed database): start again
        PublicPagesVersion.objects.get_or_create(pk=1, defaults={"token": token})


def clear_local() -> None:
    """Forget the cached pages (tests start from an empty cache)."""
    caches[CACHE].clear()


def _token() -> str | None:
    """The current token, or None when it cannot be read (no row, no database): then the
    page is rendered as if there were no cache."""
    try:
        return PublicPagesVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    except DatabaseError:
        return None  # the view's own queries will say what is wrong


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
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        key = f"{token}:{hashlib.sha256(address.encode()).hexdigest()}"  # any backend's keys
        cached = caches[CACHE].get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                caches[CACHE].set(key, (response.content, response["Content-Type"]))
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
