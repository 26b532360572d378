"""How each fuzz example is sent and judged.

Every example runs in a savepoint that is rolled back afterwards, so examples never see
each other's rows. Before the request the rows of every model of the project are
digested; when the answer is a refusal (a 4xx, a form with errors, or an error message
on the page it leads to), the digest afterwards must be the same: nothing written."""

import hashlib
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import messages
from django.core.signals import request_finished
from django.db import close_old_connections, transaction

from tests.otp import LoggedInClient

APP_LABELS = ("accounts", "submissions", "jury", "prize", "alliance", "outreach", "results")

# url name -> the form classes its fuzz test sends data through. Filled by @fuzzes at
# import; tests/fuzz/test_coverage.py checks it against the site's forms and URLs.
REGISTRY: dict[str, set[type]] = {}


def fuzzes(*url_names: str, forms: tuple = ()):
    def mark(test):
        for name in url_names:
            REGISTRY.setdefault(name, set()).update(forms)
        return test

    return mark


def models():
    return [m for label in APP_LABELS for m in apps.get_app_config(label).get_models()]


def snapshot() -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row, for each model of the project."""
    state = {}
    for model in models():
        rows = list(model.objects.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()
        state[model._meta.label] = (len(rows), digest)
    return state


def changed(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


@dataclass
class Outcome:
    response: object
    before: dict
    after: dict
    errors: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    probed: object = None

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def refused(self) -> bool:
        return self.status >= 400 or bool(self.errors)

    @property
    def changed(self) -> list[str]:
        return changed(self.before, self.after)


def _errors(response) -> list[str]:
    """Form errors on the page, and error messages queued for the next page."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values() if hasattr(context, "flatten") else []:
            if hasattr(value, "errors") and hasattr(value, "is_bound") and value.is_bound:
                found += [str(e) for e in value.errors.values()] if value.errors else []
    found += [str(m) for m in _all_messages(response) if m.level >= messages.ERROR]
    return found


def _all_messages(response) -> list:
    """The messages of this request: still queued (for the next page after a redirect),
    or already shown on this page (then moved to the loaded ones)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return [*getattr(storage, "_loaded_data", []), *getattr(storage, "_queued_messages", [])]


def _messages(response) -> list[str]:
    return [str(m) for m in _all_messages(response)]


def _close(response) -> None:
    """Close a streamed response as a WSGI server does, but keep the database connection
    of the test (as Django's test client does for other responses)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def send(
    user,
    method: str,
    url: str,
    data=None,
    *,
    headers: dict | None = None,
    query: dict | None = None,
    content_type: str | None = None,
    prepare=None,
    probe=None,
) -> Outcome:
    """One request as `user` (None: anonymous), in a savepoint rolled back afterwards."""
    client = LoggedInClient()
    with transaction.atomic():
        if user is not None:
            client.force_login(user)
        if prepare is not None:  # e.g. open the link that puts a token in the session
            url = prepare(client) or url
        before = snapshot()
        kwargs = {"headers": headers or {}}
        if query is not None:
            kwargs["query_params"] = query
        if content_type is not None:
            kwargs["content_type"] = content_type
        response = getattr(client, method.lower())(url, data, **kwargs)
        if response.streaming:  # a file: read it all (an error may come mid-stream), close it
            b"".join(response.streaming_content)
            _close(response)
        after = snapshot()
        outcome = Outcome(response, before, after, _errors(response), _messages(response))
        outcome.probed = probe() if probe is not None else None
        transaction.set_rollback(True)
    return outcome


def written_on_refusal(outcome: Outcome, *, by_design: tuple[str, ...] = ()) -> list[str]:
    """The models written although the answer is a refusal (but those whose partial save
    is by design: a draft's text is kept even when its submission is refused)."""
    if not outcome.refused:
        return []
    return [m for m in outcome.changed if m not in by_design]


def json_body(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)
