"""Forms of the session pages: a new session, the roll, questions, candidates, rounds.

They parse what was typed; the services in `thidua.ballots.services` decide.
"""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.ballots.forms.policy import PolicyForm
from thidua.ballots.models import BallotSession, Candidate, Question, Round, Voter
from thidua.org.forms import PageForm
from thidua.org.models import Cluster, Council, Person, Unit


def owner_key(owner: Cluster | Council) -> str:
    return f"{'cluster' if isinstance(owner, Cluster) else 'council'}:{owner.pk}"


class SessionForm(PolicyForm):
    """A new session: whose meeting it is, when and where, who chairs, and any rule changes."""

    model = BallotSession
    model_fields = (
        "year", "title", "meeting_date", "meeting_place", "chair_name", "secretary_name",
    )  # fmt: skip
    owner = forms.ChoiceField(label=_("Voting body"))

    def __init__(
        self, *args: Any, clusters: Sequence[Cluster], councils: Sequence[Council], **kwargs: Any
    ):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.owners = {owner_key(o): o for o in (*clusters, *councils)}
        self.fields["owner"].choices = [(key, str(o)) for key, o in self.owners.items()]
        order = ["owner", *self.model_fields, *self.policy_fields]
        self.fields = {name: self.fields[name] for name in order}

    def session_data(self) -> dict[str, Any]:
        """Keyword arguments of `session_create` (without `by`)."""
        data = {name: self.cleaned_data[name] for name in self.model_fields}
        owner = self.owners[self.cleaned_data["owner"]]
        data["cluster" if isinstance(owner, Cluster) else "council"] = owner
        return data | {"policy": self.policy_overrides()}


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=Voter.Attendance.choices)


class QuestionForm(PageForm):
    model = Question
    model_fields = ("kind", "title", "seats", "award_code")
    prefix = "question"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to use the kind as the question.")
        self.fields["award_code"].help_text = _("Only for a title or form of award.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") and not data.get("title"):
            data["title"] = str(Question.Kind(data["kind"]).label)
        return data


class CandidateForm(PageForm):
    """A unit (or, in a council, a person) put forward, with the figures a tie-break compares."""

    # The service names the figures when a gate (lowest score, best k) refuses a candidate.
    error_aliases = {"figures": "final", "candidate": "unit"}

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    label = forms.CharField(
        label=_("Name on the ballot"), max_length=255, required=False,
        help_text=_("Leave empty to use the name of the unit or person."),
    )  # fmt: skip
    final = forms.DecimalField(
        label=_("Final score"), required=False, max_digits=8, decimal_places=2,
        help_text=_("From the year's ranking; used for the candidate gate and to break ties."),
    )  # fmt: skip
    group_i = forms.DecimalField(
        label=_("Score in group I"), required=False, max_digits=8, decimal_places=2
    )

    def __init__(self, *args: Any, session: BallotSession, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if session.cluster_id:
            # A cluster votes on its own member units: the units of the roll.
            roll_units = session.voters.filter(unit__isnull=False).values("unit")
            self.fields["unit"].queryset = Unit.objects.filter(pk__in=roll_units).order_by("name")
            self.fields["unit"].required = True
            del self.fields["person"]
        else:
            # A council votes on the units and people of its awarding body.
            path = session.council.unit.path
            self.fields["unit"].queryset = Unit.objects.filter(
                path__startswith=path, active_to__isnull=True
            ).order_by("path")
            self.fields["person"].queryset = Person.objects.filter(
                unit__path__startswith=path
            ).order_by("sort_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "person" in self.fields and not (data.get("unit") or data.get("person")):
            self.add_error("unit", _("Choose a unit or a person."))
        if data.get("unit") and data.get("person"):
            self.add_error("person", _("Choose a unit or a person, not both."))
        return data

    def candidate_data(self) -> dict[str, Any]:
        """Keyword arguments of `candidate_add` (without `question` and `by`)."""
        data = self.cleaned_data
        figures = {
            key: format(data[name].normalize(), "f")
            for key, name in (("final", "final"), ("group:I", "group_i"))
            if data.get(name) is not None
        }
        return {
            "unit": data.get("unit"),
            "person": data.get("person"),
            "label": data.get("label", ""),
            "figures": figures,
        }


class ConfirmForm(forms.Form):
    """A box to tick before an act that cannot be undone (closing a round or the session)."""

    confirm = forms.BooleanField(label=_("I confirm"), required=True)


class RevoteForm(PageForm):
    reason = forms.CharField(
        label=_("Why a re-vote"), max_length=500, required=False,
        help_text=_("For the minutes, e.g. “Tie between two units for the last seat”."),
    )  # fmt: skip


class ChairForm(PageForm):
    candidates = forms.ModelMultipleChoiceField(
        label=_("The chair chooses"), queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason, for the minutes"), max_length=500)

    def __init__(self, *args: Any, round: Round, **kwargs: Any):
        super().__init__(*args, **kwargs)
        among = (round.result or {}).get("chair_among", [])
        self.seats_left = (round.result or {}).get("seats_left", 1)
        self.fields["candidates"].queryset = Candidate.objects.filter(pk__in=among)
        self.fields["candidates"].widget.attrs["class"] = "form-check-input"

    def clean_candidates(self) -> Any:
        chosen = self.cleaned_data["candidates"]
        if len(chosen) != self.seats_left:
            raise forms.ValidationError(
                _("Tick exactly %(seats)d of the tied candidates.") % {"seats": self.seats_left}
            )
        return chosen
