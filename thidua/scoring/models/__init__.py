from thidua.scoring.models.rankings import Ranking, RankingRow
from thidua.scoring.models.scorecards import (
    ReviewComment,
    Scorecard,
    ScorecardEvent,
    ScoreEntry,
    ScoreEvidence,
)
from thidua.scoring.models.tables import CriteriaTable, Criterion, CriterionGroup

__all__ = [
    "CriteriaTable",
    "Criterion",
    "CriterionGroup",
    "Ranking",
    "RankingRow",
    "ReviewComment",
    "ScoreEntry",
    "ScoreEvidence",
    "Scorecard",
    "ScorecardEvent",
]
