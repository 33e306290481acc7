"""Demo data of the apps above org: each app may have a `demo_data` module with `load()`.

`manage.py load_demo` loads the organisation first, then calls these in INSTALLED_APPS
order, so an app's demo can build on the people and units of the apps below it.
"""

from collections import Counter
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def load_app_demos() -> Counter[str]:
    created: Counter[str] = Counter()
    for counts in load_app_demos_by_app().values():
        created.update(counts)
    return created


def load_app_demos_by_app() -> dict[str, Counter[str]]:
    """What each app's demo created, by app label ("awards": {"annual ratings": 733, …})."""
    created: dict[str, Counter[str]] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.demo_data"
        if config.name.startswith("thidua.") and find_spec(name) is not None:
            created[config.label] = Counter(import_module(name).load())
    return created
