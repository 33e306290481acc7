"""Who registered what in the demo (ILLUSTRATIVE): by movement title, unit by unit."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.campaigns import demo_plan as plan


@dataclass(frozen=True)
class RegistrationStory:
    unit: str
    collective: tuple[str, ...]  # collective titles the unit aims for
    individual: tuple[tuple[str, int], ...]  # (title, how many of its people, by staff code)
    status: str  # draft | submitted | approved


_2025, _2026 = plan.MOVEMENTS[2].title, plan.MOVEMENTS[3].title
REGISTRATIONS: dict[str, tuple[RegistrationStory, ...]] = {
    _2025: (
        RegistrationStory("BTC-DUCP", ("TTLDXS",), (("LDTT", 8), ("CSTDCS", 2)), "approved"),
        RegistrationStory("CTCCB-BCA", ("TTLDXS",), (("LDTT", 12), ("CSTDCS", 3)), "approved"),
    ),
    _2026: (
        RegistrationStory("BTC-DUCP", ("TTLDXS",), (("LDTT", 9), ("CSTDCS", 2)), "approved"),
        RegistrationStory("CTCCB-BCA", ("TTLDXS", "CO_BTCTW"), (("LDTT", 10),), "submitted"),
        RegistrationStory("CCB-TCCT", ("TTLDTT",), (("LDTT", 6),), "draft"),
    ),
}
