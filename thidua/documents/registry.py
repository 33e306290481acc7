"""Paper definitions by kind. Each module in ``thidua.documents.papers`` registers its own."""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from thidua.documents.paper import Paper


@dataclass(frozen=True)
class PaperDefinition:
    kind: str  # registry key, also the default template's name: docx/<kind>.docx
    label: Any  # lazy translated name shown to users ("Award decision")
    source: type  # the model whose record the paper is made from
    # (record, user, options) -> Paper; reads, never writes. `options` is the cleaned data of
    # `options_form` ({} without one), e.g. the year of a statistics table or next year's plan.
    gather: Callable[[Any, Any, dict], Paper]
    can_print: Callable[[Any, Any], bool]  # (user, record) -> may this user print it?
    build_template: Callable[[Any], None] | None = None  # fills a new python-docx Document
    options_form: type | None = None  # a Django form asked before printing, if any
    sample: Callable[[], Paper] | None = None  # plain values, no database: checks an upload


_DEFINITIONS: dict[str, PaperDefinition] = {}


def register(definition: PaperDefinition) -> PaperDefinition:
    _DEFINITIONS[definition.kind] = definition
    return definition


def definition(kind: str) -> PaperDefinition:
    _discover()
    return _DEFINITIONS[kind]


def definitions() -> list[PaperDefinition]:
    _discover()
    return list(_DEFINITIONS.values())


def definitions_for(model: type) -> list[PaperDefinition]:
    return [d for d in definitions() if d.source is model]


def _discover() -> None:
    from thidua.documents import papers

    for module in pkgutil.iter_modules(papers.__path__):
        importlib.import_module(f"{papers.__name__}.{module.name}")
