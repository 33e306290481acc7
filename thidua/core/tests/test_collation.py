import itertools

import pytest
from django.db import connection

from thidua.core.db import VI_COLLATION
from thidua.core.text import vi_sort_key
from thidua.org.models import Person
from thidua.org.tests.factories import PersonFactory, UnitFactory

WORDS = [
    "an",
    "ăn",
    "ân",
    "anh",
    "ánh",
    "ảnh",
    "ba",
    "bà",
    "bả",
    "bã",
    "bá",
    "bạ",
    "đa",
    "da",
    "dũng",
    "đức",
    "ơn",
    "ôn",
    "on",
    "ưu",
    "uyên",
    "ê",
    "e",
    "Anh",
    "An",
    "y",
    "ý",
    "thị",
]


def _sample_names() -> list[str]:
    pairs = [f"{a} {b}" for a, b in itertools.product(WORDS[:14], WORDS[10:])]
    return WORDS + pairs


def _database_order(values: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v FROM unnest(%s::text[]) AS v ORDER BY v COLLATE {VI_COLLATION}", [values]
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's ICU")
def test_python_sort_key_agrees_with_postgresql_icu_vietnamese_collation():
    names = _sample_names()
    assert sorted(names, key=vi_sort_key) == _database_order(names)


@pytest.mark.django_db
def test_the_database_column_collation_matches_the_python_key():
    unit = UnitFactory()
    names = ["Trần Ánh", "Lê Anh", "Hồ Ăn", "Phạm Ân", "Lê Đức", "Lê Dũng", "Vũ Ơn", "Vũ Ôn"]
    for name in names:
        PersonFactory(full_name=name, unit=unit)
    in_db = list(Person.objects.order_by("full_name").values_list("full_name", flat=True))
    assert in_db == sorted(names, key=vi_sort_key)
