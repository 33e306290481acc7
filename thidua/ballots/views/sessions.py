"""Session pages: the list, a new session, one session with its roll, questions, candidates and
rounds, and the runner's acts (open voting, close a round, re-vote, the chair's decision, close).

Who voted is shown as counts only; what was chosen appears only as the published tally of a
closed round, to those `ballots.view_results` lets see it.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.ballots.forms.policy import BASE_WORDS, THRESHOLD_WORDS, policy_lines
from thidua.ballots.forms.sessions import (
    AttendanceForm,
    CandidateForm,
    ChairForm,
    ConfirmForm,
    QuestionForm,
    RevoteForm,
    SessionForm,
)
from thidua.ballots.models import BallotSession, Question, Round, SessionEvent, Voter
from thidua.ballots.rules import Policy
from thidua.ballots.selectors import sessions as selectors
from thidua.ballots.services import rounds as round_services
from thidua.ballots.services import sessions as services
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, Council
from thidua.org.views.common import form_data, submit

VIEW, RUN = "ballots.view_session", "ballots.run_session"


# ---- access -------------------------------------------------------------------------------------
def check(user: Any, session: BallotSession, perm: str) -> None:
    """404 for a session the user may not see, 403 when seen but not theirs to act on."""
    if not user.has_perm(VIEW, session):
        raise Http404
    if perm != VIEW and not user.has_perm(perm, session):
        raise PermissionDenied(_("You do not have permission to do this."))


def session_for(user: Any, pk: int, *, perm: str = VIEW) -> BallotSession:
    session = selectors.session_get(pk)  # 404 when there is none
    check(user, session, perm)
    return session


def round_for(user: Any, pk: int, *, perm: str = VIEW) -> Round:
    found = (
        Round.objects.select_related("question__session__cluster", "question__session__council")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    check(user, found.question.session, perm)
    return found


def refused(request: HttpRequest, exc: DomainError) -> None:
    messages.error(request, " ".join(exc.messages))


def owners_for(user: Any) -> tuple[list[Cluster], list[Council]]:
    """The clusters and councils whose meetings the user may set up (there are few of each)."""
    clusters = [
        c for c in Cluster.objects.filter(is_active=True).order_by("number", "name")
        if user.has_perm("ballots.add_cluster_session", c)
    ]  # fmt: skip
    councils = [
        c for c in Council.objects.select_related("unit").order_by("name")
        if user.has_perm("ballots.add_council_session", c)
    ]  # fmt: skip
    return clusters, councils


def standing_policy(owner: Cluster | Council) -> Policy | None:
    try:
        return Policy.from_dict((owner.policy or {}).get("ballots", {}))
    except ValueError:
        return None  # shown as "the standing rules cannot be read"; the service refuses


# ---- pages --------------------------------------------------------------------------------------
@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    clusters, councils = owners_for(request.user)
    context = {
        "sessions": selectors.sessions_for(user=request.user),
        "can_add": bool(clusters or councils),
        "owners": [("cluster", c) for c in clusters] + [("council", c) for c in councils],
    }
    return render(request, "ballots/session_list.html", context)


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    clusters, councils = owners_for(request.user)
    if not (clusters or councils):
        raise PermissionDenied(_("You do not have permission to do this."))
    form = SessionForm(form_data(request), clusters=clusters, councils=councils)
    done, session = submit(
        request, form,
        lambda _data: services.session_create(by=request.user, **form.session_data()),
    )  # fmt: skip
    if done:
        messages.success(request, _("The session is set up. Check the voter roll."))
        return redirect("ballots:session_detail", pk=session.pk)
    rules = [(key, owner, standing_policy(owner)) for key, owner in form.owners.items()]
    rules = [(key, owner, policy and policy_lines(policy)) for key, owner, policy in rules]
    return render(request, "ballots/session_form.html", {"form": form, "rules": rules})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, session_for(request.user, pk))


def _detail(
    request: HttpRequest,
    session: BallotSession,
    *,
    question_form: QuestionForm | None = None,
    candidate_form: tuple[int, CandidateForm] | None = None,
) -> HttpResponse:
    user = request.user
    can_run = user.has_perm(RUN, session)
    roll = list(session.voters.select_related("unit", "person"))
    voter = selectors.voter_for(user=user, session=session)
    preparing = can_run and session.status == BallotSession.Status.DRAFT
    # While voting is open the runner may still add a question (opened on its own).
    adding = can_run and session.status != BallotSession.Status.CLOSED
    flags = {
        "voter": voter,
        "can_run": can_run,
        "see_results": user.has_perm("ballots.view_results", session),
    }
    questions = [
        _question_row(
            question,
            preparing=preparing or (adding and not question.rounds.all()),
            candidate_form=candidate_form,
            **flags,
        )
        for question in selectors.session_questions(session)
    ]
    try:
        policy = policy_lines(Policy.from_dict(session.policy), members=len(roll))
    except ValueError:
        policy = []
    context = {
        "session": session,
        "can_run": can_run,
        "can_tell": user.has_perm("ballots.tell", session),
        "roll": roll,
        "attendance_choices": Voter.Attendance.choices,
        "roll_editable": can_run and session.status != BallotSession.Status.CLOSED,
        "policy": policy,
        "questions": questions,
        "question_form": (question_form or QuestionForm()) if adding else None,
        "voter": voter,
    }
    return render(request, "ballots/session_detail.html", context)


def _question_row(
    question: Question,
    *,
    preparing: bool,
    candidate_form: tuple[int, CandidateForm] | None,
    voter: Voter | None,
    can_run: bool,
    see_results: bool,
) -> dict[str, Any]:
    form = None
    if preparing:
        if candidate_form and candidate_form[0] == question.pk:
            form = candidate_form[1]  # the refused one, with what was typed
        else:
            form = CandidateForm(session=question.session, prefix=f"c{question.pk}")
    return {
        "question": question,
        "can_open": can_run and preparing and question.session.status == BallotSession.Status.OPEN,
        "outcome": _question_outcome(question) if see_results else None,
        "candidate_form": form,
        "rounds": _rounds(question, voter=voter, can_run=can_run, see_results=see_results),
    }


def _rounds(
    question: Question, *, voter: Voter | None, can_run: bool, see_results: bool
) -> list[dict[str, Any]]:
    rounds = list(question.rounds.all())
    rows = []
    for found in rounds:
        closed = found.status == Round.Status.CLOSED
        result = found.result or {}
        last = found.number == rounds[-1].number
        decision = found.events.filter(action=SessionEvent.Action.CHAIR_DECIDED).first()
        if decision is not None:
            decision.names = _names(found, decision.detail.get("elected", []))
        rows.append({
            "round": found,
            "progress": selectors.round_progress(found),
            "has_voted": bool(voter) and found.marks.filter(voter=voter).exists(),
            "outcome": _outcome(result) if closed and see_results else None,
            "chair_decision": decision,
            "revote_form": RevoteForm(prefix=f"r{found.pk}")
            if can_run and closed and last and result.get("revote_among") else None,
            "chair_form": ChairForm(round=found, prefix=f"h{found.pk}")
            if can_run and closed and result.get("chair_among") and not decision else None,
        })  # fmt: skip
    return rows


def _names(found: Round, ids: list[int]) -> list[str]:
    labels = {row["candidate"]: row["label"] for row in (found.result or {}).get("votes", [])}
    return [labels.get(pk, str(pk)) for pk in ids]


def _question_outcome(question: Question) -> dict[str, Any]:
    """Where the question stands over all its rounds, with the names of those chosen."""
    outcome = selectors.question_outcome(question)
    labels = {c.pk: c.label for c in question.candidates.all()}
    return outcome | {"elected_names": [labels.get(pk, str(pk)) for pk in outcome["elected"]]}


def _outcome(result: dict[str, Any]) -> dict[str, Any]:
    """The published tally with names in place of ids, for the template."""
    labels = {row["candidate"]: row["label"] for row in result.get("votes", [])}

    def names(key: str) -> list[str]:
        return [labels.get(pk, str(pk)) for pk in result.get(key, [])]

    return {
        **result,
        "threshold_words": THRESHOLD_WORDS.get(result.get("threshold"), ""),
        "base_words": BASE_WORDS.get(result.get("base_kind"), ""),
        "elected_names": names("elected"),
        "revote_names": names("revote_among"),
        "chair_names": names("chair_among"),
    }


# ---- preparing: roll, questions, candidates -----------------------------------------------------
@login_required
@require_POST
def voter_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    voter = Voter.objects.filter(pk=pk).first()
    if voter is None:
        raise Http404
    check(request.user, voter.session, RUN)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.voter_set_attendance(
                voter=voter, attendance=form.cleaned_data["attendance"], by=request.user
            )
        except DomainError as exc:
            refused(request, exc)
    return redirect("ballots:session_detail", pk=voter.session_id)


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request.user, pk, perm=RUN)
    form = QuestionForm(request.POST)
    done, _question = submit(
        request, form,
        lambda data: services.question_add(session=session, by=request.user, **data),
    )  # fmt: skip
    if not done:
        return _detail(request, session, question_form=form)
    messages.success(request, _("The question is added. Now put forward its candidates."))
    return redirect("ballots:session_detail", pk=pk)


@login_required
@require_POST
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    question = Question.objects.select_related("session").filter(pk=pk).first()
    if question is None:
        raise Http404
    session = session_for(request.user, question.session_id, perm=RUN)
    form = CandidateForm(request.POST, session=session, prefix=f"c{question.pk}")
    done, _candidate = submit(
        request, form,
        lambda _data: services.candidate_add(
            question=question, by=request.user, **form.candidate_data()
        ),
    )  # fmt: skip
    if not done:
        return _detail(request, session, candidate_form=(question.pk, form))
    messages.success(request, _("The candidate is added."))
    return redirect("ballots:session_detail", pk=session.pk)


# ---- running: open, close rounds, re-vote, chair, close ------------------------------------------
@login_required
@require_POST
def session_open(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request.user, pk, perm=RUN)
    try:
        services.session_open(session=session, by=request.user)
        messages.success(request, _("Voting is open."))
    except DomainError as exc:
        refused(request, exc)
    return redirect("ballots:session_detail", pk=pk)


@login_required
@require_POST
def question_open(request: HttpRequest, pk: int) -> HttpResponse:
    question = Question.objects.select_related("session").filter(pk=pk).first()
    if question is None:
        raise Http404
    session_for(request.user, question.session_id, perm=RUN)
    try:
        services.question_open(question=question, by=request.user)
        messages.success(request, _("Voting on this question is open."))
    except DomainError as exc:
        refused(request, exc)
    return redirect("ballots:session_detail", pk=question.session_id)


def _confirm_page(request: HttpRequest, form: ConfirmForm, **context: Any) -> HttpResponse:
    return render(request, "ballots/confirm.html", {"form": form, **context})


@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = round_for(request.user, pk, perm=RUN)
    session = found.question.session
    form = ConfirmForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_close(round=found, by=request.user)
            messages.success(request, _("The round is closed and counted."))
            return redirect("ballots:session_detail", pk=session.pk)
        except DomainError as exc:
            form.add_error(None, exc)
    return _confirm_page(
        request, form, session=session, round=found,
        progress=selectors.round_progress(found), kind="round",
    )  # fmt: skip


@login_required
@require_POST
def revote_open(request: HttpRequest, pk: int) -> HttpResponse:
    found = round_for(request.user, pk, perm=RUN)
    form = RevoteForm(request.POST, prefix=f"r{found.pk}")
    if form.is_valid():
        try:
            round_services.revote_open(
                round=found, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The re-vote is open."))
        except DomainError as exc:
            refused(request, exc)
    return redirect("ballots:session_detail", pk=found.question.session_id)


@login_required
@require_POST
def chair_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = round_for(request.user, pk, perm=RUN)
    form = ChairForm(request.POST, round=found, prefix=f"h{found.pk}")
    if not form.is_valid():
        messages.error(request, _("Tick the chair's choice and write the reason."))
    else:
        try:
            round_services.chair_decide(
                round=found, by=request.user, reason=form.cleaned_data["reason"],
                candidate_ids=[c.pk for c in form.cleaned_data["candidates"]],
            )  # fmt: skip
            messages.success(request, _("The chair's decision is recorded."))
        except DomainError as exc:
            refused(request, exc)
    return redirect("ballots:session_detail", pk=found.question.session_id)


@login_required
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request.user, pk, perm=RUN)
    form = ConfirmForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_close(session=session, by=request.user)
            messages.success(request, _("The session is closed. The results are final."))
            return redirect("ballots:session_detail", pk=pk)
        except DomainError as exc:
            form.add_error(None, exc)
    return _confirm_page(request, form, session=session, kind="session")


urlpatterns = [
    path("ballots/", session_list, name="session_list"),
    path("ballots/sessions/new/", session_create, name="session_create"),
    path("ballots/sessions/<int:pk>/", session_detail, name="session_detail"),
    path("ballots/sessions/<int:pk>/questions/", question_add, name="question_add"),
    path("ballots/sessions/<int:pk>/open/", session_open, name="session_open"),
    path("ballots/sessions/<int:pk>/close/", session_close, name="session_close"),
    path("ballots/voters/<int:pk>/attendance/", voter_attendance, name="voter_attendance"),
    path("ballots/questions/<int:pk>/candidates/", candidate_add, name="candidate_add"),
    path("ballots/questions/<int:pk>/open/", question_open, name="question_open"),
    path("ballots/rounds/<int:pk>/close/", round_close, name="round_close"),
    path("ballots/rounds/<int:pk>/revote/", revote_open, name="revote_open"),
    path("ballots/rounds/<int:pk>/chair/", chair_decide, name="chair_decide"),
]
