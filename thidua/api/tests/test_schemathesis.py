"""Schemathesis reads /api/openapi.json and calls every endpoint with generated input, as a
user holding a valid token, against the WSGI application: no answer may be a server error.

The data is the `world` cast plus a little of everything the endpoints read (codes, an
indicator with its periods, award history, an issued decision), so generated calls reach past
the 404s. `MAX_EXAMPLES` stays small: the run must take well under a minute on a busy machine.
"""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from thidua.api.tests.api_helpers import readable_codes, token_for
from thidua.awards.services import award_record_add
from thidua.campaigns.models import Indicator
from thidua.campaigns.services.reports import periods_ensure
from thidua.nominations.services.decisions import decision_draft, decision_issue, line_add
from thidua.nominations.tests.factories import award
from thidua.org import services
from thidua.org.models import RoleAssignment

pytestmark = pytest.mark.django_db
MAX_EXAMPLES = 6  # per operation and mode


@pytest.fixture
def seeded(world) -> SimpleNamespace:
    """The token of an administrator who is also the sector's unit officer, so the writes are
    allowed and run their checks instead of stopping at 403; the ids of records that exist."""
    readable_codes(world)
    services.role_assign(
        user=world.admin, role=RoleAssignment.Role.UNIT_OFFICER, unit=world.sector, by=None
    )
    Indicator.objects.create(
        cluster=world.cluster6, year=2025, code="VB_DEN", name="Văn bản đến",
        kind=Indicator.Kind.COUNT, frequency="quarter",
    )  # fmt: skip
    periods_ensure(cluster=world.cluster6, year=2025, by=None)
    award_record_add(
        award=award("LDTT"), year=2024, by=None, person=world.cq_person, issuer="BTC",
        decision_number="1/QĐ-BTC", decision_date=dt.date(2025, 1, 10),
    )  # fmt: skip
    decision = decision_draft(
        by=world.secretary, issuer=world.btctw, abstract="Về việc khen thưởng", place="Hà Nội"
    )
    line_add(decision=decision, award=award("TTLDXS"), by=None, year=2024, unit=world.dn)
    decision_issue(decision=decision, by=None, number=7, signed_on=dt.date(2025, 2, 1))
    ids = {"unit_id": world.cq.pk, "person_id": world.cq_person.pk}
    ids |= {"cluster_id": world.cluster6.pk, "decision_id": decision.pk}
    return SimpleNamespace(secret=token_for(world.admin), ids=ids)


def fuzz(strategy, headers: dict[str, str]) -> None:
    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    def call(case):
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    call()


@pytest.fixture
def connection_kept():
    """The WSGI app is called directly, not through Django's test client, so do as the client
    does: keep the test's connection between requests. Otherwise the end of a request closes it
    (it is inside the test's transaction), which PostgreSQL then reports on the next query."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_no_endpoint_answers_with_a_server_error(seeded, connection_kept):
    """Valid input (positive) and input that breaks the schema (negative) for each operation,
    then valid input on records that exist (random ids mostly find nothing).

    One test for all operations, so the data is built once (schemathesis' own pytest
    parametrization builds it per operation and, in 4.32, trips over pytest 9's node ids)."""
    from config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    headers = {"Authorization": f"Bearer {seeded.secret}", "Accept-Language": "en"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation.as_strategy(generation_mode=mode), headers)
        names = re.findall(r"{(\w+)}", operation.path)
        if names:
            known = {name: seeded.ids[name] for name in names}
            fuzz(operation.as_strategy(path_parameters=known), headers)
