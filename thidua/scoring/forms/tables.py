"""Forms of the criteria table pages: they parse what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.campaigns.models import Pledge
from thidua.org.forms import PageForm
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup
from thidua.scoring.selectors import tables as selectors

POLICY_FORM_FIELDS = (
    "cross_scorers", "trim_extremes", "bonus_cap", "penalty_cap", "floor_at_zero",
    "below_target", "self_due_on", "cross_due_on", "explanation_due_on",
)  # fmt: skip
TIE_FIELDS = ("tie_1", "tie_2", "tie_3")


class _Form(PageForm):
    """PageForm with checkboxes drawn as checkboxes, and optional order fields."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
        for name in ("bonus_cap", "penalty_cap"):
            if name in self.fields:
                self.fields[name].help_text = _("Leave empty for no cap.")
        if "order" in self.fields:
            self.fields["order"].required = False
            self.fields["order"].help_text = _("Leave empty to put it last.")


class TableCreateForm(_Form):
    model = CriteriaTable
    model_fields = ("cluster", "year", "title", "pledge", *POLICY_FORM_FIELDS)

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = selectors.clusters_run_by(user=user)
        self.fields["pledge"].queryset = selectors.draft_pledges_for(user=user)


class TableEditForm(_Form):
    """The title, the pledge and the policy, with the tie-break chain as three plain choices."""

    model = CriteriaTable
    model_fields = ("title", "pledge", *POLICY_FORM_FIELDS)

    def __init__(self, *args: Any, table: CriteriaTable, user: Any, **kwargs: Any):
        initial = forms.model_to_dict(table, fields=self.model_fields)
        initial |= dict(zip(TIE_FIELDS, table.tie_break, strict=False))
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        pledges = Pledge.objects.filter(
            cluster_id=table.cluster_id, year=table.year, status=Pledge.Status.DRAFT
        )
        self.fields["pledge"].queryset = pledges
        choices = [("", "—"), *selectors.tie_key_choices(table)]
        labels = (_("First tie-break"), _("Second tie-break"), _("Third tie-break"))
        for name, label in zip(TIE_FIELDS, labels, strict=True):
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
            self.fields[name].widget.attrs["class"] = "form-select form-select-lg"
        self.fields["tie_1"].help_text = _(
            "Used in order when two units have the same final score."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chain = []
        for name in TIE_FIELDS:
            key = data.pop(name, "")
            if key and key in chain:
                self.add_error(name, _("This figure is already in the chain."))
            elif key:
                chain.append(key)
        data["tie_break"] = chain
        return data


class TableCopyForm(_Form):
    year = forms.IntegerField(label=_("Year of the new table"), min_value=2000, max_value=2100)
    pledge = forms.ModelChoiceField(
        label=_("Pledge"), queryset=Pledge.objects.none(), required=False,
        help_text=CriteriaTable._meta.get_field("pledge").help_text,
    )  # fmt: skip

    def __init__(self, *args: Any, source: CriteriaTable, **kwargs: Any):
        kwargs.setdefault("initial", {"year": source.year + 1})
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = Pledge.objects.filter(
            cluster_id=source.cluster_id, status=Pledge.Status.DRAFT
        )


class GroupForm(_Form):
    model = CriterionGroup
    model_fields = ("code", "title", "kind", "order")

    def __init__(self, *args: Any, group: CriterionGroup | None = None, **kwargs: Any):
        if group is not None:
            kwargs.setdefault("initial", forms.model_to_dict(group, fields=self.model_fields))
        super().__init__(*args, **kwargs)


class CriterionForm(_Form):
    model = Criterion
    model_fields = (
        "code", "title", "guidance", "kind", "max_points", "indicator", "points_each", "order",
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        table: CriteriaTable,
        criterion: Criterion | None = None,
        **kwargs: Any,
    ):
        if criterion is not None:
            initial = forms.model_to_dict(criterion, fields=self.model_fields)
            kwargs.setdefault("initial", initial | {"group": criterion.group_id})
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = selectors.indicators_for_table(table)
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} – {i.name}"
        self.fields["indicator"].help_text = _(
            "Needed when the criterion is measured against a target."
        )
        self.fields["points_each"].help_text = _("Only for points per occurrence.")
        if criterion is not None:
            # Editing may move the criterion to another group of the same table.
            self.fields = {
                "group": forms.ModelChoiceField(
                    label=_("Group"), queryset=table.groups.order_by("order", "code"),
                    widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
                ),
                **self.fields,
            }  # fmt: skip
