"""The parts of a dossier (hồ sơ đề nghị) appraisal checks, and which award needs which.

Pure data and logic: no database. The default table follows law.md §e.1; a route may replace the
list for an award (`Route.components`), because the details are each organisation's to set
(Law Art. 84(6))."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

PROPOSAL = "proposal"
REPORT = "report"
CLUSTER_MINUTES = "cluster_minutes"
COUNCIL_MINUTES = "council_minutes"
INITIATIVE = "initiative"
EVIDENCE = "evidence"
POSTING = "posting"

# In the order of law.md §e.1's table (rows 1, 2–3, 5, 4, 6, 7) and then the posting (§e.2).
COMPONENTS = (PROPOSAL, REPORT, CLUSTER_MINUTES, COUNCIL_MINUTES, INITIATIVE, EVIDENCE, POSTING)

LABELS = {
    PROPOSAL: _("Proposal (submission with the list of nominees)"),
    REPORT: _("Achievement report"),
    CLUSTER_MINUTES: _("Minutes of the cluster meeting and ballot results"),
    COUNCIL_MINUTES: _("Minutes of the council meeting and ballot results"),
    INITIATIVE: _("Recognition of initiatives or research, with their scope"),
    EVIDENCE: _("Evidence (originals or certified copies)"),
    POSTING: _("Public posting of the nominees"),
}
REPORT_LABELS = {
    "individual": _("Achievement report of the individual (Form 03)"),
    "collective": _("Achievement report of the collective (Form 02)"),
}

# A checklist row's state: there, missing (blocks appraisal), provided at a later step of the
# route (the public posting comes after appraisal), or not required and not there.
PRESENT, MISSING, LATER, OPTIONAL = "present", "missing", "later", "optional"
STATE_LABELS = {
    PRESENT: _("On file"),
    MISSING: _("Missing"),
    LATER: _("Comes at a later step"),
    OPTIONAL: _("Not required"),
}

# What the reviewer may mark beside a row: "ok" (checked) or "missing" (on file but not
# acceptable, e.g. an uncertified copy); "" leaves the row to what the files say.
MARKS = ("", "ok", "missing")


def label(code: str, subject: str = "") -> str:
    if code == REPORT and subject in REPORT_LABELS:
        return str(REPORT_LABELS[subject])
    return str(LABELS.get(code, code))


def _walk(rules: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for rule in rules:
        yield rule
        yield from _walk(rule.get("rules", ()))


def prerequisite_codes(rules: Iterable[Mapping[str, Any]]) -> list[str]:
    """Award codes the rules name as prerequisites (a rule's "award" parameter, a code or a list),
    nested alternatives included, in the order they first appear."""
    codes: list[str] = []
    for rule in _walk(rules):
        named = rule.get("award")
        for code in [named] if isinstance(named, str) else named or ():
            if code not in codes:
                codes.append(code)
    return codes


def has_check(rules: Iterable[Mapping[str, Any]], check: str) -> bool:
    return any(rule.get("check") == check for rule in _walk(rules))


def needs_initiative(rules: Sequence[Mapping[str, Any]], limb: str = "") -> bool:
    """Whether the rules need an initiative: a check outside any alternative always does; one
    inside an "any_of" branch only when the verdict won (or has not yet won) on that branch —
    a CSTĐCS won on the HTXS rating needs no initiative (Law Art. 23)."""
    return any(_initiative_in(rule, None, limb) for rule in rules)


def _initiative_in(rule: Mapping[str, Any], branch: str | None, limb: str) -> bool:
    if rule.get("check") == "initiatives":
        return branch is None or not limb or branch == limb
    if rule.get("check") == "any_of":
        return any(
            _initiative_in(child, child.get("limb", "?"), limb) for child in rule.get("rules", ())
        )
    return any(_initiative_in(child, branch, limb) for child in rule.get("rules", ()))


def voted_by_council(kind: str, level: str) -> bool:
    """law.md §e.1 row 4: emulation titles above the unit level are voted on by a council."""
    return kind == "title" and level != "unit"


def required_components(
    award_code: str,
    subject: str,
    kind: str,
    level: str,
    pack_award_rules: Sequence[Mapping[str, Any]],
    needs_posting: bool,
    overrides: Mapping[str, Sequence[str]] | None = None,
    *,
    via_cluster: bool = False,
    council_vote: bool | None = None,
    limb: str = "",
) -> list[str]:
    """The components an award's dossier needs (law.md §e.1), or the route's own list for it.

    `council_vote` None means the default (titles above the unit level, §e.1 row 4);
    `via_cluster`: the proposal comes from a cluster (flags need its minutes, §e.1 row 5);
    `limb`: the path a CSTĐCS verdict was won on."""
    if overrides and award_code in overrides:
        chosen = set(overrides[award_code])
        return [code for code in COMPONENTS if code in chosen]
    needed = {PROPOSAL, REPORT, EVIDENCE}  # §e.1 rows 1–3 and 7: every dossier
    if via_cluster and subject == "collective" and award_code.startswith("CO_"):
        needed.add(CLUSTER_MINUTES)
    if council_vote is None:
        council_vote = voted_by_council(kind, level)
    if council_vote:
        needed.add(COUNCIL_MINUTES)
    if subject == "individual" and needs_initiative(pack_award_rules, limb):
        needed.add(INITIATIVE)  # §e.1 row 6
    if needs_posting:
        needed.add(POSTING)  # §e.2
    return [code for code in COMPONENTS if code in needed]


def state_of(*, required: bool, present: bool, later: bool = False, mark: str = "") -> str:
    """A row's state; the reviewer's "missing" mark outranks the files on record."""
    if present and mark != "missing":
        return PRESENT
    if not required:
        return OPTIONAL
    return LATER if later and mark != "missing" else MISSING
