"""board.json's packed columns: what goes in comes back out, whatever the board's size and spread."""

from __future__ import annotations

import json
import random

from generator.site.board_data import DIGITS, GROUPS, pack, unpack


def synthetic_rows(n: int, fields: int, skills_per_field: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        field = rng.randrange(fields)
        local = [field * skills_per_field + k for k in range(skills_per_field)]
        rows.append({"field": field, "skills": rng.sample(local, rng.randint(0, min(5, skills_per_field))),
                     "hours": rng.randint(1, 400), "hourly": rng.choice([None, 12, 12.5, rng.random() * 80]),
                     "location": rng.randrange(3), "applyBy": rng.randint(-3, 2000), "mentored": rng.randrange(2),
                     "levels": sorted(rng.sample(range(5), rng.randint(0, 3)))})
    return rows


def same(rows: list[dict], back: list[dict]) -> bool:
    names = [name for group in GROUPS for name in group]
    return all({k: a[k] for k in names} == {k: b[k] for k in names} and sorted(a["skills"]) == sorted(b["skills"])
               for a, b in zip(rows, back, strict=True))


def test_packed_columns_read_back_as_they_were_written():
    rows = synthetic_rows(3_000, fields=4, skills_per_field=8)
    assert same(rows, unpack(json.loads(json.dumps(pack(rows, 4), ensure_ascii=False))))


def test_wide_values_take_more_digits_and_still_read_back():
    """Over 1,024 distinct values in a group, or a field with more than ten skills, takes several digits a row."""
    rows = synthetic_rows(4_000, fields=3, skills_per_field=27)
    packed = pack(rows, 3)
    assert max(group["width"] for group in packed["groups"]) >= 2
    assert len(packed["skillCodes"]) == 3 * len(rows)  # 27 skills: three digits of ten bits a row
    assert same(rows, unpack(json.loads(json.dumps(packed, ensure_ascii=False))))


def test_codes_are_plain_characters_that_json_never_escapes():
    rows = synthetic_rows(2_000, fields=5, skills_per_field=12)
    packed = pack(rows, 5)
    text = json.dumps(packed, ensure_ascii=False)
    codes = "".join(group["codes"] for group in packed["groups"]) + packed["skillCodes"]
    assert set(codes) <= set(DIGITS)
    assert not set(DIGITS) & set('"\\') and all(c.isprintable() for c in DIGITS)
    for group in packed["groups"]:
        assert json.dumps(group["codes"], ensure_ascii=False) == '"' + group["codes"] + '"'


def test_an_empty_board_packs_to_nothing():
    packed = pack([], 0)
    assert packed["count"] == 0 and unpack(packed) == []

