"""The voting rules of a session, in plain words and as optional overrides.

The rules themselves are `rules.Policy` (law.md §c.4 leaves thresholds and tie-breaks to the
cluster or council); this module only says them to people and reads what they changed.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thidua.ballots.rules import CHAIR, REVOTE, Policy, merit_seats
from thidua.org.forms import PageForm

THRESHOLD_WORDS = {
    "gt_half": gettext_lazy("more than half (over 50%)"),
    "ge_half": gettext_lazy("at least half (no less than 50%)"),
    "ge_two_thirds": gettext_lazy("at least two thirds"),
    "ge_90": gettext_lazy("at least 90%"),
}
BASE_WORDS = {
    "members_total": gettext_lazy("all members on the voter roll"),
    "members_present": gettext_lazy(
        "the members present, counting absent members who voted in writing"
    ),
    "valid_ballots": gettext_lazy("the valid ballots"),
}
# Tie-break chains offered as whole choices: ordering steps one by one is error-prone on a form.
TIE_CHAINS = {
    "revote,final,group:I,chair": gettext_lazy(
        "Re-vote among the tied; then the higher final score; then the higher group I score; "
        "then the chair decides"
    ),
    "revote,final,chair": gettext_lazy(
        "Re-vote among the tied; then the higher final score; then the chair decides"
    ),
    "revote,chair": gettext_lazy("Re-vote among the tied; then the chair decides"),
    "final,group:I,chair": gettext_lazy(
        "The higher final score; then the higher group I score; then the chair decides"
    ),
    "chair": gettext_lazy("The chair decides"),
}
KEEP = ""
YES_NO = [(KEEP, gettext_lazy("As in the standing rules")), ("yes", gettext_lazy("Yes")),
          ("no", gettext_lazy("No"))]  # fmt: skip


def tie_step_words(step: str) -> str:
    if step == REVOTE:
        return _("a re-vote among the tied candidates")
    if step == CHAIR:
        return _("the chair decides")
    if step == "final":
        return _("the higher final score")
    if step == "penalties":
        return _("the fewer penalty points")
    if step.startswith("group:"):
        return _("the higher score in group %(group)s") % {"group": step.removeprefix("group:")}
    return _("the better figure “%(figure)s”") % {"figure": step}


def policy_lines(policy: Policy, *, members: int | None = None) -> list[tuple[str, str]]:
    """(label, plain sentence) pairs saying the rules, for the create and session pages."""
    p = policy
    revotes = ngettext(
        "At most %(count)d re-vote on a tie.", "At most %(count)d re-votes on a tie.", p.max_revotes
    )
    flags = ngettext(
        "At most %(count)d per cluster and year.",
        "At most %(count)d per cluster and year.",
        p.max_flags,
    )
    own_unit = (
        _("Members may vote for their own unit.")
        if p.self_vote_allowed
        else _("Members may not vote for their own unit.")
    )
    tie_winner = (
        _("Must still reach the threshold.")
        if p.tie_winner_needs_threshold
        else _("Is chosen even under the threshold.")
    )
    return [
        (_("Needed to be chosen"), str(THRESHOLD_WORDS[p.threshold])),
        (_("Counted over"), str(BASE_WORDS[p.ballot_base])),
        (_("Own unit"), own_unit),
        (_("On a tie"), "; ".join(tie_step_words(step) for step in p.tie_break) or "—"),
        (_("Re-votes"), revotes % {"count": p.max_revotes}),
        (_("Winner of a tie-break"), tie_winner),
        (_("Leading units (emulation flag)"), flags % {"count": p.max_flags}),
        (_("Units proposed for a certificate of merit"), _merit_words(p, members)),
        (_("Who may stand"), _gate_words(p)),
    ]


def _merit_words(p: Policy, members: int | None) -> str:
    if p.max_merit_units is not None:
        return _("At most %(count)d.") % {"count": p.max_merit_units}
    if members is None:
        return _("At most half the members, rounded down.")
    return _("At most half the members, rounded down: %(count)d of %(members)d.") % {
        "count": merit_seats(p, members),
        "members": members,
    }


def _gate_words(p: Policy) -> str:
    score = p.min_final_score
    if score is not None and p.top_k is not None:
        return _(
            "Units with a final score of at least %(score)s among the %(k)d best (ties kept)."
        ) % {"score": _number(score), "k": p.top_k}
    if score is not None:
        return _("Units with a final score of at least %(score)s.") % {"score": _number(score)}
    if p.top_k is not None:
        return _("The %(k)d best-scored units (ties kept).") % {"k": p.top_k}
    return _("Every candidate put forward.")


def _number(value: Any) -> str:
    return f"{float(value):g}"


class PolicyForm(PageForm):
    """Changes to the owner's standing rules for this one session; empty means "keep"."""

    threshold = forms.ChoiceField(
        label=gettext_lazy("Needed to be chosen"), required=False,
        choices=[(KEEP, gettext_lazy("As in the standing rules")), *THRESHOLD_WORDS.items()],
    )  # fmt: skip
    ballot_base = forms.ChoiceField(
        label=gettext_lazy("Counted over"), required=False,
        choices=[(KEEP, gettext_lazy("As in the standing rules")), *BASE_WORDS.items()],
    )  # fmt: skip
    self_vote_allowed = forms.ChoiceField(
        label=gettext_lazy("Members may vote for their own unit"), required=False, choices=YES_NO
    )
    tie_break = forms.ChoiceField(
        label=gettext_lazy("On a tie"), required=False,
        choices=[(KEEP, gettext_lazy("As in the standing rules")), *TIE_CHAINS.items()],
    )  # fmt: skip
    tie_winner_needs_threshold = forms.ChoiceField(
        label=gettext_lazy("The winner of a tie-break must still reach the threshold"),
        required=False, choices=YES_NO,
    )  # fmt: skip
    max_revotes = forms.IntegerField(
        label=gettext_lazy("Most re-votes on a tie"), required=False, min_value=0, max_value=9
    )
    max_flags = forms.IntegerField(
        label=gettext_lazy("Most leading units (emulation flag)"), required=False, min_value=1
    )
    max_merit_units = forms.IntegerField(
        label=gettext_lazy("Most units proposed for a certificate of merit"), required=False,
        min_value=0, help_text=gettext_lazy("Leave empty for the standing rule."),
    )  # fmt: skip
    min_final_score = forms.DecimalField(
        label=gettext_lazy("Lowest final score to stand"), required=False, min_value=0,
        decimal_places=2, max_digits=6,
    )  # fmt: skip
    top_k = forms.IntegerField(
        label=gettext_lazy("Only the best-scored units may stand: how many"), required=False,
        min_value=1,
    )  # fmt: skip

    policy_fields = (
        "threshold", "ballot_base", "self_vote_allowed", "tie_break",
        "tie_winner_needs_threshold", "max_revotes", "max_flags", "max_merit_units",
        "min_final_score", "top_k",
    )  # fmt: skip

    def policy_overrides(self) -> dict[str, Any]:
        """The JSON-safe overrides typed (only the fields filled in)."""
        data, overrides = self.cleaned_data, {}
        for name in self.policy_fields:
            value = data.get(name)
            if value in (None, KEEP):
                continue
            if name == "tie_break":
                value = value.split(",")
            elif name in ("self_vote_allowed", "tie_winner_needs_threshold"):
                value = value == "yes"
            elif name == "min_final_score":
                value = format(value.normalize(), "f")
            overrides[name] = value
        return overrides
