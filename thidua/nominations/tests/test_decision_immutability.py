from datetime import date

import pytest
from django.db import transaction

from thidua.core.errors import DomainError
from thidua.nominations.models import Decision
from thidua.nominations.services.decisions import (
    decision_issue,
    decision_update,
    line_add,
    line_remove,
)
from thidua.nominations.tests.factories import award
from thidua.nominations.tests.test_decisions import draft, issued

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    return issued(world, ("CSTD_BO", world.dn_person, 2023))


def test_the_service_refuses_to_edit_an_issued_decision(world, decision):
    with pytest.raises(DomainError) as exc:
        decision_update(decision=decision, by=world.secretary, abstract="Sửa trích yếu")
    assert exc.value.code == "issued"
    assert Decision.objects.get(pk=decision.pk).abstract == "Về việc khen thưởng"


def test_saving_an_issued_decision_directly_is_refused(decision):
    decision.signer_name = "Người khác"
    with pytest.raises(DomainError) as exc:
        decision.save()
    assert exc.value.code == "issued"
    assert Decision.objects.get(pk=decision.pk).signer_name == "Nguyễn Văn Bình"


def test_saving_a_line_of_an_issued_decision_directly_is_refused(decision):
    line = decision.lines.get()
    line.label = "Tên khác"
    with pytest.raises(DomainError):
        line.save()


def test_a_line_cannot_be_added_to_or_removed_from_an_issued_decision(world, decision):
    with pytest.raises(DomainError):
        line_add(
            decision=decision, award=award("LDTT"), by=world.secretary,
            person=world.cq_person, year=2023,
        )  # fmt: skip
    with pytest.raises(DomainError):
        line_remove(line=decision.lines.get(), by=world.secretary)
    assert decision.lines.count() == 1


def test_an_issued_decision_cannot_be_deleted(decision):
    with pytest.raises(DomainError), transaction.atomic():
        decision.delete()
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_an_issued_decision_cannot_be_issued_again(world, decision):
    with pytest.raises(DomainError) as exc:
        decision_issue(decision=decision, by=world.secretary, number=99, signed_on=date(2024, 2, 1))
    assert exc.value.code == "issued"


def test_a_draft_can_still_be_changed_and_its_lines_removed(world):
    decision = draft(world, ("CSTD_BO", world.dn_person, 2023))
    decision_update(decision=decision, by=world.secretary, abstract="Trích yếu mới")
    line_remove(line=decision.lines.get(), by=world.secretary)
    decision.refresh_from_db()
    assert decision.abstract == "Trích yếu mới" and not decision.lines.exists()
