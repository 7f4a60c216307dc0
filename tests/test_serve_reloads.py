"""`serve` rebuilds in one long-running process: an edited skills list or schema counts on the next rebuild."""

from __future__ import annotations

import json
import os
import shutil

from generator.settings import Settings
from generator.validate import load_schema, validate_paths
from tests.conftest import ROOT, TODAY, place


def _touch_later(path) -> None:
    """Make the edit visible to a file-time check even on a coarse clock."""
    status = os.stat(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 2_000_000_000))


def test_a_skill_added_to_schema_skills_yaml_counts_without_a_restart(tmp_path):
    (tmp_path / "schema").mkdir()
    skills = tmp_path / "schema" / "skills.yaml"
    shutil.copyfile(ROOT / "schema" / "skills.yaml", skills)
    place(tmp_path, (ROOT / "tests" / "broken" / "skill-unknown.yaml").read_text(), "projects/acme/weaving.yaml")
    settings = Settings(today=TODAY)

    def codes() -> set[str]:
        return {p.code for p in validate_paths([tmp_path / "projects"], settings, tmp_path).problems}

    assert "skill-unknown" in codes()
    skills.write_text(skills.read_text(encoding="utf-8") + "  Underwater basket weaving: []\n", encoding="utf-8")
    _touch_later(skills)
    assert "skill-unknown" not in codes()


def test_an_edited_schema_is_read_again(tmp_path):
    schema = tmp_path / "project.schema.json"
    data = json.loads((ROOT / "schema" / "project.schema.json").read_text(encoding="utf-8"))
    schema.write_text(json.dumps(data), encoding="utf-8")
    assert load_schema(schema)["properties"]["title"].get("maxLength") == data["properties"]["title"].get("maxLength")
    data["properties"]["title"]["maxLength"] = 7
    schema.write_text(json.dumps(data), encoding="utf-8")
    _touch_later(schema)
    assert load_schema(schema)["properties"]["title"]["maxLength"] == 7
