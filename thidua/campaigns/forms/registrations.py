"""Forms of the registration pages: they parse what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Subject
from thidua.campaigns.models import Registration
from thidua.campaigns.selectors.registrations import (
    award_choices,
    award_names,
    registered_codes,
    registration_people,
)
from thidua.org.forms import PageForm
from thidua.org.models import Person, Unit

REASON_HELP = _("Needed after the registration deadline or once the registration is approved.")


def person_label(person: Person) -> str:
    """The name, then the department, so two people with one name can be told apart."""
    if person.unit is None:
        return person.full_name
    return f"{person.full_name} – {person.unit.short_name or person.unit.name}"


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any):
        super().__init__(
            label=_("Reason for the change"), max_length=500, required=False,
            help_text=REASON_HELP, **kwargs,
        )  # fmt: skip


class OpenForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class UnitEntryForm(PageForm):
    """A collective title the unit itself aims for."""

    award_code = forms.ChoiceField(label=_("Collective title"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    reason = ReasonField()

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any):
        # Both add forms share a page: their fields need ids of their own.
        super().__init__(*args, auto_id="unit_%s", **kwargs)
        choices = award_choices(Subject.COLLECTIVE)
        self.fields["award_code"].choices = [("", _("Choose a title")), *choices]


class PersonEntryForm(PageForm):
    """One person's target title."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    award_code = forms.ChoiceField(label=_("Target title"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    reason = ReasonField()

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any):
        super().__init__(*args, auto_id="person_%s", **kwargs)
        self.fields["person"].queryset = registration_people(registration)
        self.fields["person"].label_from_instance = person_label
        self.fields["person"].empty_label = _("Choose a person")
        choices = award_choices(Subject.INDIVIDUAL)
        self.fields["award_code"].choices = [("", _("Choose a title")), *choices]


class BulkEntryForm(PageForm):
    """Many people of the unit for the same title at once."""

    award_code = forms.ChoiceField(label=_("Target title"))
    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one person.")},
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    reason = ReasonField()

    def __init__(
        self, *args: Any, registration: Registration, tick_all: bool = False, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        choices = award_choices(Subject.INDIVIDUAL)
        self.fields["award_code"].choices = [("", _("Choose a title")), *choices]
        people = self.fields["people"]
        people.queryset = registration_people(registration)
        if tick_all and not self.is_bound:
            self.initial["people"] = [p.pk for p in people.queryset]
        people.widget.attrs["class"] = "form-check-input"
        names = award_names()
        held = {
            pk: [names.get(code, code) for code in codes]
            for pk, codes in registered_codes(registration.movement).items()
        }
        people.label_from_instance = lambda p: _label_with_targets(p, held.get(p.pk, []))

    def clean_people(self) -> list[Person]:
        return list(self.cleaned_data["people"])


def _label_with_targets(person: Person, titles: list[str]) -> str:
    if not titles:
        return person_label(person)
    return _("%(person)s (already registered: %(titles)s)") % {
        "person": person_label(person),
        "titles": ", ".join(titles),
    }


class RemoveForm(PageForm):
    reason = ReasonField()


class ReturnForm(PageForm):
    reason = forms.CharField(
        label=_("Why is it returned?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for returning the registration.")},
    )  # fmt: skip
