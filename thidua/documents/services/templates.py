"""Uploaded Word templates: checked before they are kept, one in use per paper and unit.

A template with a broken placeholder is refused here, with the reason, so that printing never
fails later for a user who cannot fix it.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.documents.models.templates import PaperTemplate
from thidua.documents.registry import definition
from thidua.documents.render import template_check
from thidua.org.models import Unit
from thidua.org.scope import covers, path_q, scope_for

MAX_BYTES = 5 * 1024 * 1024  # a Word template with a logo stays far below


def may_manage_templates(user: Any, unit: Unit | None) -> bool:
    """Admins for every unit and the installation; a secretariat for the units it runs."""
    scope = scope_for(user)
    if scope.is_admin:
        return True
    return unit is not None and covers(scope.secretariat_paths, unit.path)


def template_units_for(user: Any) -> QuerySet[Unit]:
    """The units whose templates the user manages."""
    scope = scope_for(user)
    units = Unit.objects.filter(active_to__isnull=True)
    return units if scope.is_admin else units.filter(path_q(scope.secretariat_paths))


def templates_for(user: Any) -> QuerySet[PaperTemplate]:
    """Uploads the user manages, newest first; the installation's only for admins."""
    qs = PaperTemplate.objects.select_related("unit", "uploaded_by")
    if not scope_for(user).is_admin:
        qs = qs.filter(path_q(scope_for(user).secretariat_paths, "unit__path"))
    return qs.order_by("kind", "unit__path", "-uploaded_at", "-pk")


@transaction.atomic
def template_upload(
    *, kind: str, unit: Unit | None, upload: UploadedFile, note: str = "", by: Any
) -> PaperTemplate:
    """Keep `upload` as the template of `kind` for `unit` (None: the installation's)."""
    if not may_manage_templates(by, unit):
        raise PermissionDenied(_("You may not change the templates of this unit."))
    try:
        definition(kind)
    except KeyError:
        raise DomainError(_("Choose a paper from the list."), field="kind") from None
    limit = getattr(settings, "DOCUMENTS_TEMPLATE_MAX_BYTES", MAX_BYTES)
    if upload.size > limit:
        raise DomainError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)},
            field="file",
        )
    content = upload.read()
    errors = template_check(content, kind)
    if errors:
        raise DomainError(" ".join(errors), field="file", code="template_invalid")
    for current in (
        PaperTemplate.objects.select_for_update()
        .order_by()
        .filter(kind=kind, unit=unit, is_active=True)
    ):
        _deactivate(current, by=by, reason=_("Replaced by a new upload."))
    upload.seek(0)
    template = PaperTemplate(
        kind=kind, unit=unit, original_name=upload.name[:255], note=note, uploaded_by=by
    )
    template.file.save(upload.name, upload, save=False)
    save_audited(template, by=by, reason=_("Template uploaded."))
    return template


@transaction.atomic
def template_deactivate(*, template: PaperTemplate, by: Any) -> PaperTemplate:
    """Stop using an upload: the next one up (ancestor, installation, shipped) applies again."""
    if not may_manage_templates(by, template.unit):
        raise PermissionDenied(_("You may not change the templates of this unit."))
    if not template.is_active:
        raise DomainError(_("This template is no longer in use."))
    _deactivate(template, by=by, reason=_("Template taken out of use."))
    return template


def _deactivate(template: PaperTemplate, *, by: Any, reason: str) -> None:
    template.is_active = False
    save_audited(template, by=by, reason=reason, clean=False)
