"""Decisions to print, made through the nominations services (the papers read them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from thidua.nominations.models import Decision
from thidua.nominations.services.decisions import decision_draft, decision_issue, line_add
from thidua.nominations.tests.factories import award
from thidua.org.tests.factories import PersonFactory


def party_issuer(unit: Any) -> Any:
    unit.document_style, unit.issuer_code = "party", "BTCTW"
    unit.save()
    return unit


def draft_decision(world: Any, *, people: int = 2, units: int = 0, **values: Any) -> Decision:
    """A draft of Ban Tổ chức Trung ương (Party style): Bằng khen to people and collectives."""
    values = {
        "issuer": party_issuer(world.btctw), "abstract": "Về việc tặng Bằng khen năm 2023",
        "place": "Hà Nội", "signer_title": "Trưởng ban", "signer_name": "Nguyễn Văn Bình",
        **values,
    }  # fmt: skip
    decision = decision_draft(by=world.secretary, **values)
    for index in range(people):
        person = world.dn_person if index == 0 else PersonFactory(unit=world.dn_dept)
        line_add(decision=decision, award=award("BK_BTCTW"), by=world.secretary, year=2023,
                 person=person, multiplier=Decimal("1.0"))  # fmt: skip
    for unit in [world.dn_dept, world.cq_dept][:units]:
        line_add(decision=decision, award=award("CO_BTCTW"), by=world.secretary, year=2023,
                 unit=unit, multiplier=Decimal("1.0"))  # fmt: skip
    return decision


def issued_decision(world: Any, *, number: int = 12, **values: Any) -> Decision:
    decision = draft_decision(world, **values)
    return decision_issue(
        decision=decision, by=world.secretary, number=number, signed_on=dt.date(2024, 1, 15)
    )


def prime_minister_decision(world: Any, *, number: int = 456) -> Decision:
    """A State-style decision of an authority outside thidua (Thủ tướng Chính phủ, "TTg")."""
    decision = decision_draft(
        by=world.admin, issuer=None, issuer_name="Thủ tướng Chính phủ", issuer_code="TTg",
        style="state", abstract="Về việc tặng Bằng khen của Thủ tướng Chính phủ",
        place="Hà Nội", signer_title="Thủ tướng", signer_name="Phạm Minh Chính",
    )  # fmt: skip
    line_add(decision=decision, award=award("CSTDCS"), by=world.admin, year=2023,
             person=world.cq_person)  # fmt: skip
    return decision_issue(
        decision=decision, by=world.admin, number=number, signed_on=dt.date(2024, 4, 20)
    )
