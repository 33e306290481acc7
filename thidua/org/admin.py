"""The Django admin for org records. Saves are audited by simple-history's request middleware.

Two models keep derived data and so save through services: a unit's tree `path`, and a person's
current unit (copied from the open main post, used for every permission check).
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.audit import delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.core.text import fold
from thidua.org import services
from thidua.org.models import (
    Cluster,
    ClusterLeadership,
    ClusterMembership,
    Council,
    CouncilSeat,
    LeavePeriod,
    Membership,
    Person,
    RoleAssignment,
    Unit,
)


class FoldedSearchMixin:
    """Search that ignores diacritics ("nguyen van" finds "Nguyễn Văn").

    Each word must occur in one of `search_fields`, which name folded columns (`search_text`).
    """

    search_fields = ["search_text"]

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str):
        for word in fold(search_term).split():
            matches = Q()
            for name in self.search_fields:
                matches |= Q(**{f"{name}__contains": word})
            queryset = queryset.filter(matches)
        return queryset, False


# ---- units -------------------------------------------------------------------------------


class UnitAdminForm(forms.ModelForm):
    """The admin builds the Meta (model, fields) for us."""

    def clean_parent(self) -> Unit | None:
        # unit_move refuses this too; checking here shows the error beside the field.
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk:
            stored_path = Unit.objects.get(pk=self.instance.pk).path
            if parent.path.startswith(stored_path):
                raise forms.ValidationError(
                    _("A unit cannot be placed under itself or one of its own sub-units."),
                    code="cycle",
                )
        return parent


class ServiceCheckedForm(forms.ModelForm):
    """An admin form that runs the same rule the services enforce, shown beside the field.

    `rule` gets the cleaned data once every field it names is valid; `needs` lists those fields.
    """

    needs: tuple[str, ...] = ()

    def rule(self, data: dict[str, Any], exclude_pk: int | None) -> None:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if all(data.get(name) is not None for name in self.needs):
            try:
                self.rule(data, self.instance.pk)
            except DomainError as refusal:
                self.add_error(None, refusal)
        return data


class MembershipAdminForm(ServiceCheckedForm):
    needs = ("person", "start_date")

    def rule(self, data: dict[str, Any], exclude_pk: int | None) -> None:
        if not data.get("is_concurrent"):
            services.check_main_post_free(
                person=data["person"],
                start_date=data["start_date"],
                end_date=data.get("end_date"),
                exclude_pk=exclude_pk,
            )


class LeavePeriodAdminForm(ServiceCheckedForm):
    needs = ("person", "start_date", "end_date")

    def rule(self, data: dict[str, Any], exclude_pk: int | None) -> None:
        services.check_leave_free(
            person=data["person"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            exclude_pk=exclude_pk,
        )


class ClusterMembershipAdminForm(ServiceCheckedForm):
    needs = ("unit", "joined_on")

    def rule(self, data: dict[str, Any], exclude_pk: int | None) -> None:
        # Inline on the cluster's page, the cluster comes from the parent, not from the form.
        cluster = data.get("cluster") or Cluster.objects.filter(pk=self.instance.cluster_id).first()
        if cluster is None:
            return
        services.check_cluster_membership_free(
            cluster=cluster,
            unit=data["unit"],
            joined_on=data["joined_on"],
            left_on=data.get("left_on"),
            exclude_pk=exclude_pk,
        )


class RoleAssignmentAdminForm(ServiceCheckedForm):
    needs = ("role",)

    def rule(self, data: dict[str, Any], exclude_pk: int | None) -> None:
        services.check_role_scope(
            role=data["role"],
            unit=data.get("unit"),
            cluster=data.get("cluster"),
            council=data.get("council"),
        )


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    form = UnitAdminForm
    list_display = ["name", "code", "kind", "parent", "depth", "active_to"]
    list_filter = ["kind", "document_style", "depth"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["path", "depth"]

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        """Through the services, so the tree path of the unit (and its subtree) stays right."""
        if not change:
            fields = {k: v for k, v in form.cleaned_data.items() if k != "parent"}
            created = services.unit_create(by=request.user, parent=obj.parent, **fields)
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth
            return
        # Compare with the stored row, not the form: a revert from the history page starts
        # from an old copy whose path may be out of date.
        stored = Unit.objects.get(pk=obj.pk)
        obj.path, obj.depth = stored.path, stored.depth
        if obj.parent_id != stored.parent_id:
            services.unit_move(unit=obj, new_parent=obj.parent, by=request.user)
        else:
            save_audited(obj, by=request.user)


# ---- clusters ----------------------------------------------------------------------------


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    form = ClusterMembershipAdminForm
    extra = 0
    autocomplete_fields = ["unit"]


class ClusterLeadershipInline(admin.TabularInline):
    model = ClusterLeadership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "number", "kind", "organiser", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["organiser"]
    search_fields = ["name", "organiser__name"]
    autocomplete_fields = ["organiser"]
    inlines = [ClusterMembershipInline, ClusterLeadershipInline]


@admin.register(ClusterMembership)
class ClusterMembershipAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    form = ClusterMembershipAdminForm
    list_display = ["unit", "cluster", "joined_on", "left_on"]
    list_filter = ["cluster"]
    list_select_related = ["unit", "cluster"]
    search_fields = ["unit__search_text"]
    autocomplete_fields = ["cluster", "unit"]


@admin.register(ClusterLeadership)
class ClusterLeadershipAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["cluster", "year", "role", "unit"]
    list_filter = ["year", "role", "cluster"]
    list_select_related = ["unit", "cluster"]
    search_fields = ["unit__search_text"]
    autocomplete_fields = ["cluster", "unit"]


# ---- people ------------------------------------------------------------------------------


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "gender", "birth_date", "unit", "position", "staff_code"]
    list_filter = ["gender"]
    list_select_related = ["unit"]
    autocomplete_fields = ["user"]
    readonly_fields = ["unit", "position"]

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        save_audited(obj, by=request.user)
        # A revert from the history page would bring back an old current unit; re-derive it.
        services.person_sync_current_unit(obj, by=request.user)


@admin.register(Membership)
class MembershipAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    form = MembershipAdminForm
    list_display = ["person", "unit", "position", "start_date", "end_date", "is_concurrent"]
    list_filter = ["is_concurrent"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__search_text", "unit__search_text"]
    autocomplete_fields = ["person", "unit"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        save_audited(obj, by=request.user)
        # Private in services: besides membership_add, the admin is the only other editor of posts.
        services.person_sync_current_unit(obj.person, by=request.user)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        person = obj.person
        delete_audited(obj, by=request.user)
        services.person_sync_current_unit(person, by=request.user)


@admin.register(LeavePeriod)
class LeavePeriodAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    form = LeavePeriodAdminForm
    list_display = ["person", "kind", "start_date", "end_date"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["person__search_text"]
    autocomplete_fields = ["person"]


# ---- councils and roles ------------------------------------------------------------------


class CouncilSeatInline(admin.TabularInline):
    model = CouncilSeat
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit"]
    list_select_related = ["unit"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [CouncilSeatInline]


@admin.register(CouncilSeat)
class CouncilSeatAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["person", "council", "role", "start_date", "end_date"]
    list_filter = ["role", "council"]
    list_select_related = ["person", "council"]
    search_fields = ["person__search_text"]
    autocomplete_fields = ["council", "person"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    form = RoleAssignmentAdminForm
    list_display = ["user", "role", "unit", "cluster", "council"]
    list_filter = ["role"]
    list_select_related = ["user", "unit", "cluster", "council"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit", "cluster", "council"]
