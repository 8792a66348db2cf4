"""The built wheel is self-contained: it carries the workflows and letters, and its
installed ``escalation`` command works from anywhere, without the source tree."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_PREFIX = "escalation/_data"
MIGRATIONS = "escalation/storage/migrations"
TIMEOUT_S = 300


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(argv)} exited {result.returncode}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return result.stdout


def _isolated_env(home: Path) -> dict[str, str]:
    """The environment minus anything that would point Python back at the source tree."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}
        and not key.startswith(("ESCALATION_", "XDG_"))
    }
    env["HOME"] = str(home)
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _borrow_dependencies(python: Path) -> None:
    """Let the new venv import what the running environment has installed (not the source).

    A `--system-site-packages` venv sees the base interpreter's packages, which is not where
    the dependencies are when the tests run inside a venv. Paths listed in a .pth file are
    appended after the venv's own site-packages, and .pth files found there are not run, so
    an editable install of the source tree stays invisible and the wheel's copy is used.
    """
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(own, "outer-environment.pth").write_text("\n".join(sorted(outer)) + "\n")


def _shipped_files(folder: Path) -> list[str]:
    """Paths, relative to ``folder``, of the files hatchling force-includes from it."""
    if not folder.is_dir():
        return []
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in path.parts)
    )


def test_the_wheel_ships_workflows_and_letters_and_its_cli_runs_outside_the_repo(
    tmp_path: Path,
) -> None:
    if importlib.util.find_spec("hatchling") is None:
        if os.environ.get("CI"):
            pytest.fail("hatchling is not installed; .ci/run must install it", pytrace=False)
        pytest.skip("hatchling is not installed (python3 -m pip install hatchling)")

    home = tmp_path / "home"
    home.mkdir()
    env = _isolated_env(home)

    # Build the wheel from the working tree, with the build backend already installed.
    dist = tmp_path / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(dist),
            str(REPO_ROOT),
        ],
        cwd=tmp_path,
        env=env,
    )
    wheels = sorted(dist.glob("escalation-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {dist}, found {wheels}"
    wheel = wheels[0]

    # (a) The data folders at the top of the repo travel inside the package.
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert f"{DATA_PREFIX}/workflows/jeugdwet.yaml" in names
    for relative in _shipped_files(REPO_ROOT / "workflows"):
        assert f"{DATA_PREFIX}/workflows/{relative}" in names
    letters = _shipped_files(REPO_ROOT / "letters")
    for relative in letters:
        assert f"{DATA_PREFIX}/letters/{relative}" in names
    if letters:
        assert any(name.startswith(f"{DATA_PREFIX}/letters/") for name in names)
    for relative in _shipped_files(REPO_ROOT / "frameworks"):
        assert f"{DATA_PREFIX}/frameworks/{relative}" in names
    assert f"{DATA_PREFIX}/organisations/igj.yaml" in names  # issue 13: organisations as data
    for relative in _shipped_files(REPO_ROOT / "organisations"):
        assert f"{DATA_PREFIX}/organisations/{relative}" in names
    for relative in _shipped_files(REPO_ROOT / MIGRATIONS):
        assert f"{MIGRATIONS}/{relative}" in names
    assert f"{MIGRATIONS}/script.py.mako" in names

    # Install it into a fresh venv that sees the dependencies of the environment running the
    # tests (itself a venv or not) through a .pth file; pip is borrowed from there too.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    _borrow_dependencies(python)
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            "--quiet",
            str(wheel),
        ],
        cwd=tmp_path,
        env=env,
    )

    # The wheel's copy wins over an editable install of the source tree.
    location = _run(
        [str(python), "-c", "import escalation; print(escalation.__file__)"],
        cwd=tmp_path,
        env=env,
    ).strip()
    assert Path(location).resolve().is_relative_to(venv.resolve()), location

    # (b) Its console script lists the shipped workflows, from an unrelated directory.
    env["ESCALATION_DATABASE_URL"] = f"sqlite:///{tmp_path / 'escalation.sqlite'}"
    listing = _run([str(venv / "bin" / "escalation"), "workflow", "list"], cwd=tmp_path, env=env)
    assert "jeugdwet" in listing

    # (c) The migrations run from the installed package, without alembic.ini or the source tree.
    upgraded = _run(
        [
            str(python),
            "-c",
            "from escalation.storage.db import make_engine\n"
            "from escalation.storage.migrate import migrate, upgrade\n"
            f"engine = make_engine('sqlite:///{tmp_path / 'old.sqlite'}')\n"
            "migrate(engine, to='0001')\n"
            "print(upgrade(engine))\n",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert "before='0001'" in upgraded
