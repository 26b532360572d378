import pytest
from django.core.management import call_command


@pytest.fixture
def migrations_restored():
    """For a test that moves the accounts app back and forth between migrations: after
    it, every app is migrated to its latest again, whatever migrations come later."""
    yield
    call_command("migrate", verbosity=0)
