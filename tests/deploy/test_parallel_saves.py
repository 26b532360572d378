"""Parallel saves on a real server, on both legs: the embedded default (SQLite, in WAL
mode with immediate transactions and a busy timeout: settings.base.SQLITE_OPTIONS) must
hold what PostgreSQL holds. Before those options, 4 of 6 parallel autosaves and 5 of 6
parallel score submits answered 500 "database is locked".

The server is gunicorn with several worker processes, each with several threads, so the
saves meet both as threads of one process and as separate processes on one file."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection

from jury.enums import AssignmentState
from jury.models import Assignment, Score
from prize.enums import EditionState
from submissions import services as submissions
from submissions.models import Entry
from tests import processes
from tests.deploy.web import Browser
from tests.factories import PASSWORD, AuthorityFactory, EditionFactory, UserFactory, jury_at_work
from tests.otp import app_code, app_device

PEOPLE = 6


def entry_fields(entry: Entry, n: int) -> dict:
    return {
        "version": entry.version,
        "language": "en",
        "title_en": f"Parallel title {n}",
        "title_fr": "",
        "summary": f"Saved in parallel, number {n}.",
        "description": "",
        "action": "save",
    }


def score_fields(codes: list[str], n: int, action: str) -> dict:
    values = {f"value_{code}": str(Decimal(n + i) / 2) for i, code in enumerate(codes)}
    return {**values, "overall": "", "action": action}


def together(calls: list) -> list:
    """Every call at the same moment, each from its own thread (a barrier releases them)."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_parallel_autosaves_and_score_submits_all_answer_and_all_are_recorded(tmp_path):
    if connection.vendor == "sqlite":  # the options under test are the server's too
        assert settings.DATABASES["default"]["OPTIONS"] == settings.SQLITE_OPTIONS
    open_edition = EditionFactory(number=70, state=EditionState.OPEN)
    members, drafts = [], []
    for n in range(PEOPLE):
        member = UserFactory(email=f"writer{n}@town.example", language="en")
        authority = AuthorityFactory(name=f"Parallel town {n}")
        authority.members.add(member)
        draft = submissions.entry_create(
            by=member, authority_id=authority.pk, edition_id=open_edition.pk
        )
        members.append(member)
        drafts.append(draft)
    work = jury_at_work(jurors=PEOPLE, entries=1, number=71)
    codes = [c.code for c in work.edition.criteria.all()]
    ref = work.entries[0].ref
    sheet = f"/en/jury/{work.edition.number}/entries/{ref}/"

    server = processes.Server(
        env=processes.app_env(), log=tmp_path / "server.log", workers=3, threads=4
    )
    try:
        server.wait_ready()
        base = server.url
        writers, jurors = [Browser() for _ in members], [Browser() for _ in work.jurors]
        for browser, person in zip(writers, members, strict=True):
            assert browser.log_in(base, person.email, PASSWORD).status == 302
        for browser, juror in zip(jurors, work.jurors, strict=True):
            assert browser.log_in(base, juror.user.email, PASSWORD).status == 302
            # Jurors of an edition being judged log in with their second factor.
            code = app_code(app_device(juror.user))
            assert browser.pass_second_factor(base, code).status == 302
        for browser, draft in zip(writers, drafts, strict=True):
            assert browser.get(base, f"/en/entries/{draft.ref}/edit/").status == 200
        for browser in jurors:
            assert browser.get(base, sheet).status == 200

        # Six entry saves and six juror autosaves at once.
        saves = [
            lambda b=b, d=d, n=n: b.post(base, f"/en/entries/{d.ref}/edit/", entry_fields(d, n))
            for n, (b, d) in enumerate(zip(writers, drafts, strict=True))
        ] + [
            lambda b=b, n=n: b.post(base, sheet + "autosave/", score_fields(codes, n, "save"))
            for n, b in enumerate(jurors)
        ]
        answers = together(saves)
        assert [a.status for a in answers] == [302] * PEOPLE + [200] * PEOPLE, [
            a.text[:200] for a in answers
        ]
        assert [a.location for a in answers[:PEOPLE]] == [
            f"/en/entries/{d.ref}/edit/" for d in drafts
        ]
        assert all(a.headers["Content-Type"] == "application/json" for a in answers[PEOPLE:])
        for n, draft in enumerate(drafts):
            draft.refresh_from_db()
            assert (draft.title, draft.version) == ({"en": f"Parallel title {n}"}, 2)
        for n, juror in enumerate(work.jurors):
            stored = dict(
                Score.objects.filter(assignment__juror=juror).values_list(
                    "criterion__code", "value"
                )
            )
            assert stored == {c: Decimal(n + i) / 2 for i, c in enumerate(codes)}

        # Then the six jurors submit their sheets at once.
        for browser in jurors:
            browser.get(base, sheet)
        submits = [
            lambda b=b, n=n: b.post(base, sheet, score_fields(codes, n + 1, "submit"))
            for n, b in enumerate(jurors)
        ]
        answers = together(submits)
        assert [a.status for a in answers] == [302] * PEOPLE, [a.text[:200] for a in answers]
        home = f"/en/jury/{work.edition.number}/"
        assert {a.location for a in answers} == {home}
        states = Assignment.objects.filter(juror__in=work.jurors).values_list("state", flat=True)
        assert list(states) == [AssignmentState.SUBMITTED] * PEOPLE
        for n, juror in enumerate(work.jurors):
            stored = dict(
                Score.objects.filter(assignment__juror=juror).values_list(
                    "criterion__code", "value"
                )
            )
            assert stored == {c: Decimal(n + 1 + i) / 2 for i, c in enumerate(codes)}
        assert "database is locked" not in server.log_tail(100_000)
    finally:
        server.stop()
