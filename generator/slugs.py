"""Slugs: the lowercase-and-hyphens names that become folders, files and addresses.

One rule for every way in (the validator, the issue form, the web form, `new`, the site's pages):
lowercase ASCII letters and digits in words joined by single hyphens, at most MAX_LENGTH characters,
and never a name that Windows reserves for a device (`con`, `nul`, `com1`...), because Windows
refuses such a file or folder with any extension (`nul.yaml`, `con.tar.gz`) and a board must stay
checkable on every employer's and maintainer's computer.

Names in any script become readable slugs by transliteration (anyascii): Körber -> korber,
L'Oréal -> l-oreal, Яндекс -> yandeks.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_LENGTH = 64
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
PATTERN = rf"(?!(?:{'|'.join(sorted(RESERVED))})$)[a-z0-9]+(?:-[a-z0-9]+)*"  # the whole rule but the length
RESERVED_SUFFIX = "-1"  # what a derived slug gets when it would be a reserved name: con -> con-1
RULE = (f"lowercase letters, digits and single hyphens, at most {MAX_LENGTH} characters, and not a name "
        "Windows reserves (con, prn, aux, nul, com1 to com9, lpt1 to lpt9)")

# why a name is not a slug: the reason's key, for callers that explain it
EMPTY, CHARACTERS, TOO_LONG, RESERVED_NAME = "empty", "characters", "too-long", "reserved"


def slug_problem(name: str) -> str | None:
    """None for a good slug; otherwise the reason (EMPTY, CHARACTERS, TOO_LONG or RESERVED_NAME)."""
    if not name:
        return EMPTY
    if len(name) > MAX_LENGTH:
        return TOO_LONG
    if not SLUG.fullmatch(name):
        return CHARACTERS
    if name in RESERVED:
        return RESERVED_NAME
    return None


def is_slug(name: object) -> bool:
    return isinstance(name, str) and slug_problem(name) is None


def explain(name: str) -> str:
    """What is wrong with `name` as a slug, in a sentence; empty for a good slug."""
    reason = slug_problem(name)
    if reason is None:
        return ""
    if reason == EMPTY:
        return "it is empty"
    if reason == TOO_LONG:
        return f"it is {len(name)} characters long; at most {MAX_LENGTH} are allowed"
    if reason == RESERVED_NAME:
        return f"{name!r} is a name Windows reserves for a device, so no file or folder can have it"
    return "only lowercase letters, digits and single hyphens are allowed"


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """`Green Valley Food Bank` -> `green-valley-food-bank`, `Яндекс` -> `yandeks`.

    The result is always a valid slug, or an empty string when the text holds no letter or digit
    in any script (callers then ask for a short name).
    """
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(str(text)).lower()).strip("-")
    limit = max(1, min(max_length, MAX_LENGTH))
    if len(slug) > limit:
        cut = slug[:limit]
        # end on a whole word when that keeps most of the room
        if slug[limit] != "-" and "-" in cut and cut.rindex("-") >= limit // 2:
            cut = cut[:cut.rindex("-")]
        slug = cut.strip("-")
    if slug in RESERVED:
        slug = slug[: limit - len(RESERVED_SUFFIX)] + RESERVED_SUFFIX
    return slug


# The web form derives a slug in the browser as a person types. It gets this rule from the build: for
# the scripts most names on a board are written in, the characters whose spelling the browser cannot
# work out itself (decomposing accents covers é, ö, ñ...). For a character outside those ranges the
# browser derives nothing and asks for a short name, so it never proposes a slug the server would not make.
BROWSER_RANGES = ((0x00A0, 0x0250), (0x0300, 0x0530), (0x1E00, 0x1F00), (0x2000, 0x2070), (0xFB00, 0xFB07),
                  (0xFF00, 0xFF5F))


@lru_cache(maxsize=1)
def browser_rule() -> dict:
    """What post-form.js needs to derive the same slugs as `slugify`."""
    table = {}
    for start, stop in BROWSER_RANGES:
        for point in range(start, stop):
            char = chr(point)
            spelled = anyascii(char)
            stripped = "".join(c for c in unicodedata.normalize("NFKD", char)
                               if not unicodedata.category(c).startswith("M"))
            if not (stripped.isascii() and stripped == spelled):
                table[char] = spelled
    # two parallel strings rather than an object: a third of the size in the page's HTML attribute
    assert not any(_SEPARATOR in spelled for spelled in table.values())
    return {"max": MAX_LENGTH, "reserved": sorted(RESERVED), "suffix": RESERVED_SUFFIX,
            "chars": "".join(table), "spelled": _SEPARATOR.join(table.values()),
            "ranges": [list(r) for r in BROWSER_RANGES]}


_SEPARATOR = "\t"
