from thidua.ballots.models.sessions import (
    BallotSession,
    Candidate,
    Question,
    Round,
    SessionEvent,
    Voter,
)
from thidua.ballots.models.votes import Ballot, BallotChoice, Channel, TellerEntry, VoterMark

__all__ = [
    "Ballot",
    "BallotChoice",
    "BallotSession",
    "Candidate",
    "Channel",
    "Question",
    "Round",
    "SessionEvent",
    "TellerEntry",
    "Voter",
    "VoterMark",
]
