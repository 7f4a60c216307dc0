"""Organization names that could pass for another's: same letters after folding, or letters of several scripts.

A stranger who cannot post under `projects/brightloop/` may create `projects/brightl0op/` named
"Вrightloop" (a Cyrillic В). Such a name is not forbidden (a maintainer decides), but the report on the
pull request says which existing organization it resembles, so nobody merges it by accident.

Folding, in order: Unicode compatibility forms (NFKC: full-width letters, ligatures), look-alike letters
of other scripts replaced by the Latin letter they imitate (Unicode's confusables table, through
`confusable-homoglyphs`), every other letter transliterated to ASCII (`anyascii`: Estée -> Estee,
Яндекс -> Yandeks), then case, spaces and punctuation dropped (PIMCO, Pimco and P.I.M.C.O. all fold alike).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii
from confusable_homoglyphs import categories, confusables

# Scripts that one language writes together: Japanese mixes Han, Hiragana and Katakana; Korean Han and Hangul.
_WRITTEN_TOGETHER = ({"HAN", "HIRAGANA", "KATAKANA"}, {"HAN", "HANGUL"}, {"HAN", "BOPOMOFO"})
_NEUTRAL = {"COMMON", "INHERITED"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"])
    if found:
        for glyph in found[0]["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"]
    return anyascii(char)


def fold(name: str) -> str:
    """`Вrightloop`, `BRIGHT-LOOP` and `Brîghtloop` all fold to `brightloop`."""
    text = unicodedata.normalize("NFKC", name)
    folded = "".join(_fold_char(char) for char in text).casefold()
    return re.sub(r"[^a-z0-9]+", "", folded)


def scripts(name: str) -> set[str]:
    """The scripts of the letters in `name` (LATIN, CYRILLIC, GREEK, ...), digits and punctuation left out."""
    found = set()
    for char in unicodedata.normalize("NFKC", name):
        if not char.isalpha():
            continue
        try:
            alias = categories.alias(char)
        except Exception:  # a character the table does not know: judge it by its name
            alias = unicodedata.name(char, "UNKNOWN").split(" ")[0]
        if alias not in _NEUTRAL:
            found.add(alias)
    return found


def mixes_scripts(name: str) -> bool:
    """True for letters of several scripts, except those one language writes together (Japanese, Korean)."""
    found = scripts(name)
    if len(found) <= 1:
        return False
    return not any(found <= together for together in _WRITTEN_TOGETHER)


def look_alikes(name: str, existing: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (slug, name) pairs of `existing` whose names fold to the same letters as `name`."""
    key = fold(name)
    if not key:
        return []
    return [(slug, other) for slug, other in existing if fold(other) == key]
