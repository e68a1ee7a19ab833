"""A fresh machine: the README's commands bring their own system packages.

The set-up script runs as `make` runs it, on a PATH where Debian's package tools answer as on
a machine that has none of the packages: `dpkg-query` says "not-installed", `apt-get` records
what it was asked to do, `id` says who runs it.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-packages.sh"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def machine(tmp_path: Path):
    """Run the script on a fake Debian: `installed` packages, the user id `uid`."""

    def run(target: str, *, uid: int, installed: tuple[str, ...] = (), dry_run: bool = False):
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        log = tmp_path / "apt.log"
        log.write_text("")
        fakes = {
            # dpkg-query -W -f='${db:Status-Status}' PACKAGE
            "dpkg-query": 'case " $INSTALLED " in *" ${@: -1} "*) printf installed ;; '
            "*) printf not-installed ;; esac",
            "apt-get": f'echo "apt-get $*" >> {log}',
            "id": f"echo {uid}",
        }
        for name, body in fakes.items():
            fake = bin_dir / name
            fake.write_text(f"#!/usr/bin/env bash\n{body}\n")
            fake.chmod(0o755)
        env = {
            "PATH": f"{bin_dir}:/usr/bin:/bin",
            "INSTALLED": " ".join(installed),
        }
        args = [str(SCRIPT), target] + (["--dry-run"] if dry_run else [])
        result = subprocess.run(args, env=env, capture_output=True, text=True)
        return result, log.read_text().splitlines()

    return run


def test_make_test_and_make_site_check_system_packages_before_anything_else() -> None:
    def commands(target: str) -> list[str]:
        # run from `make test` itself, the inner make would print "Entering directory" lines
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
        out = subprocess.run(
            ["make", "--no-print-directory", "-n", "-B", target],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        return [line for line in out.splitlines() if line and not line.startswith("echo")]

    test = commands("test")
    assert test[0] == "scripts/system-packages.sh test"
    assert test[-1] == ".venv/bin/pytest"
    site = commands("site")
    assert site[0] == "scripts/system-packages.sh site"
    assert site[-1].endswith("-m generator build --site-dir site")


def test_as_root_make_test_installs_what_the_tests_need(machine) -> None:
    result, apt = machine("test", uid=0)
    assert result.returncode == 0, result.stderr
    assert apt[0] == "apt-get update -qq"
    installed = apt[1].split()
    assert installed[:5] == ["apt-get", "install", "-y", "-qq", "--no-install-recommends"]
    # the browser tests, the PDF tests' readers, the book's fonts
    assert {"chromium", "poppler-utils", "fonts-dejavu-core"} <= set(installed)
    assert len(apt) == 2
    assert "installing system packages: " in result.stdout


def test_only_the_missing_packages_are_installed(machine) -> None:
    result, apt = machine("test", uid=0, installed=("chromium", "fonts-dejavu-core"))
    assert result.returncode == 0
    assert "poppler-utils" in apt[1].split()
    assert "chromium" not in apt[1].split()
    assert "fonts-dejavu-core" not in apt[1].split()


def test_nothing_runs_when_everything_is_there(machine) -> None:
    _, apt = machine("test", uid=0)
    everything = apt[1].split()[5:]
    result, apt = machine("test", uid=0, installed=tuple(everything))
    assert (result.returncode, result.stdout, result.stderr, apt) == (0, "", "", [])


def test_another_user_is_stopped_at_once_with_the_one_command_to_run(machine) -> None:
    result, apt = machine("test", uid=1000)
    assert result.returncode == 1
    assert apt == []
    lines = result.stderr.splitlines()
    assert lines[0].startswith("make test needs these system packages: ")
    command = lines[-1].strip()
    assert re.fullmatch(
        r"sudo apt-get update && sudo apt-get install -y --no-install-recommends [a-z0-9.+ -]+",
        command,
    )
    assert {"chromium", "poppler-utils", "fonts-dejavu-core"} <= set(command.split())


def test_the_site_needs_the_books_fonts_but_no_browser(machine) -> None:
    _, site = machine("site", uid=0)
    _, test = machine("test", uid=0)
    site_packages = set(site[1].split()[5:])
    assert "fonts-dejavu-core" in site_packages
    assert "chromium" not in site_packages
    assert site_packages < set(test[1].split()[5:])


def test_dry_run_says_what_it_would_run_and_runs_nothing(machine) -> None:
    result, apt = machine("test", uid=0, dry_run=True)
    assert result.returncode == 0
    assert apt == []
    assert result.stdout.startswith("would run: apt-get update && apt-get install -y ")
    assert "chromium" in result.stdout


def test_ci_runs_the_readme_commands_and_nothing_else() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = [
        line.strip()
        for line in ci.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert steps, ci
    readme_commands = {line.strip() for line in README.splitlines() if line.startswith("    make")}
    assert set(steps) <= readme_commands, steps
    assert {"make site", "make test"} <= set(steps)
    assert "apt" not in ci


def test_the_real_machine_has_what_make_test_needs() -> None:
    """This machine was set up by `make test` itself: the script finds nothing missing."""
    if not os.path.exists("/usr/bin/dpkg-query"):
        pytest.skip("not a Debian machine")
    result = subprocess.run(
        [str(SCRIPT), "test", "--dry-run"], capture_output=True, text=True, check=True
    )
    assert result.stdout == ""
