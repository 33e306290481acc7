"""Vietnamese text helpers: diacritics-free folding for search and the Vietnamese collation.

The sort key follows the CLDR/ICU "vi" tailoring, the same order PostgreSQL gives with the
"vi-x-icu" collation: letters a < ă < â < b < c < d < đ < e < ê < … < o < ô < ơ < … < u < ư < …,
tones compared only when the letters are equal, in the order none < huyền < hỏi < ngã < sắc < nặng.
It is hand-written (30 lines) because PyICU has no wheels and compiles for minutes on every fresh
machine; a PostgreSQL test checks that both orders agree.
"""

import functools
import re
import unicodedata

from unidecode import unidecode

# Base letters in Vietnamese alphabetical order; f, j, w, z (foreign words) keep their Latin place.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET, start=20)}
# Marks that make a new letter (breve, circumflex, horn) vs. the five tones.
_COMPOSED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACES = re.compile(r"\s+")

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def fold(text: str) -> str:
    """Lower-case ASCII form for diacritics-insensitive search: "Nguyễn Đức" -> "nguyen duc"."""
    return _SPACES.sub(" ", unidecode(text or "").lower()).strip()


def _letters(text: str) -> list[list]:
    """NFD text as [lower-case letter, tone, is_upper] triples, letter marks folded in."""
    out: list[list] = []
    for char in unicodedata.normalize("NFD", text):
        if out and char in _TONE_RANK:
            out[-1][1] = _TONE_RANK[char]
        elif out and (out[-1][0], char) in _COMPOSED:
            out[-1][0] = _COMPOSED[(out[-1][0], char)]
        else:
            out.append([char.lower(), 0, char != char.lower()])
    return out


def _primary(letter: str) -> int:
    if letter in _LETTER_RANK:
        return _LETTER_RANK[letter]
    if letter.isspace():
        return 1
    if "0" <= letter <= "9":
        return 2 + int(letter)
    return 100 + ord(letter)


@functools.lru_cache(maxsize=100_000)  # SQLite's collation calls it for every comparison
def vi_sort_key(text: str) -> SortKey:
    """Key for sorted(): letters first, then tones, then case (as a collation compares)."""
    letters = _letters(text or "")
    return (
        tuple(_primary(letter) for letter, _, _ in letters),
        tuple(tone for _, tone, _ in letters),
        tuple(int(upper) for _, _, upper in letters),
    )


def given_name_first(full_name: str) -> str:
    """Vietnamese names sort by the given name (the last word), then family and middle names."""
    words = _SPACES.split((full_name or "").strip())
    if len(words) < 2:
        return " ".join(words)
    return " ".join([words[-1], *words[:-1]])
