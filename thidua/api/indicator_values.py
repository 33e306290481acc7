"""An indicator value sent through the API: the feed's item checks (`campaigns.feed_import`) and
its all-or-nothing recording (`campaigns.services.feeds`), as the caller, who must be the unit's
emulation officer (`campaigns.report_for_unit`, as on the report page). Asked to, the report is
then submitted to the cluster leader, in the same transaction.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.api.access import unit_by_code
from thidua.api.errors import Conflict
from thidua.campaigns import feed_import
from thidua.campaigns.jobs import reports_for
from thidua.campaigns.models import IndicatorReport
from thidua.campaigns.services import feeds
from thidua.campaigns.services.reports import report_transition

S = IndicatorReport.Status
SUBMITTABLE = {S.DRAFT, S.RETURNED}  # a report already submitted or accepted stays as it is


class ValuesRefused(ValidationError):
    code = "invalid_values"


def indicator_value_post(*, user: Any, data: dict[str, Any], token: Any = None) -> dict[str, Any]:
    unit_by_code(
        user, data["unit"], perm="campaigns.report_for_unit",
        refusal=_("You may not report indicator values for %(unit)s."),
    )  # fmt: skip
    # Left-out fields stay out: a note left out keeps the report's note, as in the feed.
    payload = {k: v for k, v in data.items() if k != "submit" and v is not None}
    items, errors = feed_import.items_from_json(payload)
    try:
        with transaction.atomic():
            (result,) = feeds.feed_values_record(
                items=items, errors=errors, allow=reports_for(user), by=user,
                source=IndicatorReport.Source.FEED, reason=f"API: {token or user}",
            )  # fmt: skip
            report = result.report
            if data.get("submit") and report.status in SUBMITTABLE:
                report = report_transition(
                    report=report, to=S.SUBMITTED, by=user, expected_revision=report.revision
                )
    except feeds.FeedRejected as exc:
        _refuse(exc.errors)
    except IntegrityError as exc:  # two requests created the same new report at once
        raise Conflict from exc
    return _answer(result, report)


def _refuse(errors: list[feed_import.ItemError]) -> None:
    forbidden = [e for e in errors if e.code == feeds.FORBIDDEN]
    if forbidden:
        raise PermissionDenied(forbidden[0].message)
    by_field: dict[str, list[str]] = {}
    for error in errors:
        by_field.setdefault(error.field or "__all__", []).append(error.message)
    raise ValuesRefused(by_field)


def _answer(result: feeds.ItemResult, report: IndicatorReport) -> dict[str, Any]:
    target = result.target
    return {
        "report": report.pk, "result": result.action, "status": report.status,
        "revision": report.revision, "unit": target.unit.code,
        "indicator": target.indicator.code, "cluster": target.indicator.cluster_id,
        "year": target.period.year, "period": target.period.key, "numerator": report.numerator,
        "denominator": report.denominator, "value": report.value, "note": report.note,
    }  # fmt: skip
