"""The awards demo builds on the demo organisation; on its own it writes nothing."""

from thidua.awards import demo_data
from thidua.awards.models import PersonRating


def test_it_writes_nothing_without_the_demo_organisation(db):
    assert demo_data.load() == {}
    assert not PersonRating.objects.exists()
