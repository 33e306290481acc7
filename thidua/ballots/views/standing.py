"""The standing voting rules of a cluster or a council, set by those who run its meetings."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.ballots.forms.policy import KEEP, PolicyForm, policy_lines
from thidua.ballots.rules import Policy
from thidua.ballots.services.standing import standing_rules_set
from thidua.org.models import Cluster, Council
from thidua.org.views.common import form_data, submit

DEFAULT = gettext_lazy("The default rule")


class StandingRulesForm(PolicyForm):
    """The session form's rule fields, where an empty field means the default rule."""

    def __init__(self, *args: Any, current: Policy, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in self.policy_fields:
            field = self.fields[name]
            if hasattr(field, "choices") and field.choices and field.choices[0][0] == KEEP:
                field.choices = [(KEEP, DEFAULT), *field.choices[1:]]
            field.help_text = ""
        for name, value in current.non_default().items():
            if name == "tie_break":
                value = ",".join(value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            self.initial.setdefault(name, value)


def _owner(user: Any, kind: str, pk: int) -> Cluster | Council:
    if kind not in {"cluster", "council"}:
        raise Http404
    model, perm = (
        (Cluster, "ballots.add_cluster_session")
        if kind == "cluster"
        else (Council, "ballots.add_council_session")
    )
    owner = get_object_or_404(model, pk=pk)
    if not user.has_perm(perm, owner):
        raise PermissionDenied(_("You do not have permission to do this."))
    return owner


def _current(owner: Cluster | Council) -> Policy:
    try:
        return Policy.from_dict((owner.policy or {}).get("ballots", {}))
    except ValueError:
        return Policy()


@login_required
def standing_rules(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    owner = _owner(request.user, kind, pk)
    current = _current(owner)
    form = StandingRulesForm(form_data(request), current=current)
    done, _policy = submit(
        request, form,
        lambda _data: standing_rules_set(
            owner=owner, by=request.user, changes=form.policy_overrides()
        ),
    )  # fmt: skip
    if done:
        messages.success(request, _("The voting rules are saved. New sessions will use them."))
        return redirect("ballots:standing_rules", kind=kind, pk=pk)
    context = {"owner": owner, "form": form, "lines": policy_lines(current)}
    return render(request, "ballots/standing_rules.html", context)


urlpatterns = [
    path("ballots/rules/<str:kind>/<int:pk>/", standing_rules, name="standing_rules"),
]
