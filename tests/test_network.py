"""A network of boards: a board gathers the open postings of partner boards served on 127.0.0.1.

Four sources: a healthy built board, one answering 500, one sending malformed and hostile postings,
and one too slow to answer. The gathering board's build never fails because of them.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gzip
import http.server
import json
import shutil
import time
import tracemalloc
import zlib
from typing import Iterator

import pytest
import yaml

from generator.site.board_data import read_board
from site_fixtures import ROOT, built, copy_board, mkdocs_build, page_path, serve, serve_with

PWN = "window.pwned=1"


# ---------------------------------------------------------------- partner boards on 127.0.0.1


class _Partners(http.server.BaseHTTPRequestHandler):
    """/down/ answers 500, /slow/ answers after the gathering board has given up, /hostile/ sends `hostile`,
    /cached/ answers with an ETag and honours If-None-Match until `fail` is set."""

    hostile: bytes = b""
    slow_seconds = 4.0
    cached_body = b""
    fail = False
    seen_conditional: list[str] = []
    plain_body = b""
    asked_encodings: list[str] = []
    sent_bytes: list[int] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the server's API name
        if self.path.startswith("/down/"):
            self._answer(500, b"Internal Server Error", "text/plain")
        elif self.path.startswith("/slow/"):
            time.sleep(self.slow_seconds)
            self._answer(200, b'{"version": 1, "projects": []}')
        elif self.path.startswith("/drip/"):  # headers at once, then a byte at a time, slower than the deadline
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            with contextlib.suppress(ConnectionError):  # the board hangs up at its deadline
                for byte in b'{"version": 1, "projects": []}':
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
        elif self.path.startswith("/big/"):
            self._answer(200, b'{"version": 1, "projects": [' + b'{},' * 400 + b'{}]}')
        elif self.path.startswith("/redirect/"):
            self.send_response(302)
            self.send_header("Location", "http://phishing.example/projects.json")
            self.end_headers()
        elif self.path.startswith("/hostile/"):
            self._answer(200, type(self).hostile)
        elif self.path.startswith("/pages/"):  # as GitHub Pages answers: gzipped when asked, plain otherwise
            asked = self.headers.get("Accept-Encoding", "")
            type(self).asked_encodings.append(asked)
            body = type(self).plain_body
            self._answer(200, *((gzip.compress(body), "application/json", None, "gzip") if "gzip" in asked
                                else (body,)))
        elif self.path.startswith("/bomb/"):
            self._answer(200, bomb(), encoding="gzip")
        elif self.path.startswith("/cut-gzip/"):
            self._answer(200, gzip.compress(b'{"version": 1, "projects": []}')[:-6], encoding="gzip")
        elif self.path.startswith("/not-gzip/"):
            self._answer(200, b'{"version": 1, "projects": []}', encoding="gzip")
        elif self.path.startswith("/x-gzip/"):  # gzip's other name
            self._answer(200, gzip.compress(b'{"version": 1, "projects": []}'), encoding="x-gzip")
        elif self.path.startswith("/brotli/"):
            self._answer(200, b'{"version": 1, "projects": []}', encoding="br")
        elif self.path.startswith("/cached/"):
            if type(self).fail:
                self._answer(503, b"down for maintenance", "text/plain")
            elif self.headers.get("If-None-Match") == '"v1"':
                type(self).seen_conditional.append(self.headers["If-None-Match"])
                self.send_response(304)
                self.end_headers()
            else:
                self._answer(200, type(self).cached_body, etag='"v1"')
        else:
            self._answer(404, b"not found", "text/plain")

    def _answer(self, status: int, body: bytes, kind: str = "application/json", etag: str | None = None,
                encoding: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        type(self).sent_bytes.append(len(body))
        with contextlib.suppress(ConnectionError):  # a board that refuses an answer hangs up before its end
            self.wfile.write(body)


@functools.cache
def bomb() -> bytes:
    """About 300 KB of gzip that unpacks to 300 MB of zeros, more than a source may send."""
    packer, zeros = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS), bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(300)) + packer.flush()


@contextlib.contextmanager
def partners() -> Iterator[str]:
    yield from serve_with(_Partners)


def hostile_feed(healthy: dict, base: str) -> bytes:
    """A projects.json of broken and hostile postings, plus one valid posting with a script in its description."""
    good = copy.deepcopy(healthy["projects"][0])

    def variant(name: str, **changes) -> dict:
        item = copy.deepcopy(good)
        item["id"] = f"{good['organization']['slug']}/{name}"
        item["title"] = f"{good['title']} {name}"
        item["url"] = f"{base}/hostile/projects/{item['id']}/"
        item["apply"] = {**item["apply"], "url": f"https://hostile.example/{name}"}
        for key, value in changes.items():
            item[key] = value
        return item

    scripted = variant("scripted", description_html=f"<p>Help us.</p><script>{PWN}</script>"
                       f"<img src=x onerror=\"{PWN}\"><a href=\"javascript:{PWN}\">click</a>" + "<p>More text.</p>" * 5,
                       title=f"Scripted </script><script>{PWN}</script> posting")
    cheap = variant("cheap", pay={**good["pay"], "type": "hourly", "amount": 1, "currency": "USD"})
    plain_http = variant("plain-http", apply={"url": "http://hostile.example/apply", "email": None,
                                              "instructions": None})
    elsewhere = variant("elsewhere", url="https://phishing.example/looks-like-the-board/")
    scheme = variant("scheme", url=f"javascript:{PWN}")
    escape = variant("escape", id="../../../../etc/passwd")
    no_title = variant("no-title", title=None)
    wrong_types = variant("wrong-types", hours="forty", skills="everything", timeline="soon")
    deep: list = []
    for _ in range(200):
        deep = [deep]
    feed = {"version": 1, "site_url": f"{base}/hostile/", "count": 10,
            "projects": [scripted, cheap, plain_http, elsewhere, scheme, escape, no_title, wrong_types, "not a posting",
                         {"id": deep, "organization": deep}]}
    return json.dumps(feed).encode("utf-8")


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Iterator[dict]:
    """The healthy board built and served, the other partners served, and a board that gathers all four, built."""
    root = tmp_path_factory.mktemp("network")
    healthy_site = root / "healthy-site"
    healthy_site.mkdir()
    with serve(healthy_site) as healthy_base, partners() as base:
        healthy = copy_board(root / "healthy")
        settings = yaml.safe_load((healthy / "board.yml").read_text(encoding="utf-8"))
        settings.update(site_name="Riverside University", site_url=healthy_base + "/")
        (healthy / "board.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
        built(mkdocs_build(healthy, healthy_site))
        healthy_feed = json.loads((healthy_site / "projects.json").read_text(encoding="utf-8"))
        _Partners.hostile = hostile_feed(healthy_feed, base)

        gatherer = copy_board(root / "gatherer", projects=False)
        # one local posting is also on the healthy board (same apply link): it must appear once, as ours
        first = healthy_feed["projects"][0]
        org, slug = first["id"].split("/")
        (gatherer / "projects" / org).mkdir(parents=True)
        for name in ("organization.yaml", f"{slug}.yaml"):
            shutil.copy(ROOT / "samples" / "projects" / org / name, gatherer / "projects" / org / name)
        settings = yaml.safe_load((gatherer / "board.yml").read_text(encoding="utf-8"))
        settings.update(site_name="City Network", sources_timeout=1, sources=[
            {"url": healthy_base + "/projects.json", "name": "Riverside University", "id": "riverside"},
            {"url": base + "/down/projects.json", "name": "Down College"},
            {"url": base + "/hostile/projects.json", "name": "Hostile Board", "id": "hostile"},
            {"url": base + "/slow/projects.json", "name": "Slow Institute"},
        ])
        (gatherer / "board.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
        site = root / "gatherer-site"
        started = time.monotonic()
        result = mkdocs_build(gatherer, site)  # --strict: a source's trouble never fails even a strict build
        seconds = time.monotonic() - started
        yield {"result": result, "site": site, "healthy": healthy_feed, "healthy_base": healthy_base,
               "gatherer": gatherer, "seconds": seconds, "local": first}


def test_the_build_succeeds_whatever_the_sources_do(network):
    built(network["result"])


def test_the_healthy_sources_open_postings_appear_marked_with_their_source(network):
    site, healthy = network["site"], network["healthy"]
    board = json.loads((site / "board.json").read_text(encoding="utf-8"))
    pages = {entry[1] for entry in board.get("via", {}).values()}
    expected = {p["url"] for p in healthy["projects"]} - {network["local"]["url"]}
    assert expected <= pages
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "via Riverside University" in index
    some = sorted(expected)[0]
    assert f'href="{some}"' in index
    # gathered postings have no page here (the source publishes theirs, with its JSON-LD)
    assert not list((site / "projects").glob("riverside-*"))
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert some in {item["url"] for item in feed["items"]}
    assert any(item["_microboard"].get("via") == "Riverside University" for item in feed["items"])


def test_a_posting_on_the_board_already_appears_once_and_local_wins(network):
    site, local = network["site"], network["local"]
    board = json.loads((site / "board.json").read_text(encoding="utf-8"))
    titles = [row["title"] for row in read_board(site)]
    assert titles.count(local["title"]) == 1
    row = titles.index(local["title"])
    assert str(row) not in board.get("via", {})
    assert page_path(site, f"projects/{local['id']}/").is_file()


def test_gathered_postings_are_not_republished_and_the_board_says_it_may_be_gathered(network):
    api = json.loads((network["site"] / "projects.json").read_text(encoding="utf-8"))
    assert api["gather"] is True
    assert [p["id"] for p in api["projects"]] == [network["local"]["id"]]


def test_hostile_postings_are_checked_like_our_own_and_nothing_runs(network):
    site, log = network["site"], network["result"].stderr
    titles = [row["title"] for row in read_board(site)]
    # the scripted posting is valid once its description is sanitised; its title is only ever text
    assert any(title.startswith("Scripted") for title in titles)
    for name in ("cheap", "plain-http", "elsewhere", "scheme", "no-title", "wrong-types"):
        assert not any(title.endswith(f" {name}") for title in titles), name
    assert "below this board's floor" in log
    assert "is not a page of 127.0.0.1" in log
    assert "not <organization-slug>/<project-slug>" in log
    for path in [*site.rglob("*.html"), site / "feed.xml"]:  # markup: the title is escaped, the rest sanitised
        text = path.read_text(encoding="utf-8")
        assert "<script>window.pwned" not in text and PWN not in text.replace("&lt;script&gt;" + PWN, ""), path
    # JSON carries the title as text; the description as sanitised HTML
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    item = next(item for item in feed["items"] if item["title"].startswith("Scripted"))
    assert item["title"] == f"Scripted </script><script>{PWN}</script> posting"
    assert PWN not in item["content_html"] and "<script" not in item["content_html"]
    assert not (site / "etc").exists() and not list(site.rglob("passwd*"))


def test_a_source_that_is_down_or_slow_is_left_out_and_the_build_says_which(network):
    log = network["result"].stderr
    assert "partner board Down College:" in log and "answered HTTP 500" in log
    assert "partner board Slow Institute:" in log and "did not answer within 1 seconds" in log
    assert network["seconds"] < 60  # the slow source costs its timeout, not the build


# ---------------------------------------------------------------- the cache and conditional requests


def test_the_last_good_copy_is_kept_asked_about_conditionally_and_used_when_the_source_fails(tmp_path):
    from generator.settings import Source
    from generator.sources import CACHED, FETCHED, MISSING, UNCHANGED, fetch

    _Partners.cached_body = json.dumps({"version": 1, "projects": [], "gather": True}).encode()
    _Partners.fail, _Partners.seen_conditional = False, []
    cache = tmp_path / ".microboard-cache" / "sources"
    with partners() as base:
        source = Source(base + "/cached/projects.json", "Cached Board", "cached")
        first = fetch(source, cache, 5)
        assert first.state == FETCHED and (cache / "cached.json").read_bytes() == _Partners.cached_body
        second = fetch(source, cache, 5)
        assert second.state == UNCHANGED and _Partners.seen_conditional == ['"v1"']
        _Partners.fail = True
        third = fetch(source, cache, 5)
        assert third.state == CACHED and third.feed == first.feed and "HTTP 503" in third.reason
        assert fetch(Source(base + "/down/projects.json", "Down", "down"), cache, 5).state == MISSING
        # broken data never replaces the last good copy
        _Partners.fail = False
        _Partners.cached_body = b'{"version": 1, "projects": "oops"'
        (cache / "cached.meta.json").write_text(json.dumps({"url": source.url, "fetched": "earlier"}))
        broken = fetch(source, cache, 5)
        assert broken.state == CACHED and broken.feed == first.feed and "not JSON" in broken.reason


def test_a_source_that_drips_sends_too_much_or_redirects_away_is_refused(tmp_path, monkeypatch):
    import generator.sources as sources
    from generator.settings import Source

    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    with partners() as base:
        started = time.monotonic()
        drip = sources.fetch(Source(base + "/drip/projects.json", "Drip", "drip"), tmp_path, 1)
        assert drip.state == sources.MISSING and "within 1 seconds" in drip.reason
        assert time.monotonic() - started < 3
        big = sources.fetch(Source(base + "/big/projects.json", "Big", "big"), tmp_path, 5)
        assert big.state == sources.MISSING and "too big" in big.reason
        away = sources.fetch(Source(base + "/redirect/projects.json", "Away", "away"), tmp_path, 5)
        assert away.state == sources.MISSING and "redirected" in away.reason
    assert list(tmp_path.iterdir()) == []  # nothing refused is kept as a last good copy


def test_a_gathered_organization_never_takes_the_place_of_a_local_one(network):
    import datetime as dt

    from generator.remote_postings import combine
    from generator.settings import load_settings
    from generator.sources import FETCHED, Outcome

    gatherer = network["gatherer"]
    settings = load_settings(gatherer)
    healthy = settings.sources[0]
    first = combine([Outcome(healthy, network["healthy"], FETCHED)], settings, [], gatherer, dt.date(2026, 11, 21))
    assert first.projects and all(p.org_slug.startswith("riverside-") and p.source for p in first.projects)
    # a board whose own folders happen to have those names keeps them; the gathered postings are left out
    again = combine([Outcome(healthy, network["healthy"], FETCHED)], settings, first.projects, gatherer,
                    dt.date(2026, 11, 21))
    assert again.projects == []
    assert any("would take the place of this board's own" in note.text for note in again.notes)


def test_a_board_that_asks_not_to_be_gathered_is_honoured(tmp_path):
    import datetime as dt

    from generator.remote_postings import combine
    from generator.settings import Settings, Source
    from generator.sources import FETCHED, Outcome

    feed = {"version": 1, "gather": False, "projects": [{"id": "a/b"}]}
    source = Source("https://partner.example/projects.json", "Partner", "partner")
    gathered = combine([Outcome(source, feed, FETCHED)], Settings(), [], ROOT, dt.date(2026, 11, 21))
    assert gathered.projects == []
    assert any("gather: false" in note.text for note in gathered.notes)


# ---------------------------------------------------------------- the setting


@pytest.mark.parametrize("entry, words", [
    ({"url": "http://partner.example/projects.json", "name": "P"}, "url must be the https:// address"),
    ({"url": "https://partner.example/projects.json"}, "name must be"),
    ({"url": "https://partner.example/projects.json", "name": "P", "fields": ["cooking"]}, "fields must be"),
    ({"url": "https://partner.example/projects.json", "name": "P", "countries": ["usa"]}, "countries must be"),
    ({"url": "https://partner.example/projects.json", "name": "P", "id": "../x"}, "id must be"),
    ({"url": "https://partner.example/projects.json", "name": "P", "filter": 1}, "unknown key 'filter'"),
    ("https://partner.example/projects.json", "each entry is a map"),
])
def test_a_bad_source_is_named_in_board_yml(tmp_path, entry, words):
    from generator.settings import SettingsError, load_board

    (tmp_path / "board.yml").write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    assert raised.value.key == "sources"
    assert str(raised.value).startswith("board.yml:") and words in str(raised.value)


@pytest.mark.parametrize("name", ["deploy.yml", "daily.yml"])
def test_the_deploy_workflows_keep_the_cache_folder_between_runs(name):
    from generator.settings import Settings

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@"))
    build = next(i for i, s in enumerate(steps) if "python -m generator build" in s.get("run", ""))
    assert cache < build
    assert steps[cache]["with"]["path"] == Settings().sources_cache
    assert steps[cache]["with"]["restore-keys"] and "${{ github.run_id }}" in steps[cache]["with"]["key"]


@pytest.mark.parametrize("body, words", [
    (b"[" * 100_000 + b"]" * 100_000, "not JSON"),
    (b"\xff\xfe{}", "not JSON"),
    (b'{"version": 1, "projects": {}}', "no list of projects"),
    (b'{"version": 2, "projects": []}', "version '2'"),
    (b'"just text"', "no list of projects"),
])
def test_a_projects_json_that_is_not_one_is_refused_with_its_reason(body, words):
    from generator.sources import SourceError, parse_feed

    with pytest.raises(SourceError, match=words):
        parse_feed(body)


def test_the_job_summary_names_each_sources_trouble_with_stranger_text_escaped(tmp_path):
    from generator.remote_postings import INFO, WARNING, Note, append_step_summary

    summary = tmp_path / "summary.md"
    notes = [Note(INFO, "Riverside University", "12 postings shown (fetched)"),
             Note(WARNING, "Hostile Board", "left out <img src=x onerror=alert(1)>: [click](javascript:x) @everyone")]
    assert append_step_summary(notes, {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Partner boards\n") and "Riverside" not in text
    assert "\\<img" in text and "<img" not in text.replace("\\<img", "") and "](javascript" not in text
    assert not append_step_summary(notes[:1], {"GITHUB_STEP_SUMMARY": str(tmp_path / "other.md")})
    assert not (tmp_path / "other.md").exists()


def test_a_sources_filter_keeps_only_what_it_names_and_an_earlier_source_wins(network):
    import dataclasses
    import datetime as dt

    from generator.remote_postings import combine
    from generator.settings import load_settings
    from generator.sources import FETCHED, Outcome

    gatherer, feed = network["gatherer"], network["healthy"]
    settings = load_settings(gatherer)
    healthy = settings.sources[0]
    picky = dataclasses.replace(healthy, id="picky", fields=("data", "design"), remote_only=True)
    kept = combine([Outcome(picky, feed, FETCHED)], settings, [], gatherer, dt.date(2026, 11, 21)).projects
    expected = {p["title"] for p in feed["projects"] if p["field"] in ("data", "design")
                and p["location"]["type"] == "remote"}
    assert expected and {p.title for p in kept} == expected
    us = dataclasses.replace(healthy, id="us", countries=("US",))
    for project in combine([Outcome(us, feed, FETCHED)], settings, [], gatherer, dt.date(2026, 11, 21)).projects:
        assert "US" in {project.country, *project.countries} or (project.remote and not project.countries
                                                                 and not project.country)
    # the same board listed twice: every posting is shown once, from the first
    twice = combine([Outcome(healthy, feed, FETCHED), Outcome(picky, feed, FETCHED)], settings, [], gatherer,
                    dt.date(2026, 11, 21)).projects
    assert len(twice) == len({p.title for p in twice}) and all(p.org_slug.startswith("riverside-") for p in twice)


def test_a_source_is_asked_for_gzip_and_its_answer_unpacked_as_it_arrives(tmp_path, network):
    from generator.settings import Source
    from generator.sources import FETCHED, fetch

    _Partners.plain_body = json.dumps(network["healthy"]).encode()
    _Partners.asked_encodings.clear()
    _Partners.sent_bytes.clear()
    with partners() as base:
        got = fetch(Source(base + "/pages/projects.json", "Pages", "pages"), tmp_path, 5)
    assert got.state == FETCHED and got.feed == network["healthy"]
    assert _Partners.asked_encodings == ["gzip"]
    assert _Partners.sent_bytes[0] * 2 < len(_Partners.plain_body)  # what crossed the wire: a third, here
    assert (tmp_path / "pages.json").read_bytes() == _Partners.plain_body  # the copy kept is the unpacked one
    with partners() as base:
        other_name = fetch(Source(base + "/x-gzip/projects.json", "Old server", "old"), tmp_path, 5)
    assert other_name.state == FETCHED and other_name.feed == {"version": 1, "projects": []}


def test_an_answer_that_unpacks_past_the_cap_is_refused_as_it_unpacks(tmp_path, monkeypatch):
    import generator.sources as sources
    from generator.settings import Source

    monkeypatch.setattr(sources, "MAX_BYTES", 4 * 1024 * 1024)
    packed = bomb()
    assert len(packed) < 1_000_000 < sources.MAX_BYTES
    with partners() as base:
        tracemalloc.start()
        try:
            got = sources.fetch(Source(base + "/bomb/projects.json", "Bomb", "bomb"), tmp_path, 30)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert got.state == sources.MISSING and "too big" in got.reason and "unpacked" in got.reason
    assert peak < 4 * sources.MAX_BYTES  # the cap and a piece past it, never the whole 300 MB
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path, words", [("cut-gzip", "cut short"), ("not-gzip", "not gzip"),
                                         ("brotli", "encoding it was not asked for")])
def test_a_broken_or_unasked_encoding_is_refused_with_its_reason(tmp_path, path, words):
    from generator.settings import Source
    from generator.sources import MISSING, fetch

    with partners() as base:
        got = fetch(Source(f"{base}/{path}/projects.json", "Odd", "odd"), tmp_path, 5)
    assert got.state == MISSING and words in got.reason, got.reason


def test_any_board_github_pages_can_hold_can_be_gathered(network):
    import generator.sources as sources
    from benchmarks.figures import largest_board

    largest = largest_board(json.loads((ROOT / "docs" / "benchmarks.json").read_text())["results"])
    feed = network["healthy"]
    per_posting = len(json.dumps(feed).encode()) / len(feed["projects"])
    assert 50_000 < largest <= sources.MAX_POSTINGS
    assert largest * per_posting * 1.25 <= sources.MAX_BYTES, (largest, per_posting)  # with room for longer texts
