"""PostgreSQL restarted while a juror scores, through a real gunicorn server on a private
cluster (the machine's shared server is never touched): a request during the outage
gets a clear 503 page, the next one works again on a fresh connection, and a score form
is saved whole or not at all."""

import os
import subprocess
import threading
from decimal import Decimal

import pytest
from django.db import connection

from tests import processes
from tests.deploy.web import Browser
from tests.factories import PASSWORD, jury_at_work
from tests.otp import app_code, app_device
from tests.pgserver import PrivatePostgres


@pytest.fixture
def private_postgres():
    with PrivatePostgres() as pg:
        yield pg


def copy_test_database(pg: PrivatePostgres) -> None:
    """The test database (schema and rows) into the private cluster, as `dosta`."""
    db = connection.settings_dict
    env = dict(
        os.environ,
        PGHOST=db["HOST"] or "127.0.0.1",
        PGPORT=str(db["PORT"] or 5432),
        PGUSER=db["USER"] or "postgres",
        PGPASSWORD=db["PASSWORD"] or "",
    )
    dump = subprocess.run(
        [str(pg.bindir / "pg_dump"), "--no-owner", "--no-privileges", "-d", db["NAME"]],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    pg.psql("postgres", "CREATE DATABASE dosta")
    pg.psql("dosta", stdin=dump)


def stored(pg: PrivatePostgres, assignment_id: int) -> dict:
    rows = pg.psql(
        "dosta",
        "SELECT c.code, s.value FROM jury_score s JOIN prize_criterion c ON c.id = s.criterion_id"
        f" WHERE s.assignment_id = {int(assignment_id)}",
    )
    return {code: Decimal(value) for code, value in (r.split("|") for r in rows.splitlines())}


def form_fields(codes, value: Decimal) -> dict:
    """Every criterion, each a different value around `value`: a half-written form would
    mix two sets."""
    return {
        **{f"value_{c}": str(value + Decimal(i) / 2) for i, c in enumerate(codes)},
        "overall": "",
        "action": "save",
    }


def as_values(fields: dict) -> dict:
    return {k.removeprefix("value_"): Decimal(v) for k, v in fields.items() if k[:6] == "value_"}


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_restart_during_scoring_ends_in_a_clear_503_then_works_again(
    private_postgres, tmp_path
):
    pg = private_postgres
    work = jury_at_work(jurors=1, entries=1, number=61)
    juror, entry = work.jurors[0], work.entries[0]
    assignment = juror.assignments.get()
    codes = [c.code for c in work.edition.criteria.all()]
    device = app_device(juror.user)  # a juror in judging logs in with a second factor
    copy_test_database(pg)
    # One gunicorn worker, so its one persistent connection meets the restart.
    server = processes.Server(
        env=processes.app_env(database_url=pg.url("dosta")),
        log=tmp_path / "server.log",
        workers=1,
    )
    url = f"/en/jury/{work.edition.number}/entries/{entry.ref}/"
    try:
        server.wait_ready()
        browser = Browser()
        assert browser.log_in(server.url, juror.user.email, PASSWORD).status == 302
        assert browser.pass_second_factor(server.url, app_code(device)).status == 302
        assert browser.get(server.url, url).status == 200
        first = form_fields(codes, Decimal(1))
        assert browser.post(server.url, url, first).status == 302

        # Restarted between two requests: the stale connection is noticed and replaced.
        pg.restart()
        page = browser.get(server.url, url)
        assert page.status == 200
        assert 'value="1.5"' in page.text  # the saved form, read on a new connection
        second = form_fields(codes, Decimal(2))
        assert browser.post(server.url, url, second).status == 302

        # Down: the juror's next save gets the clear page, not a traceback.
        pg.stop()
        refused = browser.post(server.url, url, form_fields(codes, Decimal(3)))
        assert refused.status == 503
        assert refused.headers["Retry-After"] == "30"
        assert "The site is temporarily unavailable" in refused.text
        assert "your last save is kept" in refused.text
        assert "Traceback" not in refused.text
        health = browser.get(server.url, "/health/")
        assert (health.status, health.headers["Retry-After"]) == (503, "30")
        pg.start()
        page = browser.get(server.url, url)
        assert page.status == 200
        assert stored(pg, assignment.pk) == as_values(second)
        assert browser.get(server.url, "/health/").text == "ok\n"

        # Restarted while the juror keeps saving: each save is answered (saved, or the
        # clear page), and what is stored is one whole form, never a mix of two.
        sent, answers = [], []
        restart = threading.Timer(0.3, pg.restart)
        restart.start()

        def save(step: int) -> None:
            fields = form_fields(codes, Decimal(step % 6) / 2)
            browser.get(server.url, url)
            answers.append(browser.post(server.url, url, fields).status)
            sent.append(as_values(fields))

        step = 0
        while restart.is_alive() and step < 200:  # saves before, during and after
            save(step)
            step += 1
        restart.join()
        save(step)  # and once it is back up
        assert set(answers) <= {302, 503}, answers
        assert answers[-1] == 302
        assert stored(pg, assignment.pk) == sent[-1]
        assert "Internal Server Error" not in server.log_tail(100_000)
    finally:
        server.stop()
