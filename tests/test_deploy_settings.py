"""Production settings, checked the way an operator would: a subprocess with DEBUG off."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean_env.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_debug_off():
    done = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 60 + "-a-long-random-production-key",
        DJANGO_ALLOWED_HOSTS="thidua.example.gov.vn",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_app_refuses_to_start_without_a_secret_key_when_debug_is_off():
    done = _manage("check")
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="collecting static files touches no database; the SQLite pass runs this",
)
def test_static_files_collect_for_production(tmp_path):
    # The hashed-manifest storage fails on any missing file a vendored asset refers to.
    done = _manage(
        "collectstatic",
        "--noinput",
        DJANGO_SECRET_KEY="collectstatic-test",
        THIDUA_STATIC_ROOT=str(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "staticfiles.json").exists()
