"""The nominations demo builds on the cluster's ballot; without it, it writes nothing."""

from thidua.nominations import demo_data
from thidua.nominations.models import Batch


def test_it_writes_nothing_without_the_clusters_ballot(db):
    assert demo_data.load() == {}
    assert not Batch.objects.exists()
