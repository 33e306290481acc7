"""Cluster pages: the list, a cluster's page, and adding members and leaders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.org import access, selectors, services
from thidua.org.forms import ClusterLeadershipForm, ClusterMemberForm
from thidua.org.views.common import HtmxHttpRequest, form_data, submit


@login_required
def cluster_list(request: HtmxHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    clusters = selectors.cluster_list_for(user=request.user, on=today)
    return render(request, "org/cluster_list.html", {"clusters": clusters, "year": today.year})


@login_required
def cluster_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    cluster = access.cluster_for(request.user, pk)
    today = timezone.localdate()
    members = list(selectors.cluster_members(cluster))
    context = {
        "cluster": cluster,
        "current_members": [m for m in members if m.left_on is None or m.left_on >= today],
        "former_members": [m for m in members if m.left_on is not None and m.left_on < today],
        "leaderships": selectors.cluster_leader_history(cluster),
        "can_change": request.user.has_perm("org.change_cluster", cluster),
        "can_view_history": request.user.has_perm("org.view_history", cluster.organiser),
    }
    return render(request, "org/cluster_detail.html", context)


@login_required
def cluster_member_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    cluster = access.cluster_for(request.user, pk, perm="org.change_cluster")
    form = ClusterMemberForm(form_data(request), user=request.user)
    done, membership = submit(
        request,
        form,
        lambda data: services.cluster_member_add(cluster=cluster, by=request.user, **data),
    )
    if done:
        names = {"unit": membership.unit.name, "cluster": cluster.name}
        messages.success(request, _("%(unit)s joined %(cluster)s.") % names)
        return redirect("org:cluster_detail", pk=cluster.pk)
    title = _("Add a member unit to %(cluster)s") % {"cluster": cluster.name}
    context = {"form": form, "cluster": cluster, "title": title}
    return render(request, "org/cluster_form.html", context)


@login_required
def cluster_leadership_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Record the leader or deputy of a year; a second holder of a seat is refused."""
    cluster = access.cluster_for(request.user, pk, perm="org.change_cluster")
    form = ClusterLeadershipForm(form_data(request), cluster=cluster)
    done, seat = submit(
        request,
        form,
        lambda data: services.cluster_leadership_set(cluster=cluster, by=request.user, **data),
    )
    if done:
        names = {"unit": seat.unit.name, "role": seat.get_role_display(), "year": seat.year}
        messages.success(request, _("%(unit)s was recorded as %(role)s for %(year)s.") % names)
        return redirect("org:cluster_detail", pk=cluster.pk)
    title = _("Record the leader or deputy of %(cluster)s") % {"cluster": cluster.name}
    context = {"form": form, "cluster": cluster, "title": title}
    return render(request, "org/cluster_form.html", context)
