"""The scripts behind the Makefile's install step: the choice of Python and the Debian
packages the tests need."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def script(name, *args, user=None):
    """Runs scripts/<name>; as another user (when the tests run as root) it is read from
    standard input, so that user needs no access to the checkout."""
    path = ROOT / "scripts" / name
    if user is not None and os.geteuid() == 0:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
        return subprocess.run(
            [*command, "sh", "-s", "--", *args],
            input=path.read_text(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd="/",
        )
    return subprocess.run([path, *args], capture_output=True, text=True, timeout=60, check=False)


def version_of(python):
    done = subprocess.run(
        [python, "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return tuple(int(part) for part in done.stdout.split())


def test_find_python_takes_a_given_python_of_3_12_or_newer():
    done = script("find-python", sys.executable)
    assert done.returncode == 0
    assert version_of(done.stdout.strip()) == sys.version_info[:2]


def test_find_python_refuses_what_is_not_python_3_12_or_newer_in_one_sentence():
    done = script("find-python", "/bin/false")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "/bin/false is not Python 3.12 or newer: the prize needs Python 3.12, 3.13 or 3.14.\n"
    )


def test_find_python_alone_finds_a_python_of_3_12_or_newer():
    done = script("find-python")
    assert done.returncode == 0
    assert version_of(done.stdout.strip()) >= (3, 12)


def test_system_deps_is_silent_when_every_package_is_there():
    done = script("system-deps", "sh", "ls")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_system_deps_prints_the_apt_get_line_to_a_person_who_is_not_root():
    done = script("system-deps", "sh", "no-such-command-dosta", "another-missing", user=65534)
    assert done.returncode == 1
    assert done.stderr == (
        "Missing Debian packages: no-such-command-dosta another-missing. Install them with: "
        "sudo apt-get update && sudo apt-get install -y no-such-command-dosta another-missing\n"
    )


def test_system_deps_checks_the_command_and_names_the_package_when_they_differ():
    present = script("system-deps", "sh:no-such-package-dosta")
    assert (present.returncode, present.stderr) == (0, "")
    done = script("system-deps", "no-such-command-dosta:default-jre-headless", user=65534)
    assert done.returncode == 1
    assert done.stderr == (
        "Missing Debian packages: default-jre-headless. Install them with: "
        "sudo apt-get update && sudo apt-get install -y default-jre-headless\n"
    )
