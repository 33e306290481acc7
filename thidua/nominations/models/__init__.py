from thidua.nominations.models.decisions import (
    BaseSalary,
    Decision,
    DecisionAttachment,
    DecisionLine,
    Recovery,
    ReviewFlag,
    Revocation,
)
from thidua.nominations.models.dossiers import Batch, BatchMove, Dossier, DossierAttachment
from thidua.nominations.models.postings import Feedback, Posting
from thidua.nominations.models.routes import Route, RouteStep

__all__ = [
    "BaseSalary",
    "Batch",
    "BatchMove",
    "Decision",
    "DecisionAttachment",
    "DecisionLine",
    "Dossier",
    "DossierAttachment",
    "Feedback",
    "Posting",
    "Recovery",
    "ReviewFlag",
    "Revocation",
    "Route",
    "RouteStep",
]
