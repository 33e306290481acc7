"""Set-based eligibility: the scalar engine's verdicts for a whole population at once.

`sweep(frames, award, year, as_of)` judges every person (or unit) in `frames` for one award
and returns a polars frame, one row per subject; `frames_from_facts` builds frames from facts
objects, and the Django side builds them from SQL (schema in `frames`).
"""

from .convert import frames_from_facts
from .frames import RESULT, SCHEMAS, STATUS, Frames, conform
from .sweep import sweep

__all__ = ["RESULT", "SCHEMAS", "STATUS", "Frames", "conform", "frames_from_facts", "sweep"]
