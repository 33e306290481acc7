"""Files of a decision: the signed and sealed copy, annexes. An issued decision's content never
changes, but its scan is usually filed after the signature, so files may be added to it; they
are removed only from a draft."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.services.evidence import store_checked
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.nominations.models import Decision, DecisionAttachment


@transaction.atomic
def decision_file_add(
    *, decision: Decision, uploaded_file: UploadedFile, by: Any, title: str = ""
) -> DecisionAttachment:
    """Keep a file of the decision once its content is checked (a PDF scan, a Word annex…)."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    attachment = DecisionAttachment(decision=decision, title=title.strip()[:255])
    store_checked(attachment, uploaded_file, by=by)
    return attachment


@transaction.atomic
def decision_file_remove(*, attachment: DecisionAttachment, by: Any, reason: str) -> None:
    attachment = DecisionAttachment.objects.select_related("decision").get(pk=attachment.pk)
    if attachment.decision.is_issued:
        raise DomainError(
            _("A file of an issued decision stays with it; it cannot be removed."), code="issued"
        )
    if not reason.strip():
        raise DomainError(_("Say why the file is removed."), field="reason", code="no_reason")
    attachment.removed_at = timezone.now()
    save_audited(attachment, by=by, reason=reason.strip(), clean=False)
