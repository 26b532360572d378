"""The site as it is deployed: two gunicorn servers and one task worker on 127.0.0.1,
sharing the test PostgreSQL database and the test S3 server. Thirty jurors score at the
same time through both servers (each juror's requests alternate between them, on one
session), then the worker renders the certificates, which both servers serve alike."""

import io
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from pypdf import PdfReader

from jury import services as jury
from jury.models import Score
from results import services
from results.enums import CertificateStatus, RunState
from results.models import Certificate, CertificateRun
from tests import processes
from tests.deploy.web import Browser
from tests.factories import PASSWORD, jury_at_work
from tests.otp import app_code, app_device

JURORS = 30
ENTRIES = 3
SCORING_SECONDS = 15
# The values a juror may give with the default step of 0.5 and maximum of 10.
VALUES = [Decimal(n) / 2 for n in range(21)]


@dataclass
class Juror:
    """What one juror's browser did, and what the servers acknowledged."""

    email: str
    code: str  # what their authenticator app shows when they log in
    requests: int = 0
    acknowledged: dict = field(default_factory=dict)  # entry ref -> {criterion: value}
    errors: list = field(default_factory=list)


def score_until(juror: Juror, *, first: int, servers: list[str], path: str, refs, codes, until):
    """Log in, then GET the scoring form from one server and POST new values to the
    other (one session and CSRF token for both), one entry after the other, until
    `until`. A POST is acknowledged by the redirect back to the form ("Draft saved.")."""
    rng = random.Random(juror.email)  # noqa: S311
    browser = Browser()
    login = browser.log_in(servers[first % 2], juror.email, PASSWORD)
    passed = browser.pass_second_factor(servers[(first + 1) % 2], juror.code)
    juror.requests += 4
    if (login.status, passed.status) != (302, 302):
        juror.errors.append(f"login: {login.status}, code: {passed.status}")
        return juror
    turn = first
    while time.monotonic() < until:
        base, other = servers[turn % 2], servers[(turn + 1) % 2]
        ref = refs[turn % len(refs)]
        url = f"{path}{ref}/"
        turn += 1
        try:
            form = browser.get(base, url)
            juror.requests += 1
            if form.status != 200:
                juror.errors.append(f"GET {url} on {base}: {form.status}")
                continue
            values = {code: rng.choice(VALUES) for code in codes}
            fields = {f"value_{code}": str(value) for code, value in values.items()}
            saved = browser.post(other, url, {**fields, "overall": "", "action": "save"})
            juror.requests += 1
        except Exception as error:  # a refused or dropped connection is a finding too
            juror.errors.append(f"{url} on {base}: {error!r}")
            continue
        if saved.status == 302 and saved.location.endswith(url):
            juror.acknowledged[ref] = values
        else:
            juror.errors.append(f"POST {url} on {other}: {saved.status}")
    return juror


def wait_for_run(edition, timeout: float = 60) -> CertificateRun:
    deadline = time.monotonic() + timeout
    while True:
        run = CertificateRun.objects.filter(edition=edition).first()
        if run and run.state in (RunState.DONE, RunState.FAILED):
            return run
        if time.monotonic() > deadline:
            return run
        time.sleep(0.2)


def publish(work, secretary) -> None:
    """Every juror submits (scoring what they left empty), the chair records the computed
    decision, a secretary approves it and publishes: the worker gets the certificates."""
    codes = [c.code for c in work.edition.criteria.all()]
    scored = set(
        Score.objects.filter(assignment__juror__edition=work.edition).values_list(
            "assignment__juror_id", "assignment__entry_id"
        )
    )
    for juror in work.jurors:
        for assignment in juror.assignments.all():
            if (juror.pk, assignment.entry_id) not in scored:
                jury.scores_save(
                    assignment_id=assignment.pk, by=juror.user, values=dict.fromkeys(codes, "5")
                )
            jury.assignment_transition(action="submit", assignment_id=assignment.pk, by=juror.user)
    edition_id = work.edition.pk
    services.edition_transition(
        edition_id=edition_id, action="start_deliberation", by=secretary, confirmed=True
    )
    jury.decision_record(edition_id=edition_id, by=work.jurors[0].user)
    jury.decision_approve(edition_id=edition_id, by=secretary)
    services.edition_transition(
        edition_id=edition_id, action="publish", by=secretary, confirmed=True
    )


@pytest.mark.django_db(transaction=True)
def test_thirty_jurors_on_two_servers_lose_no_score_and_both_serve_the_certificates(
    settings, tmp_path, secretary
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    work = jury_at_work(jurors=JURORS, entries=ENTRIES)
    codes = [c.code for c in work.edition.criteria.all()]
    refs = [e.ref for e in work.entries]
    env = processes.app_env()
    servers = [processes.Server(env=env, log=tmp_path / f"server-{i}.log") for i in (1, 2)]
    worker = processes.worker(env=env, log=tmp_path / "worker.log")
    try:
        for server in servers:
            server.wait_ready()
        bases = [s.url for s in servers]
        # The jury at work logs in with a second factor (accounts/middleware.py).
        jurors = [Juror(email=j.user.email, code=app_code(app_device(j.user))) for j in work.jurors]
        started = time.monotonic()
        until = started + SCORING_SECONDS
        with ThreadPoolExecutor(max_workers=JURORS) as pool:
            done = list(
                pool.map(
                    lambda pair: score_until(
                        pair[1],
                        first=pair[0],
                        servers=bases,
                        path=f"/en/jury/{work.edition.number}/entries/",
                        refs=refs,
                        codes=codes,
                        until=until,
                    ),
                    enumerate(jurors),
                )
            )
        elapsed = time.monotonic() - started
        saves = sum(len(j.acknowledged) for j in done)
        posts = sum((j.requests - 4) // 2 for j in done)
        requests = sum(j.requests for j in done)
        errors = [e for j in done for e in j.errors]
        print(  # the figures quoted in the README
            f"\n{JURORS} jurors, 2 servers, {elapsed:.1f} s: {requests} requests "
            f"({requests / elapsed:.1f}/s), {posts} score forms posted, {len(errors)} errors"
        )
        assert errors == []
        assert all(len(j.acknowledged) == ENTRIES for j in done), "every juror saved each entry"

        # Exactly one score per assignment and criterion, each the last value acknowledged.
        rows = list(
            Score.objects.filter(assignment__juror__edition=work.edition).values_list(
                "assignment__juror__user__email",
                "assignment__entry__ref",
                "criterion__code",
                "value",
            )
        )
        stored = {(email, ref, code): value for email, ref, code, value in rows}
        expected = {
            (j.email, ref, code): value
            for j in done
            for ref, values in j.acknowledged.items()
            for code, value in values.items()
        }
        assert len(rows) == len(stored) == JURORS * ENTRIES * len(codes)
        assert stored == expected
        assert saves == JURORS * ENTRIES

        # Publication: the worker renders the certificates into the shared S3 bucket.
        publish(work, secretary)
        run = wait_for_run(work.edition)
        assert (run.state, run.done, run.error) == (RunState.DONE, ENTRIES, ""), worker.log_tail()
        certificate = Certificate.objects.get(entry=work.entries[0], status=CertificateStatus.VALID)
        with certificate.file.open("rb") as handle:
            original = handle.read()

        member = Browser()
        assert member.log_in(bases[0], work.members[0].email, PASSWORD).status == 302
        pdfs = [
            member.download(base, f"/en/certificates/{certificate.number}/pdf/") for base in bases
        ]
        assert [p.status for p in pdfs] == [200, 200]
        assert pdfs[0].body == pdfs[1].body == original
        assert original.startswith(b"%PDF-") and original.rstrip().endswith(b"%%EOF")
        assert len(PdfReader(io.BytesIO(original)).pages) == 2
    finally:
        for process in (*servers, worker):
            process.stop()
