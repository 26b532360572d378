"""Moving the test database between migrations, for the tests of a data migration: the
state's models at `targets`, to write rows as the old code did and read them as the new
code does. Use with the `migrations_restored` fixture (tests/conftest.py)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration)]); the models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
