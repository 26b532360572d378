"""Every write about an edition's lifecycle, its publication and its certificates.

This app sits on top of the others: it may read submissions' and the jury's selectors and
call their services, never the other way round.
"""

from .certificates import (
    certificate_revoke,
    certificate_runs_fail_stalled,
    certificates_plan,
    certificates_request,
)
from .lifecycle import edition_actions, edition_facts, edition_transition
from .news import news_create, news_delete, news_update
from .publication import results_publish

__all__ = [
    "certificate_revoke",
    "certificates_plan",
    "certificate_runs_fail_stalled",
    "certificates_request",
    "edition_actions",
    "edition_facts",
    "edition_transition",
    "news_create",
    "news_delete",
    "news_update",
    "results_publish",
]
