"""All the figures of one run, each beside its reference (see bench/run.py)."""

import datetime
import os
import platform
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from bench import build, certificates, ranking, uploads, web


def measure_all(args, *, env: dict, tmp: Path) -> dict:
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    result = {"machine": machine()}
    if "ranking" in args.only:
        large = build.build_jury_edition(
            number=900,
            entries=args.entries,
            jurors=args.jurors,
            criteria=args.criteria,
            photos=args.photos,
        )
        small = build.build_jury_edition(
            number=901, entries=args.small, jurors=args.jurors, criteria=args.criteria
        )
        result["sizes"] = {
            "entries": large.entries,
            "jurors": args.jurors,
            "criteria": args.criteria,
            "scores": large.scores,
            "photos_on_s3": large.photos,
        }
        result["ranking"] = ranking_figures(large, small)
    if "public_pages" in args.only:
        public_edition, laureate = build.build_public_edition()
        result["public_pages"] = web.public_pages(
            env=env,
            edition=public_edition,
            laureate=laureate,
            photo=laureate.photos.order_by("pk").first(),
            duration=args.duration,
            connections=args.connections,
        )
    if "certificates" in args.only:
        result["certificates"] = certificates.figures(env=env, entries=args.certificate_entries)
    if "uploads" in args.only:
        call = build.build_open_call(number=902)
        result["uploads"] = uploads.figures(env=env, call=call, tmp=tmp)
    return result


def ranking_figures(large, small) -> dict:
    rank_seconds = ranking.best_of(3, ranking.rank_edition, edition=large.edition)
    page_seconds, queries_large, page_bytes = ranking.best_of(
        3, ranking.chair_page, edition=large.edition, chair=large.chair
    )
    _seconds, queries_small, _bytes = ranking.chair_page(edition=small.edition, chair=small.chair)
    return {
        "entries": large.entries,
        "rank_edition_seconds": round(rank_seconds, 3),
        "chair_page_seconds": round(page_seconds, 3),
        "chair_page_kilobytes": round(page_bytes / 1024),
        "queries_at_small": {"entries": small.entries, "queries": queries_small},
        "queries_at_large": {"entries": large.entries, "queries": queries_large},
        "queries_equal": queries_small == queries_large,
        "target_met": page_seconds < 1 and queries_small == queries_large,
    }


def machine() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(_mem_total_kb() / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": postgres,
        "os": platform.platform(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _mem_total_kb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1])
    return 0
