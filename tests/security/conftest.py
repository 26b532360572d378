import pytest

from tests.security.world import build


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    return build(django_capture_on_commit_callbacks)
