"""Who may see and do what with ballots (django-rules predicates), in one place.

Objects: a Cluster or Council (open a session for it), a BallotSession (run, view, tell, see the
results) and a Voter, i.e. a line of the roll (vote on it). A cluster's session is run by the
cluster leader's officer or the organiser's secretariat; a council's by the secretariat of the
council's body (its standing office). Voting is personal: a unit's line is voted by that unit's
own officer or head, never by a secretariat above it."""

import rules

from thidua.ballots.models import BallotSession, Round, Voter
from thidua.org.models import Cluster, Council
from thidua.org.permissions import (
    cluster_has_visible_member,
    is_system_admin,
    runs_cluster,
    runs_unit_as_secretariat,
    serves_cluster,
)
from thidua.org.scope import scope_for


# ---- opening a session (object: the cluster or the council) ------------------------------------
@rules.predicate
def runs_cluster_meeting(user, cluster: Cluster | None) -> bool:
    return cluster is not None and (serves_cluster(user, cluster) or runs_cluster(user, cluster))


@rules.predicate
def runs_council(user, council: Council | None) -> bool:
    return council is not None and runs_unit_as_secretariat(user, council.unit)


rules.add_perm("ballots.add_cluster_session", is_system_admin | runs_cluster_meeting)
rules.add_perm("ballots.add_council_session", is_system_admin | runs_council)


# ---- a session (object: the session) -----------------------------------------------------------
@rules.predicate
def runs_session(user, session: BallotSession | None) -> bool:
    if session is None:
        return False
    if session.cluster_id:
        return runs_cluster_meeting(user, session.cluster)
    return runs_council(user, session.council)


@rules.predicate
def is_on_roll(user, session: BallotSession | None) -> bool:
    return session is not None and any(
        owns_roll_line(user, voter) for voter in session.voters.select_related("unit")
    )


@rules.predicate
def belongs_to_owner(user, session: BallotSession | None) -> bool:
    """Cluster sessions: whoever sees a member unit; council sessions: the council's members."""
    if session is None:
        return False
    if session.cluster_id:
        return cluster_has_visible_member(user, session.cluster)
    return session.council_id in scope_for(user).council_ids


@rules.predicate
def is_closed(user, session: BallotSession | None) -> bool:
    return session is not None and session.status == BallotSession.Status.CLOSED


@rules.predicate
def has_a_closed_round(user, session: BallotSession | None) -> bool:
    return session is not None and (
        session.status == BallotSession.Status.CLOSED
        or Round.objects.filter(question__session=session, status=Round.Status.CLOSED).exists()
    )


may_view_session = is_system_admin | runs_session | belongs_to_owner | is_on_roll
rules.add_perm("ballots.run_session", is_system_admin | runs_session)
rules.add_perm("ballots.view_session", may_view_session)
# Tellers are people the meeting appoints; the app lets its runners type the sheets in.
rules.add_perm("ballots.tell", is_system_admin | runs_session)
# Runners see a round's tally once it is closed (to announce it and call a re-vote); the others
# who may see the session see the results once the whole session is closed.
rules.add_perm(
    "ballots.view_results",
    ((is_system_admin | runs_session) & has_a_closed_round) | (is_closed & may_view_session),
)


# ---- voting (object: a line of the roll) -------------------------------------------------------
@rules.predicate
def owns_roll_line(user, voter: Voter | None) -> bool:
    """The user votes on this line: it names their account or person, or it is a unit the user
    is the very officer or head of (an officer of a parent unit does not vote for its children)."""
    if voter is None or not getattr(user, "is_authenticated", False):
        return False
    if voter.user_id is not None and voter.user_id == user.pk:
        return True
    scope = scope_for(user)
    if voter.person_id is not None and voter.person_id == scope.person_id:
        return True
    if voter.unit_id is not None:
        return voter.unit.path in scope.officer_paths or voter.unit.path in scope.head_paths
    return False


rules.add_perm("ballots.vote", owns_roll_line)
