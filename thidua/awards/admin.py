"""The Django admin for achievement records and award history (audited by simple-history)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from thidua.awards.models import (
    AwardRecord,
    AwardType,
    Discipline,
    Freeze,
    Initiative,
    PersonRating,
    PolicySetting,
    StoredVerdict,
    Sweep,
    TransferComment,
    UnitYear,
)
from thidua.eligibility import Policy, PolicyError
from thidua.org.admin import FoldedSearchMixin

PERSON_SEARCH = ["person__search_text"]


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    """Read-only: the catalogue is mirrored from the rule packs on every migrate."""

    list_display = ["code", "name", "subject", "level", "multiplier", "report_years", "pack"]
    list_filter = ["subject", "level", "system"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PersonRating)
class PersonRatingAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["person", "year", "rating"]
    list_filter = ["year", "rating"]
    search_fields = PERSON_SEARCH
    autocomplete_fields = ["person"]


@admin.register(UnitYear)
class UnitYearAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "rating", "led_cluster", "party_clean_strong"]
    list_filter = ["year", "rating", "led_cluster"]
    search_fields = ["unit__search_text"]
    autocomplete_fields = ["unit"]


@admin.register(Initiative)
class InitiativeAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["title", "person", "year", "scope", "kind", "applied"]
    list_filter = ["year", "scope", "kind"]
    search_fields = PERSON_SEARCH
    autocomplete_fields = ["person"]


@admin.register(Discipline)
class DisciplineAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["person", "form", "party", "decided_on", "ends_on"]
    list_filter = ["form", "party"]
    search_fields = PERSON_SEARCH
    autocomplete_fields = ["person"]


@admin.register(Freeze)
class FreezeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "opened_on", "closed_on"]
    list_filter = ["kind"]
    autocomplete_fields = ["person", "unit"]


@admin.register(TransferComment)
class TransferCommentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "year", "document_ref"]
    autocomplete_fields = ["person"]


@admin.register(AwardRecord)
class AwardRecordAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["award", "person", "unit", "year", "decision_number", "revoked", "source"]
    list_filter = ["award", "year", "revoked", "source"]
    search_fields = [*PERSON_SEARCH, "unit__search_text", "decision_number"]
    autocomplete_fields = ["person", "unit", "initiatives"]


class PolicySettingForm(forms.ModelForm):
    def clean_values(self) -> dict:
        values = self.cleaned_data["values"] or {}
        try:
            Policy.from_mapping(values)
        except PolicyError as exc:
            raise forms.ValidationError(
                _("Setting %(name)s: %(problem)s") % {"name": exc.name, "problem": exc.problem}
            ) from exc
        return values


@admin.register(PolicySetting)
class PolicySettingAdmin(SimpleHistoryAdmin):
    form = PolicySettingForm
    list_display = ["__str__", "updated_at"]
    autocomplete_fields = ["unit"]


@admin.register(Sweep)
class SweepAdmin(admin.ModelAdmin):
    list_display = ["year", "as_of", "unit", "pack", "pack_version", "subjects", "eligible"]
    readonly_fields = [f.name for f in Sweep._meta.fields]


@admin.register(StoredVerdict)
class StoredVerdictAdmin(admin.ModelAdmin):
    """Verdicts are kept as given; nobody edits them."""

    list_display = ["award", "year", "person", "unit", "status", "pack", "pack_version"]
    list_filter = ["status", "award", "pack"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
