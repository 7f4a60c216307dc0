"""Helpers for the site tests: copy a board, build it with the real mkdocs, read what it wrote, serve it.

Imported by tests/test_site_*.py and tests/test_board_browser.py (not a conftest: others own that).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = dt.date(2026, 11, 21)
# The test board's settings: the suite never reads the live board.yml or projects/, which are the operator's.
TEST_BOARD_SETTINGS = ROOT / "tests" / "data" / "board.yml"


def _nav_docs() -> tuple[str, ...]:
    """The hand-written pages the repository's nav names (the board's own pages are generated)."""
    import yaml

    from generator.settings import _ConfigLoader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    found: list[str] = []

    def walk(entry) -> None:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for value in entry:
                walk(value)

    walk(config.get("nav") or [])
    return tuple(page for page in found if page.endswith(".md") and (ROOT / "docs" / page).is_file())


# Pages the repository's nav names; a copied board gets a stub for each, so links elsewhere do not matter.
NAV_DOCS = _nav_docs()
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def add_fake_postings(board: Path, count: int, seed: int) -> None:
    """`python -m generator fake` into the board's projects/, posted around BUILD_DATE."""
    result = subprocess.run([sys.executable, "-m", "generator", "fake", "--count", str(count), "--out",
                             str(board / "projects"), "--seed", str(seed), "--today", BUILD_DATE.isoformat()],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def samples_and_fakes_site(folder: Path, count: int, seed: int, more=None) -> Path:
    """The sample postings plus `count` fake ones (and whatever `more(board)` adds), built into folder/site."""
    board = copy_board(folder / "board")
    add_fake_postings(board, count, seed=seed)
    if more:
        more(board)
    site = folder / "site"
    built(mkdocs_build(board, site, strict=False))
    return site


def copy_board(target: Path, *, projects: bool = True, stub_docs: bool = True, samples: bool = False) -> Path:
    """A copy of the repository's board (mkdocs.yml, board.yml, docs/, schema/).

    `projects=True` puts the sample postings in projects/, as postings of the board's own (so postings added
    beside them are shown with them); `samples=True` copies samples/ itself, shown while projects/ is empty.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(TEST_BOARD_SETTINGS, target / "board.yml")
    shutil.copytree(ROOT / "docs", target / "docs", dirs_exist_ok=True)
    if (ROOT / "schema").is_dir():
        shutil.copytree(ROOT / "schema", target / "schema", dirs_exist_ok=True)
    if samples:
        shutil.copytree(ROOT / "samples", target / "samples", dirs_exist_ok=True)
    if projects:
        shutil.copytree(ROOT / "samples" / "projects", target / "projects", dirs_exist_ok=True)
    (target / "projects").mkdir(exist_ok=True)
    if stub_docs:
        # A copied board is built alone: other docs pages' links are not what these tests are about.
        for page in (target / "docs").rglob("*.md"):
            if page.relative_to(target / "docs").as_posix() not in NAV_DOCS and page.name != "index.md":
                page.unlink()
        for name in NAV_DOCS:
            page = target / "docs" / name
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {Path(name).stem.capitalize()}\n\nPlaceholder for the site tests.\n",
                            encoding="utf-8")
    return target


def sample_board(target: Path) -> Path:
    """The sample board as a fresh fork shows it: every docs page, samples/, the test settings, no postings."""
    return copy_board(target, projects=False, stub_docs=False, samples=True)


def mkdocs_build(board: Path, site: Path, today: dt.date = BUILD_DATE, strict: bool = True,
                 config: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` as an operator runs it, in a subprocess."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config or board / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    # a test's left-out postings belong in its own output, not in the summary of the CI job running the tests
    env = {**{k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
           "MICROBOARD_TODAY": today.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=board, env=env, capture_output=True, text=True, timeout=600)


def built(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"


def fake_board(target: Path, count: int, seed: int = 3, today: dt.date = BUILD_DATE) -> Path:
    board = copy_board(target, projects=False)
    result = subprocess.run([sys.executable, "-m", "generator", "fake", "--count", str(count), "--out",
                             str(board / "projects"), "--seed", str(seed), "--today", today.isoformat()],
                            cwd=board, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return board


def load_open_keys(board: Path, today: dt.date = BUILD_DATE) -> tuple[set[str], set[str]]:
    """(open, not open) posting keys, as the model decides them."""
    from generator.samples import board_postings
    from generator.settings import load_settings
    from generator.validate import validate_paths

    settings = load_settings(board)
    result = validate_paths(board_postings(board, settings).targets, settings, board)
    assert result.ok, [p.message for p in result.errors]
    open_keys = {p.key for p in result.projects if p.is_open(today)}
    return open_keys, {p.key for p in result.projects} - open_keys


# ---------------------------------------------------------------- reading HTML


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class PageParse:
    elements: list[Element] = field(default_factory=list)
    scripts: list[Element] = field(default_factory=list)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in (e.attrs.get("class") or "").split()]



class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = PageParse()
        self._script: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.result.elements.append(element)
        if tag == "script":
            self._script = element
            self.result.scripts.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data


def parse_html(path: Path) -> PageParse:
    parser = _Parser()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    parser.close()
    return parser.result


def job_postings(page: Path | str) -> list[dict]:
    """The schema.org JobPostings a search engine reads in a page's Microdata (extruct's parser), each as a dict
    in JSON-LD's shape: `@type`, then the properties, nested items as dicts, a repeated property as a list."""
    import extruct

    text = page.read_text(encoding="utf-8") if isinstance(page, Path) else page
    items = extruct.extract(text, syntaxes=["microdata"], uniform=True)["microdata"]
    return [item for item in items if item.get("@type") == "JobPosting"]


def page_path(site: Path, url_path: str) -> Path:
    return site / url_path / "index.html"


# ---------------------------------------------------------------- serving and a browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, from a stdlib server in a thread; yields the base URL."""
    yield from serve_with(functools.partial(_QuietHandler, directory=str(site)))


def serve_with(handler) -> Iterator[str]:
    """A stdlib server on 127.0.0.1 answering with `handler`, in a thread; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _OnBuildDay:
    """A browser whose pages start on BUILD_DATE, the day the test boards are built.

    The board's scripts judge deadlines by the visitor's own day, so a page on the real clock would see
    the sample postings close as real time passes. A test that plays another day sets its own clock."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def __getattr__(self, name: str):
        return getattr(self._browser, name)

    def new_page(self, *args, **kwargs):
        page = self._browser.new_page(*args, **kwargs)
        page.clock.install(time=BUILD_NOON)  # time runs on from there: the theme's timers need it to
        return page

    def new_context(self, *args, **kwargs):
        context = self._browser.new_context(*args, **kwargs)
        context.clock.install(time=BUILD_NOON)
        return context


BUILD_NOON = dt.datetime.combine(BUILD_DATE, dt.time(12), tzinfo=dt.timezone.utc)


def settled(locator, reads: int = 3) -> dict:
    """Scroll to `locator` and wait until it has stayed put for `reads` looks 100 ms apart; its box then.

    The board's cards below the fold keep an estimated height until they come near the screen
    (`content-visibility: auto`). Scrolling straight to something among or below them (a card, the pager,
    "Show more") renders the cards around it, which moves it a frame or two later; a click aimed before that lands
    beside it when the machine is busy. A reader sees the page settle before tapping, and so does this."""
    locator.scroll_into_view_if_needed()
    boxes = [locator.bounding_box()]
    while len(boxes) < reads or len({str(box) for box in boxes[-reads:]}) > 1:
        locator.page.wait_for_timeout(100)
        boxes.append(locator.bounding_box())
        assert len(boxes) < 100, f"{locator} kept moving: {boxes[-3:]}"
    return boxes[-1]


def click_settled(locator) -> None:
    settled(locator)
    locator.click()


def launch_chromium(playwright):
    """Debian's Chromium, its pages on the build day; a missing browser fails the test (it is never skipped)."""
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is required for the browser tests (apt-get install chromium)"
    return _OnBuildDay(playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS))


def pages_tar_bytes(site: Path) -> int:
    """The size of the archive upload-pages-artifact makes (its own tar command), written to a pipe."""
    tar = subprocess.Popen(["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", "-",
                            "--exclude=.git", "--exclude=.github", "."], stdout=subprocess.PIPE)
    size = 0
    while chunk := tar.stdout.read(1 << 20):
        size += len(chunk)
    assert tar.wait() == 0
    return size
