"""How the board compares words: case, accents and apostrophe style do not count.

`Zürich` and `Zurich`, `L’Oréal` and `loreal`, `Körber` and `KORBER` fold to the same text. The
build folds every posting's words; the browser folds what a visitor types with the same rule,
which it receives in the search index (`FOLD_RULES`), so the rule is written here only.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophes and the marks typed for them: `L'Oreal`, `L’Oréal` and `Loreal` are one name.
APOSTROPHES = "'’‘ʼʻ`´′"
# Letters that carry no separable accent in Unicode, written as a plain reader would type them.
LETTERS = {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
           "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ς": "σ"}
_APOSTROPHE = re.compile(f"[{re.escape(APOSTROPHES)}]")
_LETTER = re.compile("|".join(LETTERS))
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, accents off, apostrophes gone, special letters spelled out."""
    lowered = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(char for char in lowered if unicodedata.category(char) != "Mn")
    return _LETTER.sub(lambda m: LETTERS[m.group()], _APOSTROPHE.sub("", bare))


def words(text: str) -> list[str]:
    """The folded words of a text: runs of letters and digits (a CJK phrase is one run)."""
    return _WORD.findall(fold(text))


def fold_rules() -> dict[str, object]:
    """The rule as data for the browser's copy of `fold` and `words` (search.js)."""
    return {"apostrophes": APOSTROPHES, "letters": LETTERS}
