"""Admin for nominations. Routes and base salaries are configuration, edited here; proposals,
dossiers, postings and decisions change through their pages (services), which check the steps,
the reasons and the permissions, so the admin only looks them up."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.admin import ReadOnlyMixin
from thidua.nominations.models import (
    BaseSalary,
    Batch,
    BatchMove,
    Decision,
    DecisionLine,
    Dossier,
    Feedback,
    Posting,
    ReviewFlag,
    Revocation,
    Route,
    RouteStep,
)


class RouteStepInline(admin.TabularInline):
    model = RouteStep
    fields = [
        "order", "code", "name", "kind", "actor", "due_working_days", "remind_before_days",
        "skip", "merge_with_next",
    ]  # fmt: skip
    extra = 0


@admin.register(Route)
class RouteAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "awarding_unit", "line", "restart", "is_active"]
    list_filter = ["line", "is_active"]
    search_fields = ["code", "name"]
    inlines = [RouteStepInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "amount", "legal_basis"]


class MoveInline(ReadOnlyMixin, admin.TabularInline):
    model = BatchMove
    fields = ["at", "action", "from_step", "to_step", "by", "reason"]
    readonly_fields = fields
    extra = 0


@admin.register(Batch)
class BatchAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title", "proposer", "awarding_unit", "year", "status", "step"]
    list_filter = ["status", "year"]
    search_fields = ["title", "document_number"]
    inlines = [MoveInline]


@admin.register(Dossier)
class DossierAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "batch", "year", "verdict_status", "appraisal", "council"]
    list_filter = ["appraisal", "council", "year"]
    search_fields = ["person__full_name", "unit__name"]


@admin.register(Posting)
class PostingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title", "opened_on", "ends_on", "working_days", "status"]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["name", "posting", "dossier", "status", "created_at"]
    list_filter = ["status"]


class LineInline(ReadOnlyMixin, admin.TabularInline):
    model = DecisionLine
    fields = ["order", "label", "award", "multiplier", "amount", "award_record"]
    readonly_fields = fields
    extra = 0


@admin.register(Decision)
class DecisionAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "issuer_name", "signed_on", "status"]
    list_filter = ["status", "year", "style"]
    search_fields = ["abstract", "issuer_code"]
    inlines = [LineInline]


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["line", "ground", "document_ref", "revoked_on"]


@admin.register(ReviewFlag)
class ReviewFlagAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["award_record", "revocation", "status"]
    list_filter = ["status"]
