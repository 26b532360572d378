"""`make bench`: build a large edition in a fresh PostgreSQL database with photos on a real
S3 server (SeaweedFS), measure, and print one JSON object.

    .venv/bin/python -m bench.run            # the issue's sizes (two to three minutes)
    .venv/bin/python -m bench.run --quick    # small sizes and short loads, for development

Every figure is measured in the same run as its reference (the bare view, the bare PDF
page, the 20-entry edition, the idle worker), so ratios hold on a busy machine.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/dosta_bench"
SECTIONS = ("ranking", "public_pages", "certificates", "uploads")


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--small", type=int, default=20, help="entries of the reference edition")
    parser.add_argument("--jurors", type=int, default=15)
    parser.add_argument("--criteria", type=int, default=5)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--duration", type=int, default=20, help="seconds of each load")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument(
        "--certificate-entries",
        type=int,
        default=500,
        help="entries of the edition whose certificates one worker renders (kept with --quick)",
    )
    parser.add_argument("--quick", action="store_true", help="200 entries, 20 photos, 5 s loads")
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to measure, of: {', '.join(SECTIONS)}",
    )
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if args.quick:
        args.entries, args.photos, args.duration = 200, 20, 5
    return args


def fresh_database(url: str) -> None:
    """Drop and create the benchmark's database (never any other)."""
    name = url.rsplit("/", 1)[1]
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"unexpected database name {name!r}")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def environment(*, database_url: str, s3, static_root: Path) -> dict[str, str]:
    """What bench.settings (production's settings) reads; also passed to gunicorn."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-not-secret-5d1f0c9a",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SITE_URL": "http://127.0.0.1",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url,
        "S3_ENDPOINT_URL": s3.endpoint_url,
        "S3_BUCKET": s3.bucket,
        "S3_ACCESS_KEY": s3.access_key,
        "S3_SECRET_KEY": s3.secret_key,
        "EMAIL_HOST": "127.0.0.1",
        "SECRETARIAT_EMAIL": "secretariat@bench.example",
    }


def main(argv=None) -> None:
    args = arguments(argv)
    sys.path.insert(0, str(ROOT))
    from tests.s3server import SeaweedFS  # noqa: PLC0415  (after sys.path is set)

    fresh_database(args.database_url)
    with (
        tempfile.TemporaryDirectory(prefix="dosta-bench-") as tmp,
        SeaweedFS(
            Path(tmp) / "s3", access_key="bench", secret_key="bench-secret", bucket="dosta-bench"
        ) as s3,
    ):
        env = environment(database_url=args.database_url, s3=s3, static_root=Path(tmp) / "static")
        os.environ.update(env)
        import django  # noqa: PLC0415  (the environment must be set first)

        django.setup()
        from bench import figures  # noqa: PLC0415  (needs Django set up)

        result = figures.measure_all(args, env=env, tmp=Path(tmp))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    began = time.monotonic()
    main()
    print(f"(took {time.monotonic() - began:.0f} s)", file=sys.stderr)
