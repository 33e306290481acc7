"""The campaigns demo builds on the demo organisation; on its own it writes nothing."""

from thidua.campaigns import demo_data
from thidua.campaigns.models import Movement


def test_it_writes_nothing_without_the_demo_organisation(db):
    assert demo_data.load() == {}
    assert not Movement.objects.exists()
