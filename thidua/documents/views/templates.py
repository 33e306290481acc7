"""Word templates of the papers: download the one in use, upload a unit's own, stop using one."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core.errors import DomainError
from thidua.documents import render as exporters
from thidua.documents.models.templates import PaperTemplate
from thidua.documents.registry import definitions
from thidua.documents.services import templates as services
from thidua.documents.views.papers import attachment_header
from thidua.org.forms import PageForm
from thidua.org.models import Unit
from thidua.org.views.common import form_data, submit


class TemplateUploadForm(PageForm):
    kind = forms.ChoiceField(label=gettext_lazy("Paper"))
    unit = forms.ModelChoiceField(
        label=gettext_lazy("For the unit"), queryset=Unit.objects.none(), required=False,
        help_text=gettext_lazy("Leave empty to use it for every unit without its own template."),
    )  # fmt: skip
    file = forms.FileField(
        label=gettext_lazy("Word file (.docx)"),
        help_text=gettext_lazy(
            "Start from the template in use (download it above), change it in Word and keep "
            "the placeholders in double braces, e.g. {{ head.issuer }}."
        ),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _kind_choices()
        self.fields["unit"].queryset = services.template_units_for(user)
        if not services.may_manage_templates(user, None):
            self.fields["unit"].required = True
            self.fields["unit"].help_text = ""
        self.fields["file"].widget.attrs["accept"] = ".docx"


def _kind_choices() -> list[tuple[str, str]]:
    return sorted(((d.kind, str(d.label)) for d in definitions()), key=lambda c: c[1])


def _require_manager(user: Any) -> None:
    if not (services.may_manage_templates(user, None) or services.template_units_for(user)):
        raise PermissionDenied(_("You do not have permission to do this."))


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request.user)
    form = TemplateUploadForm(form_data(request), request.FILES or None, user=request.user)
    done, _template = submit(request, form, lambda data: services.template_upload(
        kind=data["kind"], unit=data["unit"], upload=data["file"], note=data["note"],
        by=request.user,
    ))  # fmt: skip
    if done:
        messages.success(request, _("The template was checked and is now in use."))
        return redirect("documents:templates")
    labels = dict(_kind_choices())
    uploads = services.templates_for(request.user)[:200]
    context = {
        "form": form,
        "kinds": _kind_choices(),
        "units": services.template_units_for(request.user)[:500],
        "uploads": [(upload, labels.get(upload.kind, upload.kind)) for upload in uploads],
    }
    return render(request, "documents/templates.html", context)


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The template a unit prints `kind` with (its own, an ancestor's, or the shipped one)."""
    _require_manager(request.user)
    if kind not in dict(_kind_choices()):
        raise Http404
    unit = None
    if request.GET.get("unit"):
        unit = services.template_units_for(request.user).filter(pk=request.GET["unit"]).first()
        if unit is None:
            raise Http404
    response = HttpResponse(
        exporters.template_for(kind, unit), content_type=exporters.CONTENT_TYPES["docx"]
    )
    response["Content-Disposition"] = attachment_header(f"{kind}.docx")
    return response


def _upload_for(request: HttpRequest, pk: int) -> PaperTemplate:
    template = get_object_or_404(PaperTemplate.objects.select_related("unit"), pk=pk)
    if not services.may_manage_templates(request.user, template.unit):
        raise Http404
    return template


@login_required
def template_file(request: HttpRequest, pk: int) -> HttpResponse:
    template = _upload_for(request, pk)
    with template.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=exporters.CONTENT_TYPES["docx"])
    response["Content-Disposition"] = attachment_header(template.original_name)
    return response


@login_required
@require_POST
def template_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    template = _upload_for(request, pk)
    try:
        services.template_deactivate(template=template, by=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The template is no longer in use."))
    return redirect("documents:templates")


urlpatterns = [
    path("documents/templates/", template_list, name="templates"),
    path("documents/templates/in-use/<slug:kind>/", template_download, name="template_download"),
    path("documents/templates/<int:pk>/file/", template_file, name="template_file"),
    path(
        "documents/templates/<int:pk>/deactivate/",
        template_deactivate,
        name="template_deactivate",
    ),
]
