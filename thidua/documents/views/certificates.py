"""Certificate pages: the layouts (list, edit with their fields, copy to a unit), the calibration
page and a sample certificate as PDF, and printing the certificates of an issued decision.

Layouts are seen by admins and secretariats (`certificates.layouts_visible_to`) and changed by
the admin or the secretariat of the layout's unit; printing needs the right to read the decision.
A decision of many recipients prints in a background job with a progress bar."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.awards.models import AwardType
from thidua.awards.selectors import award_names
from thidua.documents import certificates as printing
from thidua.documents.certificate_jobs import certificates_job_start
from thidua.documents.models.certificates import CertificateField, CertificateLayout
from thidua.documents.services import certificates as services
from thidua.documents.services.certificate_defaults import certificate_layouts_ensure
from thidua.nominations.permissions import secretariat_over
from thidua.nominations.selectors.decisions import decision_get
from thidua.org.forms import PageForm, unit_label
from thidua.org.models import Unit
from thidua.org.scope import path_q, scope_for
from thidua.org.views.common import form_data

INLINE_MAX = 50  # more certificates than this are drawn by a background job


# ---- forms -------------------------------------------------------------------------------------
def _checkboxes(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "form-check-input"


class LayoutForm(PageForm):
    model = CertificateLayout
    model_fields = (
        "name", "kind", "paper", "width_mm", "height_mm", "mode", "subject", "achievement_text",
        "offset_x_mm", "offset_y_mm", "is_active", "note",
    )  # fmt: skip
    award_codes = forms.MultipleChoiceField(
        label=gettext_lazy("Awards served"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=CertificateLayout._meta.get_field("award_codes").help_text,
    )  # fmt: skip

    def __init__(self, *args: Any, layout: CertificateLayout, **kwargs: Any):
        kwargs.setdefault("initial", forms.model_to_dict(layout, fields=self.model_fields))
        kwargs["initial"].setdefault("award_codes", layout.award_codes)
        super().__init__(*args, **kwargs)
        names = award_names()  # in the page's language
        codes = AwardType.objects.order_by("sort_order", "code").values_list("code", flat=True)
        self.fields["award_codes"].choices = [(code, f"{names[code]} ({code})") for code in codes]
        for name in ("width_mm", "height_mm"):  # set by the paper unless it is custom
            self.fields[name].required = False
            self.fields[name].help_text = _("Only for a custom size; a standard paper sets it.")
        self.fields["note"].widget.attrs["rows"] = 2
        _checkboxes(self)


class FieldForm(PageForm):
    model = CertificateField
    model_fields = services.FIELD_FIELDS
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # a row of smaller boxes
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"
        _checkboxes(self)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in services.FIELD_FIELDS}


FieldFormSet = forms.formset_factory(FieldForm, extra=2, can_delete=True)


class CopyForm(PageForm):
    issuer = forms.ChoiceField(label=gettext_lazy("Copy for"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = copy_targets(user)

    def clean_issuer(self) -> str:
        # An empty choice (the whole installation) is offered to admins only.
        value = self.cleaned_data["issuer"]
        if value not in dict(self.fields["issuer"].choices):
            raise ValidationError(_("Choose a unit you run."), code="invalid_choice")
        return value

    def unit(self) -> Unit | None:
        pk = self.cleaned_data["issuer"]
        return Unit.objects.get(pk=pk) if pk else None


class PrintForm(PageForm):
    layout = forms.ChoiceField(label=gettext_lazy("Layout"), required=False)
    lines = forms.MultipleChoiceField(
        label=gettext_lazy("Recipients"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, layouts: list, lines: list, **kwargs: Any):
        super().__init__(*args, **kwargs)
        automatic = ("", _("For each award, the layout that serves it"))
        self.fields["layout"].choices = [automatic, *((lay.pk, lay.name) for lay in layouts)]
        self.layouts = {str(lay.pk): lay for lay in layouts}
        self.fields["lines"].choices = [(line.pk, line.label) for line in lines]
        self.fields["lines"].error_messages["required"] = _("Tick at least one recipient.")
        _checkboxes(self)

    def chosen_layout(self) -> CertificateLayout | None:
        return self.layouts.get(self.cleaned_data["layout"])


def copy_targets(user: Any) -> list[tuple[str, str]]:
    """Where a user may copy a layout: the admin anywhere, a secretariat to the units it runs."""
    scope = scope_for(user)
    units = Unit.objects.filter(active_to__isnull=True).order_by("path")
    if scope.is_admin:
        return [("", _("The whole installation")), *((str(u.pk), unit_label(u)) for u in units)]
    units = units.filter(path_q(scope.secretariat_paths))
    return [(str(u.pk), unit_label(u)) for u in units]


# ---- access ----------------------------------------------------------------------------------
def layouts_visible_to(user: Any) -> QuerySet[CertificateLayout]:
    """Admins see every layout; a secretariat the installation's, those of its units, and those
    of the units above it (which its decisions may use)."""
    qs = CertificateLayout.objects.select_related("issuer")
    scope = scope_for(user)
    if scope.is_admin:
        return qs
    above = {int(p) for path in scope.secretariat_paths for p in path.strip("/").split("/") if p}
    if not scope.secretariat_paths:
        return qs.none()
    return qs.filter(
        Q(issuer__isnull=True) | path_q(scope.secretariat_paths, "issuer__path")
        | Q(issuer_id__in=above)
    )  # fmt: skip


def layout_editable_by(user: Any, layout: CertificateLayout) -> bool:
    """The admin edits any layout; a secretariat those of the units it runs."""
    return scope_for(user).is_admin or (
        layout.issuer is not None and secretariat_over(user, layout.issuer)
    )


# ---- layouts -----------------------------------------------------------------------------------
def _secretariat_or_admin(user: Any) -> None:
    scope = scope_for(user)
    if not (scope.is_admin or scope.secretariat_paths):
        raise PermissionDenied(_("You do not have permission to do this."))


def _layout(user: Any, pk: int) -> CertificateLayout:
    _secretariat_or_admin(user)
    layout = layouts_visible_to(user).filter(pk=pk).first()
    if layout is None:
        raise Http404
    return layout


@login_required
def layout_list(request: HttpRequest) -> HttpResponse:
    _secretariat_or_admin(request.user)
    if not CertificateLayout.objects.exists():
        certificate_layouts_ensure(by=request.user)
    layouts = list(layouts_visible_to(request.user))
    rows = [(layout, layout_editable_by(request.user, layout)) for layout in layouts]
    return render(request, "documents/certificate_list.html", {"rows": rows})


@login_required
def layout_detail(request: HttpRequest, pk: int) -> HttpResponse:
    layout = _layout(request.user, pk)
    editable = layout_editable_by(request.user, layout)
    if request.method == "POST" and not editable:
        raise PermissionDenied(_("You do not have permission to do this."))
    fields = {field.pk: field for field in layout.fields.all()}
    initial = [
        {"id": pk, **forms.model_to_dict(f, services.FIELD_FIELDS)} for pk, f in fields.items()
    ]
    form = LayoutForm(form_data(request), layout=layout)
    formset = FieldFormSet(form_data(request), initial=initial, prefix="fields")
    if request.method == "POST" and _save(request, layout, fields, form, formset):
        messages.success(request, _("The layout is saved. Print the calibration page to check it."))
        return redirect("documents:certificate_layout", pk=layout.pk)
    if not editable:
        for each in (form, *formset.forms):
            for field in each.fields.values():
                field.disabled = True
    context = {
        "layout": layout, "form": form, "formset": formset, "editable": editable,
        "copy_form": CopyForm(user=request.user),
    }  # fmt: skip
    return render(request, "documents/certificate_layout.html", context)


def _save(request: HttpRequest, layout: CertificateLayout, fields: dict, form, formset) -> bool:
    """Run the layout page's service; a refusal lands beside its field or row."""
    if not (form.is_valid() and formset.is_valid()):
        return False
    rows, indexes = [], []
    for index, row in enumerate(formset.forms):
        delete = bool(row.cleaned_data.get("DELETE"))
        field = fields.get(row.cleaned_data.get("id"))
        if (delete and field) or (row.has_changed() and not delete):
            rows.append(services.FieldRow(field=field, values=row.values(), delete=delete))
            indexes.append(index)
    values = {k: v for k, v in form.cleaned_data.items() if k in services.LAYOUT_FIELDS}
    try:
        services.layout_edit(by=request.user, layout=layout, values=values, rows=rows)
    except services.RowRefused as exc:
        formset.forms[indexes[exc.index]].add_refusal(exc.error)
        return False
    except ValidationError as exc:
        form.add_refusal(exc)
        return False
    return True


@login_required
@require_POST
def layout_copy(request: HttpRequest, pk: int) -> HttpResponse:
    layout = _layout(request.user, pk)
    form = CopyForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a unit you run to copy the layout for."))
        return redirect("documents:certificate_layout", pk=layout.pk)
    copy = services.layout_copy(by=request.user, layout=layout, issuer=form.unit())
    messages.success(request, _("The copy is ready: adjust it to your blanks and your printer."))
    return redirect("documents:certificate_layout", pk=copy.pk)


def _pdf(content: bytes, filename: str) -> FileResponse:
    return FileResponse(io.BytesIO(content), content_type="application/pdf", filename=filename)


@login_required
def layout_calibration(request: HttpRequest, pk: int) -> FileResponse:
    layout = _layout(request.user, pk)
    return _pdf(printing.render_calibration(layout), f"calibration-{layout.pk}.pdf")


@login_required
def layout_sample(request: HttpRequest, pk: int) -> FileResponse:
    layout = _layout(request.user, pk)
    return _pdf(printing.render_sample(layout), f"sample-{layout.pk}.pdf")


# ---- printing a decision's certificates --------------------------------------------------------
@login_required
def decision_certificates(request: HttpRequest, decision_pk: int) -> HttpResponse:
    decision = decision_get(request.user, decision_pk)  # 404 for a draft the user cannot issue
    if not decision.is_issued:
        messages.error(
            request, _("This decision is a draft: certificates print once it is issued.")
        )
        return redirect("nominations:decision_detail", pk=decision.pk)
    if not CertificateLayout.objects.exists():
        certificate_layouts_ensure(by=request.user)
    layouts = printing.layouts_for_issuer(decision.issuer)
    lines = printing.certificate_lines(decision)
    printable = [line for line in lines if printing.line_printable(line)]
    rows = [(line, printing.pick_layout(layouts, line.award)) for line in printable]
    form = PrintForm(
        form_data(request), layouts=layouts, lines=printable,
        initial={"lines": [line.pk for line, layout in rows if layout]},  # served: ticked
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        response = _print(request, decision, form)
        if response is not None:
            return response
    ticked = {str(pk) for pk in form["lines"].value() or []}
    context = {
        "decision": decision, "form": form, "rows": rows, "ticked": ticked,
        "not_printable": [line for line in lines if not printing.line_printable(line)],
        "unserved": [line for line, layout in rows if layout is None],
    }  # fmt: skip
    return render(request, "documents/certificate_print.html", context)


def _print(request: HttpRequest, decision, form: PrintForm) -> HttpResponse | None:
    line_ids = [int(pk) for pk in form.cleaned_data["lines"]]
    layout = form.chosen_layout()
    inline_max = getattr(settings, "THIDUA_CERTIFICATES_INLINE_MAX", INLINE_MAX)
    if len(line_ids) > inline_max:
        job = certificates_job_start(
            decision=decision, line_ids=line_ids, layout=layout, by=request.user
        )
        return redirect("job_detail", pk=job.pk)
    printout = printing.decision_printout(decision, line_ids=line_ids, layout=layout)
    if not printout.pages:
        form.add_error(None, _("No layout serves the awards of the ticked recipients."))
        return None
    filename = f"certificates-{decision.year}-{decision.number}.pdf"
    return _pdf(printing.render_pages(printout.pages), filename)


urlpatterns = [
    path("documents/certificates/", layout_list, name="certificate_layouts"),
    path("documents/certificates/<int:pk>/", layout_detail, name="certificate_layout"),
    path("documents/certificates/<int:pk>/copy/", layout_copy, name="certificate_layout_copy"),
    path(
        "documents/certificates/<int:pk>/calibration.pdf",
        layout_calibration,
        name="certificate_calibration",
    ),
    path("documents/certificates/<int:pk>/sample.pdf", layout_sample, name="certificate_sample"),
    path(
        "documents/certificates/decision/<int:decision_pk>/",
        decision_certificates,
        name="certificate_print",
    ),
]
