"""Verdicts in words: the engine's message keys as whole translatable sentences.

The engine speaks in keys and parameters; this is the only place they become Vietnamese or
English. Lists of years, dates, award codes and ratios are formatted here too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.eligibility import Outcome, Status

STATUS_LABELS = {
    Status.ELIGIBLE: gettext_lazy("Eligible"),
    Status.INELIGIBLE: gettext_lazy("Not eligible"),
    Status.DEFERRED: gettext_lazy("Deferred while a verification is open"),
    Status.PENDING_DOCUMENT: gettext_lazy("Eligible once a document is on file"),
}

MESSAGES = {
    "freeze.open": gettext_lazy(
        "A %(kind)s has been open since %(since)s: no award or proposal until it is concluded."
    ),
    "freeze.none": gettext_lazy("No review, inspection or complaint is open."),
    "award.already_held": gettext_lazy("Already received for %(year)s."),
    "award.not_held": gettext_lazy("Not yet received for %(year)s."),
    "registration.found": gettext_lazy("Registered for %(year)s."),
    "registration.missing": gettext_lazy("Did not register this target for %(year)s."),
    "conduct.ldtt": gettext_lazy(
        "To be confirmed by the review: self-reliance, solidarity and active emulation."
    ),
    "conduct.collective": gettext_lazy(
        "To be confirmed by the review: active emulation, internal solidarity, exemplary "
        "compliance."
    ),
    "cap.cstdcs": gettext_lazy(
        "The law sets no share limit for this title; an organisation's own cap applies to the "
        "list, not to the person."
    ),
    "council.vote": gettext_lazy("Chosen by the emulation council by secret ballot."),
    "achievement.notable": gettext_lazy("The achievement itself is judged by the unit's review."),
    "bkbo.other_paths": gettext_lazy(
        "Outstanding, ad-hoc or major contributions (points a to c) are judged by the council."
    ),
    "cluster.vote": gettext_lazy("Selected as the leading unit by the cluster's review and vote."),
    "quota.government_flag": gettext_lazy(
        "At most a share of the cluster leaders may be proposed (policy setting)."
    ),
    "any_of.met": gettext_lazy("One of the alternative conditions is met:"),
    "any_of.none": gettext_lazy("None of the alternative conditions is met."),
    "any_of.pending": gettext_lazy(
        "One of the alternative conditions will be met once the missing document is on file:"
    ),
    "chain.broken": gettext_lazy("Needs %(award)s in each of %(years)s; missing in %(missing)s."),
    "chain.already_used": gettext_lazy(
        "These %(award)s titles already grounded %(used_by)s %(used_year)s; a new run of "
        "%(count)s is needed."
    ),
    "chain.complete": gettext_lazy("%(award)s held in each of %(years)s."),
    "window.titles": gettext_lazy(
        "Needs %(count)s × %(award)s in %(first)s–%(last)s; found %(found)s."
    ),
    "prior.missing": gettext_lazy("Needs an earlier %(award)s."),
    "prior.too_recent": gettext_lazy(
        "The earlier %(award)s (period up to %(anchor)s) leaves fewer than %(window)s years "
        "before this proposal."
    ),
    "prior.held": gettext_lazy("Earlier %(award)s held (period up to %(anchor)s)."),
    "posting.missing": gettext_lazy(
        "The nomination must be posted publicly for %(days)s working days before the council."
    ),
    "posting.open": gettext_lazy(
        "Posted from %(start)s; the %(days)s working days end on %(end)s."
    ),
    "posting.too_short": gettext_lazy(
        "Posted from %(start)s, the council met on %(council_on)s after %(counted)s working "
        "days; %(days)s are required (window ends %(end)s)."
    ),
    "posting.done": gettext_lazy(
        "Posted from %(start)s to %(end)s before the council of %(council_on)s."
    ),
    "discipline.in_year": gettext_lazy(
        "Disciplined (%(form)s) on %(on)s: the year counts as not completing tasks."
    ),
    "discipline.period": gettext_lazy(
        "Within a discipline period: achievements count again from %(restart)s."
    ),
    "discipline.none": gettext_lazy("No discipline in %(year)s."),
    "rating.missing": gettext_lazy("No rating recorded for %(year)s."),
    "rating.ok": gettext_lazy("Rated %(rating)s in %(year)s (%(required)s or better needed)."),
    "rating.capped_discipline": gettext_lazy(
        "Rated %(recorded)s in %(year)s, but a discipline that year makes it %(rating)s."
    ),
    "rating.capped_absence": gettext_lazy(
        "Rated %(recorded)s in %(year)s, but 3 to 6 months away from work cap it at %(rating)s."
    ),
    "rating.too_low": gettext_lazy(
        "Rated %(rating)s in %(year)s; %(required)s or better is needed."
    ),
    "worked.recruit": gettext_lazy(
        "Employed %(employed)s months by %(reference)s; at least %(required)s are needed."
    ),
    "worked.absent": gettext_lazy(
        "Worked %(months)s months in the year after absences; at least %(required)s are needed."
    ),
    "worked.ok": gettext_lazy("Worked %(months)s months by %(reference)s."),
    "transfer.comment_missing": gettext_lazy(
        "Transferred on %(on)s after %(months)s months at the old unit: its written comment is "
        "needed."
    ),
    "transfer.ok": gettext_lazy("Transfer on %(on)s: nothing more is needed."),
    "ratings.broken": gettext_lazy(
        "Needs %(rating)s or better every year %(first)s–%(last)s; not in %(missing)s."
    ),
    "ratings.complete": gettext_lazy("%(rating)s or better every year %(first)s–%(last)s."),
    "ratings.window": gettext_lazy(
        "Needs %(count)s years rated %(rating)s in %(first)s–%(last)s; found %(found)s."
    ),
    "initiatives.reused": gettext_lazy(
        "Needs %(count)s unused initiatives of %(scope)s scope in %(first)s–%(last)s; found "
        "%(found)s, and %(reused)s already grounded another award."
    ),
    "initiatives.missing": gettext_lazy(
        "Needs %(count)s initiatives of %(scope)s scope in %(first)s–%(last)s; found %(found)s."
    ),
    "initiatives.scope": gettext_lazy(
        "Needs %(count)s initiatives of %(scope)s scope in %(first)s–%(last)s; %(narrow)s have "
        "a narrower scope or were not applied."
    ),
    "initiatives.ok": gettext_lazy("Initiatives used: %(ids)s."),
    "service.years": gettext_lazy("%(years)s years of service; %(required)s needed."),
    "unit_rating.missing": gettext_lazy("No collective rating recorded for %(year)s."),
    "unit_rating.ok": gettext_lazy("Collective rated %(rating)s in %(year)s."),
    "unit_rating.too_low": gettext_lazy(
        "Collective rated %(rating)s in %(year)s; %(required)s or better is needed."
    ),
    "members.no_roster": gettext_lazy("No members on the roster for the year."),
    "members.ratio": gettext_lazy(
        "%(count)s of %(roster)s members (%(percent)s %%) are %(of)s; %(need)s is needed."
    ),
    "members.count": gettext_lazy("%(count)s members are %(of)s; %(required)s needed."),
    "members.disciplined": gettext_lazy(
        "%(count)s members were disciplined with %(bar)s or heavier."
    ),
    "cluster.led": gettext_lazy("Leading unit of its cluster in %(year)s."),
    "cluster.not_led": gettext_lazy("Not the leading unit of a cluster this year."),
    "party.unassessed": gettext_lazy(
        "Whether the Party organisation is clean and strong in %(year)s is not yet recorded."
    ),
    "party.ok": gettext_lazy("Party organisation clean and strong in %(year)s."),
    "party.not_clean": gettext_lazy("Party organisation not clean and strong in %(year)s."),
    "unit.dissolved": gettext_lazy("The unit was dissolved on %(on)s."),
    "unit.active": gettext_lazy("The unit is active."),
}

MEMBER_GROUPS = {
    "ldtt": gettext_lazy("Advanced Workers"),
    "completed": gettext_lazy("rated as completing their tasks"),
    "cstdcs": gettext_lazy("Grassroots Emulation Fighters"),
    "disciplined": gettext_lazy("disciplined"),
}


def describe(outcome: Outcome, award_names: dict[str, str] | None = None) -> str:
    template = MESSAGES.get(outcome.message)
    if template is None:
        return outcome.message
    values = {k: _format(k, v, award_names or {}) for k, v in outcome.params.items()}
    if outcome.message in ("members.ratio", "members.count"):
        values["of"] = MEMBER_GROUPS.get(outcome.params["of"], outcome.params["of"])
    if outcome.message == "members.ratio":
        values["need"] = _ratio_need(outcome.params)
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)


def _ratio_need(params: dict[str, Any]) -> str:
    percent = _percent(Fraction(params["ratio"]))
    if params.get("strict"):
        return _("more than %(percent)s %%") % {"percent": percent}
    return _("at least %(percent)s %%") % {"percent": percent}


def _percent(value: Fraction) -> str:
    number = value * 100
    if number.denominator == 1:
        return str(number.numerator)
    return number_format(Decimal(number.numerator) / Decimal(number.denominator), 2)


@cache  # the labels are lazy: translated when formatted, in the reader's language
def _choice_labels() -> dict[str, dict[str, str]]:
    from thidua.awards.models import Discipline, Freeze, Initiative

    return {
        "kind": dict(Freeze.Kind.choices),
        "form": dict(Discipline.Form.choices),
        "bar": dict(Discipline.Form.choices),
        "scope": dict(Initiative.Scope.choices),
    }


def _format(key: str, value: Any, award_names: dict[str, str]) -> Any:
    if key == "percent":  # "90.70" → "90,70" in Vietnamese
        return number_format(Decimal(str(value)), 2)
    labels = _choice_labels().get(key)
    if labels and isinstance(value, str):
        return str(labels.get(value, value)).lower()
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if key in ("award", "used_by"):
        codes = value if isinstance(value, list) else [value]
        return _(" or ").join(award_names.get(c, c) for c in codes)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return value
