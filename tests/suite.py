"""How the suite is scheduled, and the one demo load its demo modules share (a pytest plugin).

The whole demo takes minutes to load, so it is loaded once per run, not once per module:
- every module named `test_demo*.py` reads the whole demo through the `demo` fixture and is
  marked `demo`; none of its tests may need an empty database;
- in a parallel run (`-n auto --dist loadscope`), those modules form one scope, so a single
  worker takes them all and loads the demo once (`pytest_xdist_make_scheduler`);
- they run first, then the browser journeys and the slow tests, so no worker is left alone with
  a long test at the end;
- test databases are made from the models (`--no-migrations`): migrating takes some 80 s of CPU
  per worker, as Django re-renders the model graph for each operation. The migrations themselves
  run in `tests/test_make_run.py` (SQLite) and `tests/test_migrations_postgresql.py`;
- the demo is loaded inside a transaction that stays open while they run (each test gets its own
  savepoint through `db`) and is rolled back after the last of them, so the tests after them
  see an empty database as usual.
"""

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import pytest
from django.db import connections, transaction
from django.db.models.signals import pre_migrate
from django.test.utils import override_settings

from thidua.core.db import create_postgres_collation

DEMO_SCOPE = "demo modules"


def is_demo_module(nodeid: str) -> bool:
    return PurePosixPath(nodeid.split("::", 1)[0]).name.startswith("test_demo")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The demo modules first, then the browser journeys and slow tests, then the rest.

    Runs after pytest-django's own ordering (which moves transactional tests last) and keeps it
    within each group; `--no-loadscope-reorder` makes xdist hand out scopes in this order."""

    def weight(item: pytest.Item) -> int:
        if is_demo_module(item.nodeid):
            if not item.get_closest_marker("demo"):
                raise pytest.UsageError(f"{item.nodeid}: a test_demo* module must be marked demo")
            return 0
        return 1 if item.get_closest_marker("browser") or item.get_closest_marker("slow") else 2

    items.sort(key=weight)  # stable: collection order within each group


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist, absent under `-p no:xdist`
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class DemoModulesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return DEMO_SCOPE if is_demo_module(nodeid) else super()._split_scope(nodeid)

    return DemoModulesTogether(config, log)


def _vietnamese_collation(sender: Any, using: str, **kwargs: Any) -> None:
    """Tables made from the models need the collation that core's first migration creates."""
    if sender.label == "core":
        with connections[using].schema_editor() as editor:
            create_postgres_collation(None, editor)


pre_migrate.connect(_vietnamese_collation, dispatch_uid="tests-vietnamese-collation")


@dataclass
class LoadedDemo:
    """What the demo load created: the organisation's report and each app's counts."""

    org: Counter[str] = field(default_factory=Counter)
    apps: dict[str, Counter[str]] = field(default_factory=dict)


class _SharedDemo:
    def __init__(self) -> None:
        self.atomic: Any = None
        self.blocker: Any = None
        self.media: Any = None  # the demo's files (photos) go to a folder of their own
        self.loaded = LoadedDemo()

    def ensure(self, blocker: Any) -> LoadedDemo:
        if self.atomic is None:
            from thidua.core.demo import load_app_demos_by_app
            from thidua.org.demo.loader import load_demo

            self.blocker = blocker
            self.media = override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="thidua-demo-"))
            self.media.enable()
            with blocker.unblock():
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                self.loaded = LoadedDemo(load_demo().created, load_app_demos_by_app())
        return self.loaded

    def release(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None
        folder = self.media.options["MEDIA_ROOT"]
        self.media.disable()
        shutil.rmtree(folder, ignore_errors=True)


_SHARED = _SharedDemo()


@pytest.fixture(scope="session")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[LoadedDemo]:
    """The whole demo (`manage.py load_demo`), for tests in `test_demo*` modules only."""
    yield _SHARED.ensure(django_db_blocker)
    _SHARED.release()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    result = yield
    if nextitem is None or not is_demo_module(nextitem.nodeid):
        _SHARED.release()
    return result
