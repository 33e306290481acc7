"""What `make run` does after installing, on a fresh SQLite file with the production cache."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _manage(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="1", THIDUA_VAR_DIR=str(tmp_path)
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="`make run` uses SQLite whatever DATABASE_URL says; the SQLite pass runs this",
)
def test_migrate_and_the_demo_load_on_a_fresh_database_and_again(tmp_path):
    assert _manage(tmp_path, "migrate", "-v0").returncode == 0
    first = _manage(tmp_path, "load_demo")
    assert first.returncode == 0, first.stderr[-2000:]
    second = _manage(tmp_path, "load_demo")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "donvi_dukdn" in second.stdout  # the accounts are printed on every run
