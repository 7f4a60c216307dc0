"""The MkDocs plugin: a thin adapter that hands the core's pages and files to MkDocs.

Posting text never reaches MkDocs' Markdown: each generated page is an empty Markdown
file whose rendered body is replaced, in on_page_content, by the core's finished HTML
(trusted templates around sanitised posting HTML). Page meta drives the head partial
(robots, feed links) through the theme's extrahead block.

The posting, organization, field and skill pages are complete documents (generator/site/document.py):
MkDocs never sees them as pages; they are written one at a time after MkDocs' own build, and added
to its sitemap and search index.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.github_server import server_url
from generator.problems import Problem
from generator.report import as_text
from generator.samples import SAMPLES_DIR
from generator.settings import (PAGES_DIR, PROJECTS_ENV, TODAY_ENV, Settings, SettingsError,
                                load_board)
from generator.site.assemble import STYLESHEET, TEMPLATES, asset_files, assemble, board_inputs, operator_pages
from generator.site import document
from generator.site.outputs import DOCUMENT, PAGE, Output, SiteOptions
from generator.site.publishable import Selection, append_step_summary
from generator.labels import SAVED_WORDS
from generator.site.saved import SAVED_WORDS_KEY

log = get_plugin_logger("microboard")

# Page meta the core gives the adapter, not the theme.
ADAPTER_META = {"search_html"}
# The site handles these by design (an expired posting shows as closed); they must not fail --strict.
QUIET_CODES = {"apply-by-passed"}


class _Anything(c.BaseConfigOption):
    """Passes the value on; Settings.from_mapping checks it and says what is wrong."""

    def run_validation(self, value: object) -> object:
        return value


# One option per Settings field, so the plugin accepts exactly what Settings knows.
MicroboardConfig = type("MicroboardConfig", (base.Config,),
                        {f.name: c.Optional(_Anything()) for f in dataclasses.fields(Settings)})


class MicroboardPlugin(BasePlugin[MicroboardConfig]):  # type: ignore[valid-type]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings = Settings()
        # board.yml's projects_dir: where the web form proposes postings, whatever folder --projects reads
        self.repository_projects_dir = self.settings.projects_dir
        self.root = Path(".")
        self.command = "build"
        self.pages: dict[str, Output] = {}
        self.bodies: dict[str, str] = {}
        self.documents: list[Output] = []
        self.today = None
        self.selection: Selection | None = None  # what the last build published and left out

    # -- configuration

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.settings = self._load_board(config)
        dirs = config.theme.dirs
        if str(TEMPLATES) not in dirs:  # after the site's custom_dir, so a site override wins
            dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        config.extra[SAVED_WORDS_KEY] = SAVED_WORDS  # the words head.html hands to saved.js
        return config

    def _load_board(self, config: MkDocsConfig) -> Settings:
        """board.yml's settings, and its site name, description and address applied to MkDocs' config."""
        try:
            board = load_board(self.root, config.config_file_path or "mkdocs.yml")
            # `python -m generator build --today` and `--projects` hand their choices over through the environment
            settings = board.settings.with_today(os.environ.get(TODAY_ENV)).with_projects(
                os.environ.get(PROJECTS_ENV), self.root)
        except SettingsError as exc:
            raise PluginError(f"microboard: {exc}") from None
        self.repository_projects_dir = board.settings.projects_dir
        if board.leftovers:
            log.info(board.migration_note(config.config_file_path or "mkdocs.yml"))
        for key, value in board.site.items():
            if key == "site_url" and self.command == "serve":
                continue  # `mkdocs serve` points site_url at the local server
            config[key] = value
        if board.nav and config.nav is not None:  # without a nav, MkDocs lists every page anyway
            config.nav = [*config.nav, *board.nav]
        return settings

    def site_options(self, config: MkDocsConfig) -> SiteOptions:
        custom = config.theme.custom_dir
        schema = self.root / "schema" / "project.schema.json"
        return SiteOptions(site_url=config.site_url or None, site_name=config.site_name,
                           directory_urls=config.use_directory_urls,
                           template_dirs=(Path(custom),) if custom else (), schema_path=schema,
                           github_url=server_url(),
                           top_links=document.nav_links(config.nav, config.use_directory_urls))

    # -- files

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            # the site's links (the web form) name board.yml's projects_dir, whatever folder --projects reads
            built = assemble(self.root, self.settings, self.site_options(config),
                             site_settings=dataclasses.replace(self.settings,
                                                               projects_dir=self.repository_projects_dir))
        except SettingsError as exc:
            raise PluginError(f"microboard: {exc}") from None
        if built.postings.samples:
            log.info(f"{self.settings.projects_dir}/ holds no posting yet, so the board shows the sample postings "
                     f"from {SAMPLES_DIR}/{self.settings.projects_dir}/; they leave the board with the first posting")
        self.selection = selection = built.selection
        self._tell_left_out(selection, strict=bool(config.strict or self.settings.strict))
        for problem in selection.warnings:
            (log.info if problem.code in QUIET_CODES else log.warning)(_problem_text(problem))
        self._tell_gathered(built.notes, strict=bool(config.strict or self.settings.strict))
        self._add_operator_pages(files, config)
        self.pages, self.bodies, self.documents, self.today = {}, {}, [], built.today
        for output in built.outputs:
            self._add(files, output, config)
        self._add_assets(files, config)
        log.info(f"{len(selection.projects)} postings, {sum(p.is_open(built.today) for p in selection.projects)} "
                 f"open on {built.today.isoformat()}")
        return files

    def _tell_gathered(self, notes: list, strict: bool) -> None:
        """What went wrong with a partner board (board.yml `sources`). A source never fails the build, strict or
        not: it is logged (as information in a strict build, whose warnings would fail it), and its last good
        copy is used or its postings are left out."""
        if not notes:
            return
        from generator.remote_postings import WARNING, append_step_summary

        for note in notes:
            (log.warning if note.level == WARNING and not strict else log.info)(
                f"partner board {note.source}: {note.text}")
        append_step_summary(notes)

    def _tell_left_out(self, selection: Selection, strict: bool) -> None:
        """A posting with errors is left out with a warning, or, in a strict build, fails the build."""
        if not selection.left_out:
            return
        append_step_summary(selection, strict)
        problems = [problem for item in selection.left_out for problem in item.problems]
        if strict:
            raise PluginError("microboard: the postings have errors, so the site was not built (strict build).\n"
                              + as_text(len(selection.left_out), problems).rstrip())
        for item in selection.left_out:
            log.warning(f"{item.file} is left out of the site: it has {len(item.problems)} error(s)\n"
                        + "\n".join(_problem_text(problem) for problem in item.problems))

    def _add(self, files: Files, output: Output, config: MkDocsConfig) -> None:
        existing = files.get_file_from_path(output.path)
        if existing is not None:
            # docs/index.md only stops engines that cannot build the board (see docs/operators/zensical.md)
            (log.debug if output.path == "index.md" else log.info)(
                f"{output.path} is generated by Microboard; the file in the docs folder is not used")
            files.remove(existing)
        if output.kind == DOCUMENT:
            # written in on_post_build, one at a time; a docs file that would land on the same file gives way
            markdown = files.get_file_from_path(output.path[: -len(".html")] + ".md")
            if markdown is not None and markdown.dest_uri == output.path:
                files.remove(markdown)
            self.documents.append(output)
        elif output.kind == PAGE:
            inclusion = InclusionLevel.INCLUDED if output.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, output.path, content="", inclusion=inclusion))
            self.pages[output.path] = output
        else:
            files.append(File.generated(config, output.path, content=output.content))

    def _add_operator_pages(self, files: Files, config: MkDocsConfig) -> None:
        """The operator's pages/ folder: added to the site; a page at the same path as one in docs/ replaces it."""
        for relative, path in operator_pages(self.root):
            existing = files.get_file_from_path(relative)
            if existing is not None:
                log.debug(f"{PAGES_DIR}/{relative} replaces docs/{relative}")
                files.remove(existing)
            files.append(File(relative, str(self.root / PAGES_DIR), config.site_dir, config.use_directory_urls))

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The board's script and styles, unless the site ships its own at the same path (docs or theme)."""
        for target, path in asset_files():
            if files.get_file_from_path(target) is None:
                files.append(File.generated(config, target, abs_src_path=str(path)))

    # -- pages

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        output = self.pages.get(page.file.src_uri)
        if output is None:
            return markdown
        page.meta.update({key: (list(value) if isinstance(value, list) else value)
                          for key, value in output.meta.items() if key not in ADAPTER_META})
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        output = self.pages.pop(page.file.src_uri, None)
        if output is None:
            return html
        short = output.meta.get("search_html")
        if short is None:
            return str(output.content)
        # The search plugin indexes page.content in on_page_context: give it the short text,
        # then put the real body back once it has run (parsing whole pages is most of its cost).
        self.bodies[page.file.src_uri] = str(output.content)
        return str(short)

    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            page.content = body
        return context

    # -- documents

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        document.write(site_dir, self.documents)
        options = self.site_options(config)
        document.add_to_sitemap(site_dir, self.documents, options, self.today)
        document.add_to_search(site_dir, self.documents, config.use_directory_urls)
        self.documents = []

    # -- serve

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in board_inputs(self.root, self.settings):
            if folder.exists():
                server.watch(str(folder))
        return server


def _problem_text(problem: Problem) -> str:
    """One problem as the terminal reporter prints it, without the count line."""
    return "\n".join(as_text(1, [problem]).splitlines()[:-1])
