"""Forms of the proposal and dossier pages. They parse what was typed; the services decide."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardType, Subject
from thidua.nominations.models import Batch, Dossier, DossierAttachment, Route
from thidua.nominations.selectors import batches as selectors
from thidua.org.forms import PageForm
from thidua.org.models import Cluster, Person, Unit
from thidua.org.selectors import people_visible_to, person_search, units_visible_to

# People listed in the nominee select at once; a search narrows the list.
PERSON_CHOICES_SHOWN = 50


def award_label(award: AwardType) -> str:
    return award.name


class BatchFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Every status")), *Batch.Status.choices],
    )  # fmt: skip
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def values(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"year": data["year"], "status": data["status"] or None, "q": data["q"].strip()}


def default_title(year: int) -> str:
    return gettext("Proposal for commendation for the year %(year)s") % {"year": year}


class BatchCreateForm(PageForm):
    proposer = forms.ModelChoiceField(label=_("Proposing unit"), queryset=Unit.objects.none())
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.none(), required=False,
        empty_label=_("Not from a cluster"),
        help_text=_("Choose the cluster when the cluster leader proposes for its members."),
    )  # fmt: skip
    awarding_unit = forms.ModelChoiceField(
        label=_("Awarding body"), queryset=Unit.objects.none(),
        help_text=_("The body whose emulation council considers the proposal."),
    )  # fmt: skip
    year = forms.IntegerField(label=_("Achievement year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Abstract"), max_length=500)
    award_codes = forms.MultipleChoiceField(
        label=_("Awards to propose"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The route the proposal takes follows these awards."),
    )  # fmt: skip
    route = forms.ModelChoiceField(
        label=_("Route"), queryset=Route.objects.none(), required=False,
        empty_label=_("Chosen from the awards"),
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, year: int, **kwargs: Any):
        kwargs.setdefault("initial", {"year": year, "title": default_title(year)})
        super().__init__(*args, **kwargs)
        self.fields["proposer"].queryset = selectors.proposer_choices(user)
        self.fields["cluster"].queryset = selectors.cluster_choices(user)
        self.fields["cluster"].label_from_instance = lambda cluster: cluster.name
        self.fields["awarding_unit"].queryset = selectors.awarding_choices()
        self.fields["route"].queryset = Route.objects.filter(is_active=True)
        self.fields["award_codes"].choices = [
            (a.code, a.name) for a in AwardType.objects.order_by("sort_order", "code")
        ]
        self.fields["award_codes"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("award_codes") and not data.get("route"):
            self.add_error("award_codes", _("Tick the awards to propose, or choose a route."))
        return data


class NomineeForm(PageForm):
    """Add a nominee: an award and a person (individual awards) or a unit (collective ones)."""

    award = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False,
        empty_label=_("Choose a person"),
        help_text=_("For an individual award. Search by name to narrow the list."),
    )  # fmt: skip
    unit = forms.ModelChoiceField(
        label=_("Collective"), queryset=Unit.objects.none(), required=False,
        empty_label=_("Choose a collective"), help_text=_("For a collective award."),
    )  # fmt: skip
    person_q = forms.CharField(label=_("Find a person"), max_length=100, required=False)

    def __init__(self, *args: Any, user: Any, batch: Batch, person_q: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["award"].queryset = AwardType.objects.order_by("sort_order", "code")
        self.fields["award"].label_from_instance = award_label
        self.fields["person"].queryset = people_visible_to(user)
        self.fields["person"].label_from_instance = _person_label
        self.fields["unit"].queryset = units_visible_to(user).order_by("path")
        query = (self.data.get("person_q") if self.is_bound else person_q) or ""
        self._narrow_people(user, query.strip())

    def _narrow_people(self, user: Any, query: str) -> None:
        """Show at most PERSON_CHOICES_SHOWN people (the search's matches, plus the one chosen);
        validation still accepts anyone the user may see."""
        shown = list(person_search(user=user, query=query)[:PERSON_CHOICES_SHOWN])
        chosen = self.data.get("person") if self.is_bound else None
        if chosen and str(chosen).isdigit() and all(str(p.pk) != str(chosen) for p in shown):
            shown += list(people_visible_to(user).filter(pk=chosen))
        field = self.fields["person"]
        field.widget.choices = [("", field.empty_label)] + [(p.pk, _person_label(p)) for p in shown]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        award, person, unit = data.get("award"), data.get("person"), data.get("unit")
        if award is None:
            return data
        if award.subject == Subject.INDIVIDUAL:
            if person is None:
                self.add_error("person", _("Choose the person proposed for this award."))
            data["unit"] = None
        else:
            if unit is None:
                self.add_error("unit", _("Choose the collective proposed for this award."))
            data["person"] = None
        return data

    @property
    def subject_field(self) -> str:
        award = self.cleaned_data.get("award") if hasattr(self, "cleaned_data") else None
        if award is not None and award.subject != Subject.INDIVIDUAL:
            return "unit"
        return "person"

    def add_refusal(self, exc: ValidationError) -> None:
        """A refusal without a field (a frozen subject …) goes beside the subject's field."""
        if not hasattr(exc, "error_dict"):
            self.add_error(self.subject_field, exc)
            return
        for name, errors in exc.error_dict.items():
            target = name if name in self.fields else self.subject_field
            self.add_error(target, errors)

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"award": data["award"], "person": data["person"], "unit": data["unit"]}


def _person_label(person: Person) -> str:
    unit = person.unit.name if person.unit_id else ""
    return f"{person.full_name} – {unit}" if unit else person.full_name


# ---- the achievement report (law.md §e.1: Form 03 individual, Form 02 collective) ----------

# (report key, label, long text); "profile.x" keys live in the report's "profile" section.
Field = tuple[str, Any, bool]

FORM_03_SECTIONS: list[tuple[Any, list[Field]]] = [
    (
        _("I. Brief biography"),
        [
            ("profile.full_name", _("Full name"), False),
            ("profile.birth_date", _("Date of birth"), False),
            ("profile.gender", _("Gender"), False),
            ("profile.ethnicity", _("Ethnic group"), False),
            ("profile.religion", _("Religion"), False),
            ("profile.home_town", _("Home town"), False),
            ("profile.residence", _("Place of residence"), False),
            ("profile.unit", _("Unit"), False),
            ("profile.position", _("Position"), False),
            ("profile.political_theory", _("Political theory level"), False),
            ("profile.professional_level", _("Professional qualifications"), False),
            ("profile.academic_titles", _("Academic titles and degrees"), False),
        ],
    ),
    (
        _("II. Achievements"),
        [
            ("duties", _("1. Powers and duties assigned"), True),
            (
                "achievements",
                _("2. Achievements: results against the tasks, initiatives, movements"),
                True,
            ),
            ("summary", _("Short summary for the public posting"), True),
        ],
    ),
]
FORM_02_SECTIONS: list[tuple[Any, list[Field]]] = [
    (
        _("I. Brief description of the collective"),
        [
            ("profile.name", _("Name of the collective"), False),
            ("profile.parent", _("Superior body"), False),
            ("profile.address", _("Address"), False),
            ("profile.contact", _("Telephone, e-mail"), False),
            ("profile.history", _("History"), True),
            ("profile.features", _("Main features"), True),
            ("profile.party_organisation", _("Party and mass organisations"), True),
        ],
    ),
    (
        _("II. Achievements"),
        [
            ("duties", _("1. Functions and duties"), True),
            ("achievements", _("2. Results against the targets and tasks"), True),
            ("summary", _("Short summary for the public posting"), True),
        ],
    ),
]


def _accepted_keys() -> set[str] | None:
    """Top-level sections the dossiers service accepts (None: it does not say)."""
    from thidua.nominations.services import dossiers

    sections = getattr(dossiers, "TEXT_SECTIONS", None)
    return set(sections) if sections is not None else None


def report_sections(dossier: Dossier) -> list[tuple[Any, list[Field]]]:
    """The typed sections of the dossier's form; a section the service does not store yet
    (the public summary) is left out rather than refused on saving."""
    accepted = _accepted_keys()
    sections = FORM_03_SECTIONS if dossier.form == "03" else FORM_02_SECTIONS
    return [
        (title, [f for f in fields if "." in f[0] or accepted is None or f[0] in accepted])
        for title, fields in sections
    ]


def _stored(report: dict[str, Any], key: str) -> Any:
    """The stored value as the unit reads it: a gender code in words, an ISO date as a date."""
    if "." not in key:
        return report.get(key)
    section, name = key.split(".", 1)
    value = (report.get(section) or {}).get(name)
    if name == "gender" and value in Person.Gender.values:
        return Person.Gender(value).label
    if name == "birth_date" and isinstance(value, str) and value:
        with contextlib.suppress(ValueError):
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return value


class ReportForm(PageForm):
    """The typed sections of Form 02/03; the lists (initiatives, awards received) come from
    the records and are shown beside the form."""

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any):
        report = dossier.report or {}
        self.sections = report_sections(dossier)
        kwargs.setdefault(
            "initial", {_name(key): _text(_stored(report, key)) for key in self._keys()}
        )
        super().__init__(*args, **kwargs)
        for _title, fields in self.sections:
            for key, label, long in fields:
                widget = forms.Textarea(attrs={"rows": 5}) if long else forms.TextInput
                field = forms.CharField(
                    label=label, required=False, max_length=20000 if long else 500, widget=widget
                )
                field.widget.attrs["class"] = "form-control form-control-lg"
                self.fields[_name(key)] = field
        if "profile__party_organisation" in self.fields:
            self.fields["profile__party_organisation"].help_text = _(
                "A collective without a Party organisation must say so (Circular 01/2024)."
            )

    def _keys(self) -> list[str]:
        return [key for _title, fields in self.sections for key, _label, _long in fields]

    def grouped(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (title, [self[_name(key)] for key, _l, _g in fields]) for title, fields in self.sections
        ]

    def changes(self) -> dict[str, Any]:
        """The typed sections in the report's shape: {"profile": {...}, "duties": ...}."""
        out: dict[str, Any] = {}
        for key in self._keys():
            value = self.cleaned_data[_name(key)]
            if "." in key:
                section, name = key.split(".", 1)
                out.setdefault(section, {})[name] = value
            else:
                out[key] = value
        return out


def _name(key: str) -> str:
    return key.replace(".", "__")


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


# ---- attachments, withdrawal, appraisal ---------------------------------------------------


class AttachmentForm(PageForm):
    uploaded_file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG, PNG, Word, Excel or OpenDocument.")
    )
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DossierAttachment.Kind.choices)
    title = forms.CharField(label=_("What the document is"), max_length=255, required=False)
    certified = forms.BooleanField(
        label=_("Original or certified copy"), required=False, initial=True,
        help_text=_("Evidence must be originals or certified copies (CV 3385/BTĐKT-P.II)."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["uploaded_file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt,.ods"
        )
        self.fields["certified"].widget.attrs["class"] = "form-check-input"


class ReasonForm(PageForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


APPRAISAL_RESULTS = [
    (Dossier.Appraisal.PASSED, _("Complete and eligible: passes appraisal")),
    (Dossier.Appraisal.INCOMPLETE, _("Components missing: to be completed")),
    (Dossier.Appraisal.REJECTED, _("Not eligible: rejected")),
]


MARK_CHOICES = [
    ("", _("As the files show")),
    ("ok", _("Checked: acceptable")),
    ("missing", _("Not acceptable (for example, a copy not certified)")),
]


class AppraisalForm(PageForm):
    """One row per component (the reviewer's mark beside what is on file), the result, notes,
    and the reason for passing a nominee the engine finds not eligible."""

    result = forms.ChoiceField(
        label=_("Result of the appraisal"), choices=APPRAISAL_RESULTS, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Reviewer's notes"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to reject: say why the dossier is not eligible."),
    )  # fmt: skip
    override_reason = forms.CharField(
        label=_("Reason for passing against the engine's verdict"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the engine finds the nominee not eligible."),
    )  # fmt: skip

    def __init__(self, *args: Any, checklist: list[dict[str, Any]], **kwargs: Any):
        self.rows = checklist
        initial = kwargs.setdefault("initial", {})
        for row in checklist:
            initial.setdefault(f"mark_{row['code']}", row.get("mark", ""))
        super().__init__(*args, **kwargs)
        for row in checklist:
            field = forms.ChoiceField(label=row["label"], choices=MARK_CHOICES, required=False)
            field.widget.attrs["class"] = "form-select"
            self.fields[f"mark_{row['code']}"] = field
        self.fields["result"].widget.attrs["class"] = "form-check-input"

    def checklist_rows(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [(row, self[f"mark_{row['code']}"]) for row in self.rows]

    def checklist(self) -> dict[str, str]:
        """{component code: the reviewer's mark} ("" leaves the row to the files)."""
        return {row["code"]: self.cleaned_data.get(f"mark_{row['code']}", "") for row in self.rows}
