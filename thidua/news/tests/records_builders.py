"""Builders for the public record pages' tests.

Decisions are issued, rankings published and awards recorded through the apps' own services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.awards.models import AwardRecord
from thidua.awards.services import award_record_add
from thidua.news import services as news_services
from thidua.news.models import Category
from thidua.nominations.models import Decision
from thidua.nominations.services.decisions import decision_draft, decision_issue, line_add
from thidua.nominations.tests.factories import award
from thidua.scoring.models import Ranking
from thidua.scoring.services.rankings import ranking_compute, ranking_publish
from thidua.scoring.tests.test_rankings import ready_pair


# ---- decisions ---------------------------------------------------------------------------------
def draft_decision(world: Any, *lines: tuple, abstract: str = "Về việc khen thưởng") -> Decision:
    """A draft of Ban Tổ chức Trung ương with (award code, person or unit, year) lines."""
    world.btctw.document_style, world.btctw.issuer_code = "party", "BTCTW"
    world.btctw.save()
    decision = decision_draft(
        by=world.secretary, issuer=world.btctw, abstract=abstract, place="Hà Nội",
        signer_name="Nguyễn Văn Bình",
    )  # fmt: skip
    for code, subject, year in lines:
        kind = "unit" if subject.__class__.__name__ == "Unit" else "person"
        line_add(decision=decision, award=award(code), by=world.secretary, year=year,
                 **{kind: subject})  # fmt: skip
    return decision


def issued_decision(
    world: Any, *lines: tuple, number: int = 12, signed_on: dt.date = dt.date(2024, 1, 5),
    **kwargs: Any,
) -> Decision:  # fmt: skip
    decision = draft_decision(world, *lines, **kwargs)
    return decision_issue(decision=decision, by=world.secretary, number=number, signed_on=signed_on)


# ---- rankings ----------------------------------------------------------------------------------
def computed_ranking(world: Any) -> Ranking:
    """Cluster 6's 2023 ranking, computed (dn first) but not published."""
    return ranking_compute(table=ready_pair(world, dn=60, cq=50), by=world.leader_officer)


def published_ranking(world: Any) -> Ranking:
    return ranking_publish(ranking=computed_ranking(world), by=world.leader_officer)


# ---- awards and stories ------------------------------------------------------------------------
def honour(world: Any, code: str, *, year: int = 2023, **subject: Any) -> AwardRecord:
    """An award in the history of `person=` or `unit=`, as if entered by the secretariat."""
    return award_record_add(
        award=award(code), year=year, by=world.secretary, decision_number="5-QĐ/BTCTW",
        issuer="Ban Tổ chức Trung ương", **subject,
    )  # fmt: skip


def story(world: Any, title: str, *, body: str = "<p>Một tấm gương.</p>", **fields: Any):
    """A published article of the category "Gương điển hình"."""
    category, _ = Category.objects.get_or_create(
        slug="guong-dien-hinh", defaults={"name": "Gương điển hình"}
    )
    article = news_services.article_save(
        by=world.officer, title=title, body=body, categories=[category], **fields
    )
    article = news_services.article_submit(article=article, by=world.officer)
    return news_services.article_publish(article=article, by=world.secretary)
