"""Receipt codes of online ballots: random, short, easy to copy by hand ("K7Q2-M9XD").

The code comes from `secrets`, not from a counter or the clock, so it says nothing about when or
by whom a ballot was cast. The alphabet leaves out look-alikes (0/O, 1/I/L); 31⁸ ≈ 8.5 × 10¹¹
codes make a clash within one round very unlikely, and the unique constraint on (round, receipt)
catches the rare one (the cast then draws again)."""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUP, GROUPS = 4, 2


def receipt_new() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP)) for _ in range(GROUPS))


def receipt_normalise(text: str) -> str:
    """What a voter typed, in the published form: capitals and one dash between the groups
    ("k7q2 m9xd" → "K7Q2-M9XD"). Anything else (a paper sheet code) is only trimmed and
    capitalised."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) == GROUP * GROUPS and all(ch in ALPHABET for ch in cleaned):
        return f"{cleaned[:GROUP]}-{cleaned[GROUP:]}"
    return text.strip().upper()
