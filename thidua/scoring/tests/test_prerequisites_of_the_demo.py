"""The year-end demo builds on the demo organisation and campaigns; alone it writes nothing."""

from thidua.scoring import demo_data
from thidua.scoring.models import Scorecard


def test_it_writes_nothing_without_the_demo_organisation(db):
    assert demo_data.load() == {}
    assert not Scorecard.objects.exists()
