"""Forms of the org pages. They parse and check what was typed; the services decide.

The forms are plain (not ModelForms) so nothing touches a record before its service runs; their
fields are still built from the models, so labels, lengths and choices stay in one place.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.org import selectors
from thidua.org.models import (
    Cluster,
    ClusterLeadership,
    ClusterMembership,
    LeavePeriod,
    Membership,
    Person,
    Unit,
)
from thidua.org.scope import scope_for


def label(model: type[models.Model], name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def unit_label(unit: Unit) -> str:
    return f"{unit.name} ({unit.code})"


class DateInput(forms.DateInput):
    """The browser's date picker; it always exchanges ISO dates, whatever the language shows."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PageForm(forms.Form):
    """Bootstrap look, model-built fields, and service refusals shown beside their field."""

    model: type[models.Model] | None = None
    model_fields: tuple[str, ...] = ()
    # A service may name a field differently from the form (transfer: start_date -> on).
    error_aliases: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.model is not None:
            built = forms.fields_for_model(self.model, fields=self.model_fields)
            self.fields = {**built, **self.fields}
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.widget.is_required = field.required
            if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Unit:
                field.label_from_instance = unit_label
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = (
                "form-select form-select-lg" if select else "form-control form-control-lg"
            )

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self._errors or {}:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs["class"]:
                    attrs["class"] += " is-invalid"
                attrs["aria-invalid"] = "true"

    def add_refusal(self, exc: ValidationError) -> None:
        """Put a service's refusal beside the field it names, or above the form if none fits."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.error_dict.items():
            name = self.error_aliases.get(name, name)
            self.add_error(name if name in self.fields else None, errors)

    def check_period(self, start: str, end: str) -> None:
        first, last = self.cleaned_data.get(start), self.cleaned_data.get(end)
        if first and last and last < first:
            self.add_error(end, _("The end date cannot be before the start date."))


class PublicMessageForm(PageForm):
    """A message the public sends (feedback): who sends it, an optional contact, and `website`,
    a honeypot hidden from people and filled in only by robots, whom the page thanks while
    dropping the message (`is_robot`). The honeypot comes last, after a subclass's fields."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    contact = forms.CharField(
        label=_("E-mail or telephone (optional)"),
        max_length=150,
        required=False,
        help_text=_("Only the secretariat sees it, to answer you."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["website"] = self.fields.pop("website")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


# ---- units -------------------------------------------------------------------------------


class UnitForm(PageForm):
    """A unit's own fields; the add-sub-unit page uses it as is."""

    model = Unit
    model_fields = (
        "name",
        "short_name",
        "code",
        "kind",
        "document_style",
        "issuer_code",
        "active_from",
        "sort_order",
    )


class UnitEditForm(UnitForm):
    """The unit's fields plus its parent; a new parent moves the unit with its sub-units."""

    model_fields = ("parent", *UnitForm.model_fields)

    def __init__(self, *args: Any, unit: Unit, user: Any, **kwargs: Any):
        kwargs.setdefault("initial", forms.model_to_dict(unit, fields=self.model_fields))
        super().__init__(*args, **kwargs)
        managed = selectors.units_managed_by(user).values("pk")
        parent = self.fields["parent"]
        # The current parent stays a choice even when it lies outside the user's units.
        parent.queryset = Unit.objects.filter(Q(pk__in=managed) | Q(pk=unit.parent_id)).order_by(
            "path"
        )
        # Only an administrator may make a unit top-level.
        parent.required = unit.parent_id is not None and not scope_for(user).is_admin


class UnitDeactivateForm(PageForm):
    on = forms.DateField(label=label(Unit, "active_to"), initial=timezone.localdate)
    successor = forms.ModelChoiceField(
        label=label(Unit, "successor"),
        help_text=Unit._meta.get_field("successor").help_text,
        queryset=Unit.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, unit: Unit, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        visible = selectors.units_visible_to(user).filter(active_to__isnull=True)
        self.fields["successor"].queryset = visible.exclude(pk=unit.pk).order_by("name")


# ---- people ------------------------------------------------------------------------------


class PersonForm(PageForm):
    model = Person
    model_fields = ("full_name", "gender", "birth_date", "employment_start", "staff_code")

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any):
        if person is not None:
            kwargs.setdefault("initial", forms.model_to_dict(person, fields=self.model_fields))
        super().__init__(*args, **kwargs)


class PersonAddForm(PersonForm):
    position = forms.CharField(label=label(Membership, "position"), max_length=150, required=False)
    start_date = forms.DateField(
        label=label(Membership, "start_date"),
        required=False,
        help_text=_("Leave empty to use the employment start date (or today)."),
    )


class PersonTransferForm(PageForm):
    error_aliases = {"start_date": "on"}

    to_unit = forms.ModelChoiceField(label=_("New unit"), queryset=Unit.objects.none())
    on = forms.DateField(label=_("Transfer date"), initial=timezone.localdate)
    position = forms.CharField(label=label(Membership, "position"), max_length=150, required=False)

    def __init__(self, *args: Any, person: Person, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        managed = selectors.units_managed_by(user).exclude(pk=person.unit_id)
        self.fields["to_unit"].queryset = managed


class LeaveForm(PageForm):
    model = LeavePeriod
    model_fields = ("kind", "start_date", "end_date", "note")

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.check_period("start_date", "end_date")
        return self.cleaned_data


# ---- clusters ----------------------------------------------------------------------------


class ClusterMemberForm(PageForm):
    model = ClusterMembership
    model_fields = ("unit", "joined_on", "left_on")

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_managed_by(user)

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.check_period("joined_on", "left_on")
        return self.cleaned_data


class ClusterLeadershipForm(PageForm):
    model = ClusterLeadership
    model_fields = ("year", "role", "unit", "note")

    def __init__(self, *args: Any, cluster: Cluster, **kwargs: Any):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.cluster_leadership_units(cluster)
