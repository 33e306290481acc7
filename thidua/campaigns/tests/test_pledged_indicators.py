"""A pledged target changes only through an amendment that every member signs again."""

from decimal import Decimal

import pytest
import time_machine

from thidua.campaigns.services import indicators as indicator_services
from thidua.campaigns.services import pledges as pledge_services
from thidua.campaigns.tests.test_pledges import IN_THE_YEAR, in_force, indicator, opened
from thidua.core.errors import DomainError

pytestmark = pytest.mark.usefixtures("in_the_year")


@pytest.fixture
def in_the_year():
    with time_machine.travel(IN_THE_YEAR, tick=False):
        yield


def test_the_target_of_an_indicator_being_signed_cannot_change(world):
    measured = indicator(world)
    opened(world, indicators=[measured])

    with pytest.raises(DomainError) as refused:
        indicator_services.indicator_update(
            indicator=measured, by=world.leader_officer, target=Decimal("80")
        )
    assert refused.value.code == "pledged"
    measured.refresh_from_db()
    assert measured.target == Decimal("90")


def test_the_target_of_a_pledge_in_force_changes_once_an_amendment_is_drafted(world):
    measured = indicator(world)
    pledge = in_force(world, opened(world, indicators=[measured]))
    with pytest.raises(DomainError):
        indicator_services.indicator_update(
            indicator=measured, by=world.leader_officer, target=Decimal("80")
        )

    pledge_services.pledge_amend(pledge=pledge, reason="Điều chỉnh chỉ tiêu", by=world.admin)
    indicator_services.indicator_update(
        indicator=measured, by=world.leader_officer, target=Decimal("80")
    )

    measured.refresh_from_db()
    assert measured.target == Decimal("80")


def test_a_pledged_indicators_name_may_still_be_corrected(world):
    measured = indicator(world)
    opened(world, indicators=[measured])

    indicator_services.indicator_update(
        indicator=measured, by=world.leader_officer, name="Tỷ lệ văn bản xử lý đúng hạn"
    )

    measured.refresh_from_db()
    assert measured.name == "Tỷ lệ văn bản xử lý đúng hạn"
