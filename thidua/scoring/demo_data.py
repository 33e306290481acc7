"""Year-end demo: Cluster 6's 2023 scoring, ranking and secret ballot (see demo_plan).

Loaded after the organisation and campaigns demos by `manage.py load_demo`; loading it twice
changes nothing."""

from collections import Counter

from django.db import transaction

from thidua.campaigns import demo_plan as campaigns_plan
from thidua.org.models import Cluster
from thidua.scoring import demo_plan as plan
from thidua.scoring.demo_meeting import Meeting
from thidua.scoring.demo_year_end import YearEnd
from thidua.scoring.models import CriteriaTable


def load() -> Counter[str]:
    cluster = Cluster.objects.filter(
        number=campaigns_plan.CLUSTER_NUMBER, organiser__code=campaigns_plan.ORGANISER
    ).first()
    created: Counter[str] = Counter()
    if cluster is None or CriteriaTable.objects.filter(cluster=cluster, year=plan.YEAR).exists():
        return created
    with transaction.atomic():
        year_end = YearEnd(cluster, created)
        ranking = year_end.run()
        Meeting(ranking, year_end.leader, created).run()
    return created
