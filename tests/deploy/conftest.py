"""The tests of the site as deployed: real servers, workers, databases and S3 servers
started by the tests themselves on 127.0.0.1."""

from django.conf import settings

# These run the site on PostgreSQL (several servers on one database; a PostgreSQL
# restart), so they belong to the PostgreSQL + S3 leg only. In the SQLite leg they are
# not collected at all rather than skipped: the README's test command runs both legs,
# and a skip would look like a test that could not pass.
collect_ignore = (
    []
    if settings.TEST_BACKEND == "postgres"
    else ["test_two_servers.py", "test_database_restart.py"]
)
