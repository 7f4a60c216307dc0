"""`python -m generator build --engine zensical`: the same board, published by Zensical instead of MkDocs.

Zensical runs none of a project's own plugins, so the board cannot be a Zensical plugin. Instead
this adapter stages a build tree that Zensical builds as it is:

- the board's `mkdocs.yml`, copied with the Microboard plugin taken out, `docs_dir` pointing at
  the staged pages, the package's templates as the theme's custom_dir (the site's own overrides on
  top), board.yml's site settings and navigation applied, and the board's stylesheet added;
- `docs/` and the operator's `pages/` copied in, and each generated page as a Markdown file whose
  front matter carries the page meta (title, description, robots, feeds, search) and
  whose body is only a marked placeholder: the short text the site search should index.

After Zensical has built the site, each placeholder is replaced by the page's finished HTML,
exactly as the core rendered it (so no posting text ever passes through Markdown, as with MkDocs),
and the data files and assets are written beside the pages. The posting, organization, field and
skill pages are complete documents (generator/site/document.py): Zensical never sees them; they are
written into its finished site, one at a time, and added to its sitemap and search index.
"""

from __future__ import annotations

import dataclasses
import html
import http.server
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from generator.settings import PROJECTS_ENV, TODAY_ENV, SettingsError, load_board
from generator.site.assemble import (STYLESHEET, TEMPLATES, Assembly, asset_files, assemble, board_inputs,
                                     operator_pages)
from generator.exit_codes import EXIT_OK, EXIT_PROBLEMS
from generator.github_server import server_url
from generator.site import document
from generator.site.outputs import DOCUMENT, PAGE, Output, SiteOptions
from generator.labels import SAVED_WORDS
from generator.site.saved import SAVED_WORDS_KEY

ENGINE = "zensical"
STAGE_META = ("title", "description", "robots", "hide", "search", "feeds")


class ZensicalError(RuntimeError):
    """Zensical is missing or failed; the message says what to do."""


# ---------------------------------------------------------------- mkdocs.yml, tags kept


class _Tagged:
    """A YAML value with a tag this adapter must pass on untouched (`!!python/name:...`, `!ENV`)."""

    def __init__(self, tag: str, node: yaml.Node, loader: yaml.SafeLoader) -> None:
        self.tag = tag
        if isinstance(node, yaml.ScalarNode):
            self.value: Any = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            self.value = loader.construct_sequence(node, deep=True)
        else:
            self.value = loader.construct_mapping(node, deep=True)


class _KeepTags(yaml.SafeLoader):
    pass


_KeepTags.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node, loader))
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/",
                                lambda loader, suffix, node: _Tagged("tag:yaml.org,2002:python/" + suffix, node,
                                                                     loader))


class _WriteTags(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, item: _Tagged) -> yaml.Node:
    if isinstance(item.value, list):
        return dumper.represent_sequence(item.tag, item.value)
    if isinstance(item.value, dict):
        return dumper.represent_mapping(item.tag, item.value)
    return dumper.represent_scalar(item.tag, item.value)


_WriteTags.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepTags) or {}
    if not isinstance(config, dict):
        raise ZensicalError(f"{path} does not hold a mapping of settings")
    return config


def staged_config(config: dict[str, Any], stage: Path, board: Any, overrides: Path) -> dict[str, Any]:
    """The board's configuration for Zensical: no Microboard plugin, staged docs, our templates, board.yml applied."""
    staged = dict(config)
    # paths relative to the staged mkdocs.yml: Zensical wants both folders inside the project
    staged["docs_dir"] = "docs"
    staged["site_dir"] = "site"
    staged["plugins"] = [entry for entry in config.get("plugins") or []
                         if entry != "microboard" and not (isinstance(entry, dict) and "microboard" in entry)]
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = overrides.relative_to(stage).as_posix()
    theme.setdefault("variant", "classic")  # Material's look, which the board's colours are checked against
    staged["theme"] = theme
    staged["extra_css"] = [*(config.get("extra_css") or []), STYLESHEET]
    staged["extra"] = {**(config.get("extra") or {}), SAVED_WORDS_KEY: SAVED_WORDS}
    staged.update(board.site)
    if board.nav and config.get("nav") is not None:
        staged["nav"] = [*config["nav"], *board.nav]
    staged.pop("hooks", None)
    return staged


# ---------------------------------------------------------------- staging


class _Text(HTMLParser):
    """The visible text of a page, for the site search of pages that give no short search text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def _search_text(output: Output) -> str:
    short = output.meta.get("search_html")
    if short is not None:
        return str(short)
    parser = _Text()
    parser.feed(str(output.content))
    return f"<p>{html.escape(' '.join(parser.parts))}</p>"


def markers(token: str) -> tuple[str, str]:
    # "<h1" inside the opening marker keeps the theme from adding a title heading: the page has its own
    return f"<!--microboard-page {token} (the page's own <h1> is put here)-->", f"<!--/microboard-page {token}-->"


def staged_page(output: Output, token: str) -> str:
    meta = {key: output.meta[key] for key in STAGE_META if key in output.meta}
    start, end = markers(token)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{start}\n{_search_text(output)}\n{end}\n"


html_path = document.target_of  # where an engine writes the page given as `a/b.md` or `a/index.md`


def stage(built: Assembly, root: Path, stage_dir: Path, token: str) -> None:
    docs = stage_dir / "docs"
    source = root / "docs"
    if source.is_dir():
        shutil.copytree(source, docs, symlinks=False, ignore=shutil.ignore_patterns(".*"))
    docs.mkdir(parents=True, exist_ok=True)
    for relative, path in operator_pages(root):
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for output in built.outputs:
        if output.kind != PAGE:
            continue
        target = docs / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(staged_page(output, token), encoding="utf-8")


def theme_overrides(stage_dir: Path, custom_dir: Path | None) -> Path:
    """The package's templates, with the site's own custom_dir copied over them (a site override wins)."""
    overrides = stage_dir / "overrides"
    shutil.copytree(TEMPLATES, overrides)
    if custom_dir is not None and custom_dir.is_dir():
        shutil.copytree(custom_dir, overrides, dirs_exist_ok=True)
    return overrides


def finish(built: Assembly, site_dir: Path, token: str, directory_urls: bool, options: SiteOptions) -> None:
    """Put each page's real body in place of its placeholder, then write the documents, data files and assets."""
    start, end = markers(token)
    region = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    for output in built.outputs:
        if output.kind == PAGE:
            target = site_dir / html_path(output.path, directory_urls)
            text = target.read_text(encoding="utf-8")
            body = str(output.content)
            text, found = region.subn(lambda _match: body, text, count=1)
            if not found:
                raise ZensicalError(f"Zensical's page {target} lost the board's placeholder; the board was not built")
            target.write_text(text, encoding="utf-8")
        elif output.kind != DOCUMENT:
            _write(site_dir / output.path, output.content)
    documents = document.documents(built.outputs)
    document.write(site_dir, documents)
    document.add_to_sitemap(site_dir, documents, options, built.today)
    document.add_to_search(site_dir, documents, directory_urls)
    for relative, path in asset_files():
        target = site_dir / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def publish(built_site: Path, target: Path, root: Path) -> None:
    """Move the finished site to `target`, replacing what an earlier build left there (as mkdocs build does)."""
    target = target.resolve()
    if target == root or target in root.parents or target == Path(target.anchor):
        raise ZensicalError(f"the site folder {target} holds the board itself; choose another --site-dir")
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built_site), str(target))


def _write(target: Path, content: str | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


# ---------------------------------------------------------------- the build


def zensical_command() -> list[str]:
    try:
        import zensical  # noqa: F401
    except ImportError:
        raise ZensicalError("Zensical is not installed: pip install zensical (or pip install -e '.[zensical]')") from None
    return [sys.executable, "-m", "zensical"]


def build_with_zensical(root: Path = Path("."), *, site_dir: str | None = None, today: str | None = None,
                        strict: bool = False, config_file: str = "mkdocs.yml", report: str | None = None,
                        projects: str | None = None, quiet: bool = False) -> int:
    """Build the board with Zensical into `site_dir` (default: mkdocs.yml's site_dir, or site/)."""
    from generator.site.publishable import append_step_summary, write_report
    from generator.site_size import tell_size

    root = Path(root).resolve()
    config_path = Path(config_file) if Path(config_file).is_absolute() else root / config_file
    if not config_path.is_file():
        print(f"error: no {config_path} here; run from the board's folder or give --root", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        command = zensical_command()
        board = load_board(root, config_path.name)
        settings = board.settings.with_today(today or os.environ.get(TODAY_ENV)).with_projects(
            projects or os.environ.get(PROJECTS_ENV), root)
        config = read_config(config_path)
        target = Path(site_dir or config.get("site_dir") or "site")
        target = target if target.is_absolute() else (root / target if not site_dir else target.resolve())
        directory_urls = bool(config.get("use_directory_urls", True))
        custom = (config.get("theme") or {}).get("custom_dir")
        options = SiteOptions(site_url=board.site.get("site_url") or config.get("site_url") or None,
                              site_name=board.site.get("site_name") or config.get("site_name") or "Microboard",
                              directory_urls=directory_urls,
                              template_dirs=(root / custom,) if custom else (),
                              schema_path=root / "schema" / "project.schema.json", github_url=server_url(),
                              top_links=document.nav_links(
                                  [*config["nav"], *board.nav] if config.get("nav") is not None else None,
                                  directory_urls))
        built = assemble(root, settings, options, site_settings=dataclasses.replace(
            settings, projects_dir=board.settings.projects_dir))
    except (SettingsError, ZensicalError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    selection = built.selection
    if built.notes:  # partner boards never fail the build: what happened is said, as with MkDocs
        from generator.remote_postings import WARNING, append_step_summary as append_notes

        for note in built.notes:
            level = "WARNING" if note.level == WARNING and not (strict or settings.strict) else "INFO   "
            print(f"{level} -  microboard: partner board {note.source}: {note.text}", file=sys.stderr)
        append_notes(built.notes)
    if selection.left_out:
        append_step_summary(selection, strict or settings.strict)
        for item in selection.left_out:
            print(f"WARNING -  microboard: {item.file} is left out of the site: it has {len(item.problems)} error(s)",
                  file=sys.stderr)
        if strict or settings.strict:
            print("error: the postings have errors, so the site was not built (strict build)", file=sys.stderr)
            if report:
                write_report(Path(report), selection, 0)
            return EXIT_PROBLEMS
    token = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix="microboard-zensical-") as tmp:
        stage_dir = Path(tmp)
        stage(built, root, stage_dir, token)
        overrides = theme_overrides(stage_dir, root / custom if custom else None)
        staged = staged_config(config, stage_dir, board, overrides)
        staged_file = stage_dir / "mkdocs.yml"
        staged_file.write_text(yaml.dump(staged, Dumper=_WriteTags, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
        done = subprocess.run([*command, "build", "--clean", "--config-file", str(staged_file)], cwd=stage_dir,
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            print("error: Zensical could not build the board", file=sys.stderr)
            if report:
                write_report(Path(report), selection, 0)
            return EXIT_PROBLEMS
        try:
            finish(built, stage_dir / "site", token, directory_urls, options)
            publish(stage_dir / "site", target, root)
        except ZensicalError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
    if not quiet:
        print(f"INFO    -  microboard: {len(selection.projects)} postings, "
              f"{sum(p.is_open(built.today) for p in selection.projects)} open on {built.today.isoformat()}; "
              f"built with Zensical into {target}", file=sys.stderr)
    built_bytes = tell_size(target)
    if report:
        write_report(Path(report), selection, built_bytes)
    return EXIT_OK


# ---------------------------------------------------------------- serve


def _fingerprint(paths: list[Path]) -> tuple:
    """Names, sizes and times of everything a build reads, to notice an edit without a watcher library."""
    seen = []
    for path in paths:
        found = [path] if path.is_file() else (sorted(path.rglob("*")) if path.is_dir() else [])
        for item in found:
            if item.is_file():
                stat = item.stat()
                seen.append((str(item), stat.st_size, stat.st_mtime_ns))
    return tuple(seen)


def serve_with_zensical(root: Path = Path("."), *, dev_addr: str | None = None, today: str | None = None,
                        config_file: str = "mkdocs.yml", projects: str | None = None,
                        poll_seconds: float = 1.0) -> int:
    """Build with Zensical, serve the site on `dev_addr`, and rebuild when a posting, page or setting changes."""
    import functools
    import threading
    import time

    root = Path(root).resolve()
    host, _, port = (dev_addr or "127.0.0.1:8000").rpartition(":")
    with tempfile.TemporaryDirectory(prefix="microboard-serve-") as tmp:
        site = Path(tmp) / "site"
        if build_with_zensical(root, site_dir=str(site), today=today, config_file=config_file, projects=projects) != EXIT_OK:
            return EXIT_PROBLEMS
        handler = functools.partial(_QuietFiles, directory=str(site))
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port or 8000)), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"INFO    -  Serving the board (Zensical) on http://{host or '127.0.0.1'}:{server.server_address[1]}/",
              file=sys.stderr)
        settings = load_board(root, config_file).settings.with_projects(projects, root)
        # the board's own inputs, and what the engine reads itself: docs, its config, the theme's overrides
        watched = board_inputs(root, settings) + [root / "docs", root / config_file, root / "overrides"]
        seen = _fingerprint(watched)
        try:
            while True:
                time.sleep(poll_seconds)
                now = _fingerprint(watched)
                if now != seen:
                    seen = now
                    print("INFO    -  A file changed: rebuilding", file=sys.stderr)
                    build_with_zensical(root, site_dir=str(site), today=today, config_file=config_file, projects=projects)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
    return EXIT_OK


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
