"""A board on GitHub Enterprise links to its own server: every GitHub address comes from the environment."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator import github as gh
from generator.github_server import server_url
from generator.housekeeping import reminder_body
from generator.settings import Settings
from generator.validate import validate_paths
from site_fixtures import built, copy_board, mkdocs_build, page_path, parse_html

ENTERPRISE = "https://github.example.edu"


@pytest.mark.parametrize("value, expected", [
    (None, "https://github.com"),
    ("https://github.example.edu", ENTERPRISE),
    ("https://github.example.edu/", ENTERPRISE),
    ("https://github.example.edu:8443", "https://github.example.edu:8443"),
    ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
    ("http://github.example.edu", "https://github.com"),  # links never go to plain http elsewhere
    ("javascript:alert(1)", "https://github.com"),
    ("https://user:secret@github.example.edu", "https://github.com"),
    ("https://github.example.edu/x?y=1", "https://github.com"),
    ("https://github.example.edu/\"><script>", "https://github.com"),
    ("https://github.example.edu:port", "https://github.com"),
])
def test_the_server_address_comes_from_github_server_url_when_it_is_safe(value, expected):
    assert server_url({} if value is None else {"GITHUB_SERVER_URL": value}) == expected


def test_the_token_is_never_sent_over_plain_http_to_another_machine(monkeypatch):
    monkeypatch.setenv("GITHUB_API_URL", "http://github.example.edu/api/v3")
    with pytest.raises(gh.GitHubError, match="refusing to send the token"):
        gh.connect(token="secret")
    client = gh.connect(token="secret", base_url=f"{ENTERPRISE}/api/v3")
    assert client.requester.base_url == f"{ENTERPRISE}/api/v3"


def test_reminders_link_to_the_enterprise_server(monkeypatch, tmp_path):
    board = copy_board(tmp_path / "board")
    project = validate_paths([board / "projects"], Settings(today=None), board).projects[0]
    monkeypatch.setenv("GITHUB_SERVER_URL", ENTERPRISE)
    body = reminder_body(project, "uni/board", "main")
    assert f"]({ENTERPRISE}/uni/board/blob/main/{project.path})" in body
    assert f"({ENTERPRISE}/uni/board/edit/main/{project.path})" in body
    assert "https://github.com" not in body


def test_the_built_site_links_to_the_enterprise_server(monkeypatch, tmp_path):
    board = copy_board(tmp_path / "board")
    monkeypatch.setenv("GITHUB_SERVER_URL", ENTERPRISE)
    site = tmp_path / "site"
    built(mkdocs_build(board, site))
    posting = next(p for p in (board / "projects").rglob("*.yaml") if p.name != "organization.yaml")
    page = page_path(site, f"projects/{posting.parent.name}/{posting.stem}/")
    links = [a.attrs.get("href", "") for a in parse_html(page).find("a")]
    assert any(link.startswith(f"{ENTERPRISE}/example-org/microboard/edit/main/projects/") for link in links), links
    assert any(re.fullmatch(rf"{re.escape(ENTERPRISE)}/[a-z0-9-]+", link) for link in links), links  # owners
    form = (site / "post" / "index.html").read_text(encoding="utf-8")
    config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', form).group(1)))
    assert config["github"] == ENTERPRISE
    assert f'href="{ENTERPRISE}/example-org/microboard/issues/new' in form
    for page in [*site.joinpath("projects").rglob("index.html"), site / "post" / "index.html"]:
        assert "https://github.com/" not in page.read_text(encoding="utf-8"), page


def test_post_form_script_builds_its_links_from_the_configured_server():
    script = (Path(gh.__file__).parent / "assets" / "microboard" / "post-form.js").read_text(encoding="utf-8")
    assert "github.com" not in script and "config.github" in script
