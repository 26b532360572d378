"""The submissions tests' people and entries, for the privacy tests."""

from tests.submissions.conftest import (  # noqa: F401  (fixtures)
    authority,
    draft,
    edition,
    member,
    other_member,
    ready,
)
