"""The core without MkDocs, the plugin's seams (overrides, serve, settings), and page size at scale."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_fixtures import BUILD_DATE, ROOT, TEST_BOARD_SETTINGS, built, copy_board, mkdocs_build, page_path, parse_html

SAMPLE = "brightloop/analyze-onboarding-drop-off"


def sample_projects():
    from generator.settings import read_board_file
    from generator.validate import validate_paths

    settings = read_board_file(TEST_BOARD_SETTINGS).settings
    result = validate_paths([ROOT / "samples" / "projects"], settings, ROOT)
    assert result.ok
    return result.projects, settings


def test_the_core_returns_pages_and_files_without_importing_mkdocs():
    code = ("import sys, datetime; from generator.site import build_outputs; from generator.settings import read_board_file;"
            "from generator.validate import validate_paths; from pathlib import Path;"
            "s = read_board_file(Path('tests/data/board.yml')).settings; r = validate_paths([Path('samples/projects')], s, Path('.'));"
            "out = build_outputs(r.projects, s, datetime.date(2026, 11, 21));"
            "print(len(out), {o.kind for o in out} == {'page', 'file', 'document'}, any(m.startswith('mkdocs') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    count, both_kinds, mkdocs_loaded = result.stdout.split()
    assert int(count) > 0 and both_kinds == "True" and mkdocs_loaded == "False"


def test_outputs_are_pages_with_safe_meta_and_files_at_stable_paths():
    from generator.site import DOCUMENT, FILE, PAGE, SiteOptions, build_outputs

    projects, settings = sample_projects()
    outputs = build_outputs(projects, settings, BUILD_DATE, SiteOptions(site_url="https://board.example/"))
    by_path = {o.path: o for o in outputs}
    assert len(by_path) == len(outputs), "two outputs at one path"
    for path in ("index.md", "numbers/index.md", "post/index.md", "fields/index.md"):
        assert by_path[path].kind == PAGE
    # postings, organizations, fields and skills are complete documents in the board's own chrome
    for path in (f"projects/{SAMPLE}/index.html", "organizations/brightloop/index.html",
                 "fields/data/index.html", "skills/sql/index.html"):
        assert by_path[path].kind == DOCUMENT and by_path[path].text().startswith("<!doctype html>")
    for path in ("feed.xml", "feed.json", "deadlines.ics", "projects.json", "board.json", "search/index.json",
                 "schema/project.schema.json", "fields/data/feed.xml"):
        assert by_path[path].kind == FILE
    posting = by_path[f"projects/{SAMPLE}/index.html"]
    assert posting.in_nav is False and by_path["index.md"].in_nav is True
    assert "<" not in posting.meta["title"] and 'itemtype="https://schema.org/JobPosting"' in posting.text()
    assert posting.meta["search"] == {"exclude": True}  # found through search/, not the site search's index


def test_job_posting_values_no_element_shows_become_nested_meta_and_link_tags():
    from generator.site.job_posting import tags

    values = {"url": "https://board.example/p/", "workHours": "20 hours in total", "addressRegion": None,
              "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                             "value": {"@type": "QuantitativeValue", "value": 12.5, "unitText": "HOUR"}},
              "applicantLocationRequirements": [{"@type": "Country", "name": "US"}, {"@type": "Country", "name": "CA"}]}
    assert tags(values) == [
        ("link", "url", "https://board.example/p/"), ("meta", "workHours", "20 hours in total"),
        ("item", "baseSalary", "https://schema.org/MonetaryAmount"), ("meta", "currency", "USD"),
        ("item", "value", "https://schema.org/QuantitativeValue"), ("meta", "value", "12.5"),
        ("meta", "unitText", "HOUR"), ("end", "value", ""), ("end", "baseSalary", ""),
        ("item", "applicantLocationRequirements", "https://schema.org/Country"), ("meta", "name", "US"),
        ("end", "applicantLocationRequirements", ""),
        ("item", "applicantLocationRequirements", "https://schema.org/Country"), ("meta", "name", "CA"),
        ("end", "applicantLocationRequirements", "")]


def test_descriptions_keep_formatting_and_lose_everything_live():
    from generator.site.markdown import DescriptionRenderer

    html = DescriptionRenderer()("# Title\n\n**bold** [ok](https://x.org) [bad](javascript:alert(1)) "
                              "<span onclick=alert(1)>t</span>\n\n<script>alert(1)</script>\n\npara\n"
                              '{: onclick="alert(1)" }\n\n| a |\n|---|\n| 1 |\n')
    assert "<h3>Title</h3>" in html and "<strong>bold</strong>" in html and "<table>" in html
    assert 'href="https://x.org"' in html and "javascript" not in html
    assert "onclick=" not in html.replace('{: onclick="alert(1)" }', "") and "<script" not in html
    assert "<span" not in html


def test_skill_slugs_are_safe_and_distinct():
    from generator.site.catalog import skill_slug

    assert skill_slug("C#") == "c-sharp" and skill_slug("Node.js") == "node-js" and skill_slug("R") == "r"
    assert skill_slug('"><svg onload=alert(1)>') == "svg-onload-alert-1"


def test_a_posting_page_weighs_the_same_with_20_or_200_postings(tmp_path):
    sizes = {}
    for count in (20, 200):
        board = copy_board(tmp_path / f"board{count}")
        subprocess.run([sys.executable, "-m", "generator", "fake", "--count", str(count), "--out",
                        str(board / "projects"), "--seed", "5", "--today", BUILD_DATE.isoformat()],
                       check=True, capture_output=True)
        site = tmp_path / f"site{count}"
        built(mkdocs_build(board, site, strict=False))
        sizes[count] = page_path(site, f"projects/{SAMPLE}").stat().st_size
        assert len(list((site / "projects").glob("*/*/index.html"))) >= count
    assert abs(sizes[200] - sizes[20]) <= 0.01 * sizes[20], sizes


def test_site_overrides_win_over_the_packaged_templates(tmp_path):
    board = copy_board(tmp_path / "board")
    overrides = board / "overrides" / "microboard"
    overrides.mkdir(parents=True)
    card = (ROOT / "generator/templates/microboard/card.html").read_text()
    (overrides / "card.html").write_text(card.replace('<li class="mb-card">', '<li class="mb-card my-card">'))
    (overrides / "head.html").write_text('<meta name="x-site-override" content="1">\n')
    config = board / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n  name: material\n",
                                                 "theme:\n  name: material\n  custom_dir: overrides\n"))
    site = tmp_path / "site"
    built(mkdocs_build(board, site))
    board_page = (site / "index.html").read_text()
    assert 'class="mb-card my-card"' in board_page
    assert '<meta name="x-site-override" content="1">' in board_page


def test_serve_watches_the_postings_the_samples_and_the_schema(tmp_path):
    from mkdocs.config import load_config

    class Server:
        watched: list[str] = []

        def watch(self, path, *args, **kwargs):
            self.watched.append(path)

    board = copy_board(tmp_path / "board", samples=True).resolve()
    config = load_config(str(board / "mkdocs.yml"))
    plugin = config.plugins["microboard"]
    plugin.on_config(config)
    server = Server()
    assert plugin.on_serve(server, config=config, builder=None) is server
    assert {str(board / name) for name in ("projects", "samples", "schema")} <= set(server.watched)


def test_a_bad_setting_fails_with_a_message(tmp_path):
    board = copy_board(tmp_path / "board")
    config = board / "board.yml"
    config.write_text(config.read_text().replace("currency: USD", "currency: dollars"))
    result = mkdocs_build(board, tmp_path / "site")
    assert result.returncode != 0
    assert "currency must be a three-letter ISO 4217 code" in result.stderr and "Traceback" not in result.stderr


def test_the_board_is_split_into_pages_of_the_configured_size(tmp_path):
    board = copy_board(tmp_path / "board")
    config = board / "board.yml"
    config.write_text(config.read_text() + "board_page_size: 7\n")
    site = tmp_path / "site"
    built(mkdocs_build(board, site))
    open_count = json.loads((site / "projects.json").read_text())["count"]
    pages = [site / "index.html"] + sorted((site / "page").glob("*/index.html"))
    assert len(pages) == -(-open_count // 7)
    listed = [len([c for c in parse_html(p).with_class("mb-card")]) - 1 for p in pages]  # less the <template> card
    assert sum(listed) == open_count and all(n <= 7 for n in listed)
    assert json.loads((site / "board.json").read_text())["pageSize"] == 7


def test_build_dates_decide_what_is_open(tmp_path):
    projects, settings = sample_projects()
    from generator.site import build_outputs

    latest = max(p.apply_by for p in projects)
    after = {o.path: o for o in build_outputs(projects, settings, latest + dt.timedelta(days=1))}
    assert json.loads(after["projects.json"].content)["count"] == 0
    on_the_day = {o.path: o for o in build_outputs(projects, settings, latest)}
    assert json.loads(on_the_day["projects.json"].content)["count"] >= 1
