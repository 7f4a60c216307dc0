"""One slug rule for every way in: readable in any script, at most 64 characters, never a Windows device name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings as hsettings, strategies as st

from generator.issue_form import issue_body_from_posting, posting_from_issue_body
from generator.settings import Settings
from generator.slugs import MAX_LENGTH, RESERVED, is_slug, slug_problem, slugify
from generator.validate import validate_text
from tests.conftest import ROOT, TODAY

SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"


@pytest.mark.parametrize("name, slug", [
    ("Körber", "korber"), ("L'Oréal", "l-oreal"), ("L’Oréal", "l-oreal"), ("Яндекс", "yandeks"),
    ("Straße der Ölmühle", "strasse-der-olmuhle"), ("Ærø Ø", "aero-o"), ("Ελληνικά", "ellinika"),
    ("Green Valley Food Bank", "green-valley-food-bank"), ("  --Tidepool   Labs--  ", "tidepool-labs"),
    ("CON", "con-1"), ("nul", "nul-1"), ("Com1", "com1-1"), ("LPT9", "lpt9-1"), ("Console", "console"),
    ("!!!", ""), ("", ""),
])
def test_names_become_readable_slugs(name, slug) -> None:
    assert slugify(name) == slug
    assert slug == "" or is_slug(slug)


def test_long_names_end_on_a_whole_word_within_the_limit() -> None:
    name = "The Very Long Name of an Organization that Goes On and On Beyond Any Reasonable Address"
    slug = slugify(name)
    assert len(slug) <= MAX_LENGTH and is_slug(slug) and name.lower().replace(" ", "-").startswith(slug)
    assert len(slugify("a" * 300)) == MAX_LENGTH


@pytest.mark.parametrize("name", sorted(RESERVED))
def test_every_windows_device_name_is_refused(name) -> None:
    assert slug_problem(name) == "reserved" and not is_slug(name)
    assert is_slug(f"{name}-project") and is_slug(f"my-{name}")  # only the bare name is reserved


@hsettings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_valid_slug_or_none(text) -> None:
    slug = slugify(text)
    assert slug == "" or is_slug(slug)


@hsettings(max_examples=200, deadline=None)
@given(st.one_of(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=80),
                 st.sampled_from(sorted(RESERVED)), st.text(max_size=20)))
def test_the_validator_agrees_with_the_slug_rule(name) -> None:
    if not name or "/" in name or name in (".", "..") or "\x00" in name:
        return
    text = SAMPLE.read_text(encoding="utf-8")
    settings = Settings().with_today(TODAY.isoformat())
    result = validate_text(text, f"projects/{name}/design-gallery-wayfinding-map.yaml", settings, ROOT)
    refused = any(p.code == "path-slug" for p in result.problems)
    assert refused == (not is_slug(name)), name


def test_the_validator_explains_a_reserved_or_long_folder() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    settings = Settings().with_today(TODAY.isoformat())
    for name, words in (("nul", "Windows reserves"), ("a" * 300, "at most 64")):
        (problem,) = [p for p in validate_text(text, f"projects/{name}/x.yaml", settings, ROOT).problems
                      if p.code == "path-slug"]
        assert words in problem.message and problem.hint.startswith("use '")
        suggested = problem.hint.split("'")[1]
        assert is_slug(suggested)


def test_the_issue_form_derives_slugs_with_the_same_rule() -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    # postings hold no organization block; the form asks for the organization's name, website and about text
    organization = yaml.safe_load((SAMPLE.parent / "organization.yaml").read_text(encoding="utf-8"))
    data["organization"] = {k: v for k, v in organization.items() if k != "owners"}
    data["organization"]["name"] = "Körber Stiftung"
    data["title"] = "Нова карта музею для відвідувачів"
    back = posting_from_issue_body(issue_body_from_posting(data))
    assert back.path == f"projects/korber-stiftung/{slugify(data['title'])}.yaml"
    assert back.slug == "nova-karta-muzeyu-dlya-vidviduvachiv"


def test_new_names_the_file_with_the_same_rule(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(tmp_path), "new", "--no-input",
         "--organization", "Яндекс", "--title", "Map the Con", "--owner", "dana", "--field", "data"],
        capture_output=True, text=True, cwd=ROOT)
    assert "wrote" in done.stdout, done.stdout + done.stderr
    assert (tmp_path / "projects" / "yandeks" / "map-the-con.yaml").is_file()
