"""Forms of the scorecard pages: the scores of a card, the reviewer's remarks, the unit's
explanations, a recusal, a reopening and an evidence file. Fields are named after the score they
belong to (points_12, remark_12), so each refusal lands beside its own criterion."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.forms.indicators import FigureField, plain
from thidua.org.forms import PageForm
from thidua.scoring.models import Criterion, ScoreEntry
from thidua.scoring.selectors.scorecards import Line

K = Criterion.Kind
FILE_TYPES = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods"


def _met(value: str) -> bool:
    return value == "1"


def points_field(label: str) -> FigureField:
    field = FigureField(label=label, max_digits=7, decimal_places=2)
    field.widget.attrs["class"] = "form-control form-control-lg"
    return field


def text_field(label: str, rows: int = 2, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-control"}),
    )  # fmt: skip


class CardForm(PageForm):
    """Every answer the scorer types on one card; computed criteria have no field."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        required=False,
        help_text=_("Needed once the card has been submitted: the history keeps it beside the "
                    "old score."),
    )  # fmt: skip
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines = [line for line in lines if not line.criterion.is_computed]
        added: dict[str, forms.Field] = {}
        for line in self.lines:
            entry, criterion = line.entry, line.criterion
            added[self.answer_name(line)] = self._answer(criterion)
            added[f"explanation_{entry.pk}"] = text_field(
                _("Explanation for %(code)s") % {"code": criterion.code}
            )
            self.initial.setdefault(self.answer_name(line), self._initial(entry))
            self.initial.setdefault(f"explanation_{entry.pk}", entry.explanation)
        self.fields = {**added, **self.fields}

    @staticmethod
    def answer_name(line: Line) -> str:
        name = {K.PASS_FAIL: "passed", K.PER_OCCURRENCE: "occurrences"}.get(
            line.criterion.kind, "points"
        )
        return f"{name}_{line.entry.pk}"

    @staticmethod
    def _answer(criterion: Criterion) -> forms.Field:
        if criterion.kind == K.PASS_FAIL:
            return forms.TypedChoiceField(
                label=_("Met or not for %(code)s") % {"code": criterion.code},
                choices=[("1", _("Met")), ("0", _("Not met"))], coerce=_met, empty_value=None,
                required=False, widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )  # fmt: skip
        if criterion.kind == K.PER_OCCURRENCE:
            return forms.IntegerField(
                label=_("Number of times for %(code)s") % {"code": criterion.code},
                min_value=0, required=False,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-lg"}),
            )  # fmt: skip
        return points_field(_("Points for %(code)s") % {"code": criterion.code})

    @staticmethod
    def _initial(entry: ScoreEntry) -> Any:
        kind = entry.criterion.kind
        if kind == K.PASS_FAIL:
            return None if entry.passed is None else ("1" if entry.passed else "0")
        if kind == K.PER_OCCURRENCE:
            return entry.occurrences
        return plain(entry.points)

    def rows(self) -> dict[int, tuple[Any, Any]]:
        """Entry pk → (answer field, explanation field), bound, for the page's table."""
        return {
            line.entry.pk: (self[self.answer_name(line)], self[f"explanation_{line.entry.pk}"])
            for line in self.lines
        }

    def answers(self) -> dict[int, dict[str, Any]]:
        found = {}
        for line in self.lines:
            name = self.answer_name(line).rsplit("_", 1)[0]
            found[line.entry.pk] = {
                name: self.cleaned_data.get(self.answer_name(line)),
                "explanation": self.cleaned_data.get(f"explanation_{line.entry.pk}", ""),
            }
        return found

    def field_for(self, entry_pk: int, name: str | None) -> str | None:
        """The form field a service refusal about one score belongs to."""
        if name == "reason":
            return "reason"
        for line in self.lines:
            if line.entry.pk == entry_pk:
                return self.answer_name(line)
        return None


class ReviewForm(PageForm):
    """The reviewer's remark on each criterion and the points they propose; on acceptance the
    proposed points become the card's, with the remark as the reason."""

    remark = text_field(_("Remark on the card as a whole"), rows=3)

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines = lines
        added: dict[str, forms.Field] = {}
        for line in lines:
            code = {"code": line.criterion.code}
            added[f"remark_{line.entry.pk}"] = text_field(_("Remark on %(code)s") % code)
            if not line.criterion.is_computed:
                added[f"proposed_{line.entry.pk}"] = points_field(
                    _("Points proposed for %(code)s") % code
                )
        self.fields = {**added, **self.fields}

    def rows(self) -> dict[int, tuple[Any, Any]]:
        return {
            line.entry.pk: (
                self[f"remark_{line.entry.pk}"],
                self[f"proposed_{line.entry.pk}"] if not line.criterion.is_computed else None,
            )
            for line in self.lines
        }

    def remarks(self) -> list[tuple[Criterion | None, str, Decimal | None]]:
        found: list[tuple[Criterion | None, str, Decimal | None]] = []
        if self.cleaned_data.get("remark", "").strip():
            found.append((None, self.cleaned_data["remark"], None))
        for line in self.lines:
            text = self.cleaned_data.get(f"remark_{line.entry.pk}", "")
            proposed = self.cleaned_data.get(f"proposed_{line.entry.pk}")
            if text.strip() or proposed is not None:
                found.append((line.criterion, text, proposed))
        return found

    def adjustments(self) -> list[tuple[ScoreEntry, Decimal, str]]:
        return [
            (line.entry, proposed, self.cleaned_data.get(f"remark_{line.entry.pk}", ""))
            for line in self.lines
            if (proposed := self.cleaned_data.get(f"proposed_{line.entry.pk}")) is not None
        ]


class ExplainForm(PageForm):
    """The unit's answer to the remarks of the current round, per criterion remarked on."""

    general = text_field(_("Explanation on the card as a whole"), rows=3)

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines = [line for line in lines if line.remarks]
        added = {
            f"explain_{line.entry.pk}": text_field(
                _("Explanation on %(code)s") % {"code": line.criterion.code}, rows=3
            )
            for line in self.lines
        }
        self.fields = {**added, **self.fields}

    def explanations(self) -> list[tuple[Criterion | None, str]]:
        found: list[tuple[Criterion | None, str]] = [(None, self.cleaned_data.get("general", ""))]
        found += [
            (line.criterion, self.cleaned_data.get(f"explain_{line.entry.pk}", ""))
            for line in self.lines
        ]
        return found


class RecuseForm(PageForm):
    conflict = forms.CharField(
        label=_("The conflict of interest"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the heads of the two units are closely related."),
    )


class ReopenForm(PageForm):
    reason = forms.CharField(
        label=_("Why the card is reopened"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScoreEvidenceForm(PageForm):
    entry = forms.TypedChoiceField(label=_("Criterion"), coerce=int)
    uploaded_file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG, PNG, Word, Excel or OpenDocument.")
    )

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [
            (line.entry.pk, f"{line.criterion.code} {line.criterion.title}") for line in lines
        ]
        self.fields["uploaded_file"].widget.attrs["accept"] = FILE_TYPES
