"""The board's data files, packed so that the whole path a student takes stays small.

board.json carries only what the filters, counts and sorting need, one code per posting and column group:
each group's distinct values are listed once (`values`) and every posting is a fixed number of characters
in `codes`, each character a digit of DIGIT_BITS bits (`digits` lists which characters those are: none
needs a JSON escape). A posting's skills are a bit mask over its field's skills (`fieldSkills`),
which a field with few skills writes in one character. Compressed, that is a few bytes per posting.

What only a card shows (title, organization, texts, summary, the skills in the posting's order) is in
board-cards/N.json, CARD_ROWS postings each, fetched for the cards on screen. board-keys.json lists every open posting's organization/slug, for the
saved list's Closed marks. `read_board` decodes the three back into plain rows (the browser's decoding is in
board.js; tests compare both with the postings).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any, Callable, Sequence

BOARD_DATA_VERSION = 2
# Postings per card file, in the board's order. Every file costs a 512-byte header and whole 512-byte blocks in the
# archive GitHub Pages receives, so one card a file (about 350 bytes) took 1 KB a posting; four take half that. A
# page of "show more" fetches a quarter of the files; a filter whose results are scattered fetches up to three
# other cards with each (at 10,000 postings about 10 KB more, compressed, for a field's first 50 results).
CARD_ROWS = 4
CARDS_FOLDER = "board-cards/"
KEYS_FILE = "board-keys.json"
DIGIT_BITS = 10
# Filter columns packed together: values that often come together share one code.
GROUPS = (("field", "location", "mentored"), ("hours", "hourly"), ("levels",), ("applyBy",))
CARD_COLUMNS = ("slug", "title", "org", "orgName", "posted", "hoursText", "payText", "hourlyText", "whereText",
                "levelsText", "summary", "skills")  # skills: in the posting's order


def _digit_ranges() -> tuple[tuple[int, int], ...]:
    """The characters that stand for digits 0, 1, 2, ... as inclusive ranges of code points: printable, never
    escaped in JSON (no quote, no backslash), no combining marks and nothing Unicode normalisation changes,
    so the file means the same after any tool has handled it. board.json carries the ranges."""
    ranges: list[list[int]] = []
    code, found = 0x23, 0
    while found < 1 << DIGIT_BITS:
        char = chr(code)
        if (char.isprintable() and char not in '"\\' and not unicodedata.category(char).startswith("M")
                and unicodedata.normalize("NFC", char) == char and unicodedata.normalize("NFKC", char) == char):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
            found += 1
        code += 1
    return tuple((low, high) for low, high in ranges)


DIGIT_RANGES = _digit_ranges()
DIGITS = "".join(chr(code) for low, high in DIGIT_RANGES for code in range(low, high + 1))


def _write(value: int, width: int) -> str:
    """`value` as `width` digits, the least significant first."""
    out = []
    for _ in range(width):
        out.append(DIGITS[value & ((1 << DIGIT_BITS) - 1)])
        value >>= DIGIT_BITS
    return "".join(out)


def _width(count: int) -> int:
    """Digits needed for `count` distinct values (at least one)."""
    width, room = 1, 1 << DIGIT_BITS
    while room < count:
        width, room = width + 1, room << DIGIT_BITS
    return width


def pack_group(names: Sequence[str], rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One group of columns: its distinct value tuples (most used first) and each row's index among them."""
    keys = [json.dumps([row[name] for name in names], separators=(",", ":")) for row in rows]
    seen: dict[str, int] = {}
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
    order = sorted(seen, key=lambda k: -seen[k])
    number = {key: i for i, key in enumerate(order)}
    width = _width(len(order))
    return {"columns": list(names), "values": [json.loads(key) for key in order], "width": width,
            "codes": "".join(_write(number[key], width) for key in keys)}


def field_skills(fields: Sequence[int], skills: Sequence[Sequence[int]], field_count: int) -> list[list[int]]:
    """Per field, the skills its postings name, most used first (so common ones take the low bits)."""
    counts: list[dict[int, int]] = [{} for _ in range(field_count)]
    for field, named in zip(fields, skills):
        for skill in named:
            counts[field][skill] = counts[field].get(skill, 0) + 1
    return [sorted(c, key=lambda s: (-c[s], s)) for c in counts]


def pack_skills(fields: Sequence[int], skills: Sequence[Sequence[int]], per_field: list[list[int]]) -> str:
    bit = [{skill: i for i, skill in enumerate(local)} for local in per_field]
    widths = [max(1, -(-len(local) // DIGIT_BITS)) for local in per_field]
    return "".join(_write(sum(1 << bit[f][s] for s in named), widths[f]) for f, named in zip(fields, skills))


def pack(rows: list[dict[str, Any]], field_count: int) -> dict[str, Any]:
    """The filter columns of `rows` (field, skills, hours, hourly, location, applyBy, mentored, levels)."""
    fields = [row["field"] for row in rows]
    skills = [row["skills"] for row in rows]
    per_field = field_skills(fields, skills, field_count)
    return {"count": len(rows), "digits": [list(r) for r in DIGIT_RANGES], "digitBits": DIGIT_BITS,
            "groups": [pack_group(names, rows) for names in GROUPS],
            "fieldSkills": per_field, "skillCodes": pack_skills(fields, skills, per_field)}


# ---------------------------------------------------------------- reading them back


def _reader(codes: str, ranges: Sequence[Sequence[int]], bits: int) -> Callable[[int], int]:
    """Reads `width` digits at a time from `codes`, the digits being the characters in `ranges`."""
    position = 0
    number = {chr(code): i for i, code in enumerate(c for low, high in ranges for c in range(low, high + 1))}

    def read(width: int) -> int:
        nonlocal position
        value = 0
        for k in range(width):
            value |= number[codes[position + k]] << (bits * k)
        position += width
        return value
    return read


def unpack(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The filter columns of board.json as one dict per row (indexes into its tables, as packed)."""
    n = data["count"]
    rows: list[dict[str, Any]] = [{} for _ in range(n)]
    for group in data["groups"]:
        read = _reader(group["codes"], data["digits"], data["digitBits"])
        for row in rows:
            row.update(zip(group["columns"], group["values"][read(group["width"])]))
    read = _reader(data["skillCodes"], data["digits"], data["digitBits"])
    for row in rows:
        local = data["fieldSkills"][row["field"]]
        mask = read(max(1, -(-len(local) // data["digitBits"])))
        row["skills"] = [skill for i, skill in enumerate(local) if mask >> i & 1]
    return rows


def read_board(site: Path) -> list[dict[str, Any]]:
    """Every open posting on a built board, newest first: filter columns (as names), card texts and key."""
    data = json.loads((site / "board.json").read_text(encoding="utf-8"))
    rows = unpack(data)
    keys = json.loads((site / KEYS_FILE).read_text(encoding="utf-8"))["keys"]
    cards: list[list[Any]] = []
    for n in range(-(-len(rows) // data["cards"]["rows"])):
        cards += json.loads((site / data["cards"]["folder"] / f"{n}.json").read_text(encoding="utf-8"))
    for row, key, card in zip(rows, keys, cards):
        assert sorted(row["skills"]) == sorted(card[-1]), key
        row.update(zip(CARD_COLUMNS, card))
        row["key"] = key
        row["fieldKey"] = data["fields"][row["field"]][0]
        row["skillNames"] = [data["skills"][s][0] for s in row["skills"]]
        row["skillSlugs"] = [data["skills"][s][1] for s in row["skills"]]
        row["locationType"] = data["locations"][row["location"]]
        row["levelKeys"] = [data["levels"][level][0] for level in row["levels"]]
    return rows
