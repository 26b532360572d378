"""The benchmark's own code at a tiny size, so it cannot rot between runs of `make bench`:
the data it builds is valid for the app, and what it measures answers as expected.
Timings are never asserted."""

import io
import json
import os
import subprocess  # nosec B404
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client

from bench import build, certificates, ranking, run, uploads, web
from jury.models import Assignment, Score
from prize.models import Edition
from results.enums import CertificateStatus
from results.models import Certificate
from submissions.enums import EntryState
from tests.processes import app_env

pytestmark = pytest.mark.django_db


def test_the_chairs_page_costs_the_same_queries_at_two_sizes():
    small = build.build_jury_edition(number=950, entries=2, jurors=3, criteria=2)
    larger = build.build_jury_edition(number=951, entries=6, jurors=3, criteria=2, photos=1)

    _seconds, small_queries, _size = ranking.chair_page(edition=small.edition, chair=small.chair)
    _seconds, larger_queries, _size = ranking.chair_page(edition=larger.edition, chair=larger.chair)

    assert (larger.entries, larger.scores, larger.photos) == (6, 6 * 3 * 2, 1)
    assert small_queries == larger_queries


def test_the_built_edition_is_valid_and_ranked_by_rank_edition():
    built = build.build_jury_edition(number=952, entries=4, jurors=3, criteria=5)
    out = io.StringIO()
    call_command("rank_edition", "952", format="json", stdout=out)
    ranked = json.loads(out.getvalue())["ranking"]

    assert built.edition.criteria.count() == 5
    assert Assignment.objects.filter(entry__edition=built.edition, state="submitted").count() == 12
    assert Score.objects.filter(assignment__juror__edition=built.edition).count() == 60
    assert [row["jurors"] for row in ranked] == [3, 3, 3, 3]
    assert sum(row["laureate"] for row in ranked) >= 3
    assert ranking.rank_edition(edition=built.edition) > 0


def test_the_public_pages_of_the_built_edition_answer():
    edition, laureate = build.build_public_edition()
    client = Client()
    page = client.get(f"/en/editions/{edition.number}/{laureate.ref}/")

    assert client.get(f"/en/editions/{edition.number}/").status_code == 200
    assert page.status_code == 200
    assert page.text.count('alt="People dancing in a street"') == 3
    assert laureate.photos.count() == 3


def test_the_upload_form_fields_save_the_draft_with_a_photo(tmp_path):
    call = build.build_open_call(number=953)
    photo = tmp_path / "small.jpg"
    photo.write_bytes(build.sample_photo((800, 600)))
    client = Client()
    client.force_login(call.member)
    data = uploads._form_fields(call)

    with photo.open("rb") as file:
        response = client.post(f"/en/entries/{call.entry.ref}/edit/", {**data, "photo": file})

    assert response.status_code == 302
    assert call.entry.photos.get().people == "consented"
    assert call.entry.state == EntryState.DRAFT


def test_a_generated_camera_jpeg_is_near_its_target_size(tmp_path):
    path = uploads.big_jpeg(tmp_path / "camera.jpg", size=(600, 400), target=150_000)
    assert 100_000 < path.stat().st_size <= 150_000
    assert Path(path).read_bytes()[:3] == b"\xff\xd8\xff"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_certificate_figures_time_one_real_worker_over_the_whole_edition(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = certificates.figures(env=app_env(), entries=5)

    assert (result["entries"], result["certificates"]) == (5, 5)
    assert result["mean_pdf_kilobytes"] > 10
    assert set(result) >= {"worker_seconds", "worker_cpu_seconds", "target_met"}
    edition = Edition.objects.get(number=903)
    issued = Certificate.objects.filter(edition=edition, status=CertificateStatus.VALID)
    assert sorted(issued.values_list("kind", flat=True)) == ["laureate"] * 3 + ["participation"] * 2
    assert not issued.filter(file="").exists()


WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:8000/bench/bare/
  2 threads and 20 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.57ms    3.10ms  48.21ms   80.00%
  Latency Distribution
     50%    8.98ms
     75%   10.12ms
     90%   12.40ms
     99%    1.02s
  27982 requests in 20.00s, 7.90MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1399.04
Transfer/sec:    404.26KB
"""


def test_wrk_output_is_read_with_its_units():
    assert web.parse_wrk(WRK_OUTPUT) == {
        "requests_per_second": 1399.0,
        "p50_ms": 8.98,
        "p99_ms": 1020.0,
        "non_2xx": 3,
        "socket_errors": "",
    }


def test_the_benchs_environment_is_enough_for_the_production_settings(tmp_path):
    """`make bench` serves with production's settings: every variable they require is in
    the environment it sets (a new required one broke it once)."""
    s3 = SimpleNamespace(
        endpoint_url="http://127.0.0.1:1", bucket="b", access_key="a", secret_key="s"
    )
    env = run.environment(
        database_url="postgres://postgres@127.0.0.1:5432/unused", s3=s3, static_root=tmp_path
    )
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"PATH": os.environ["PATH"], **env},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr
