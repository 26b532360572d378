"""Every write about editions and their publication goes through here.

Publication sits on top of the other apps: it may read submissions' and the jury's
selectors, never the other way round.
"""

from .certificates import (
    certificate_revoke,
    certificate_runs_fail_stalled,
    certificates_plan,
    certificates_request,
)
from .editions import (
    EDITABLE_FIELDS,
    edition_actions,
    edition_create,
    edition_facts,
    edition_transition,
    edition_update,
)
from .publication import results_publish

__all__ = [
    "EDITABLE_FIELDS",
    "certificate_revoke",
    "certificates_plan",
    "certificate_runs_fail_stalled",
    "certificates_request",
    "edition_actions",
    "edition_create",
    "edition_facts",
    "edition_transition",
    "edition_update",
    "results_publish",
]
