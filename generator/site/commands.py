"""`python -m generator build` and `serve`: MkDocs run through its Python API with the board's mkdocs.yml.

The MkDocs plugin does the work; this only loads the configuration, applies the command
line's choices, and turns MkDocs' failures into a message and an exit code.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.exit_codes import EXIT_OK, EXIT_PROBLEMS
from generator.settings import PROJECTS_ENV, TODAY_ENV, SettingsError, load_board


def _log_to_terminal(verbose: bool = False) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_microboard", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._microboard = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _config_file(root: Path, config_file: str) -> Path:
    path = Path(config_file)
    return path if path.is_absolute() else Path(root) / path


@contextlib.contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    """Set the variables that are given for the length of one build or serve, then put back what was there."""
    given = {key: value for key, value in values.items() if value}
    before = {key: os.environ.get(key) for key in given}
    os.environ.update(given)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_site(root: Path = Path("."), *, site_dir: str | None = None, today: str | None = None,
               strict: bool = False, config_file: str = "mkdocs.yml", report: str | None = None,
               projects: str | None = None) -> int:
    """Build the site as `mkdocs build` would; `today` (YYYY-MM-DD) overrides every other build date, and
    `projects` names the folder of postings to publish instead of board.yml's projects_dir.

    A posting with errors is left out with a warning (strict: the build fails); `report` names a file
    for the build report (generator.site.publishable.report_data), written whether the build succeeds or not.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    _log_to_terminal()
    path = _config_file(root, config_file)
    if not path.is_file():
        print(f"error: no {path} here; run from the board's folder or give --root", file=sys.stderr)
        return EXIT_PROBLEMS
    overrides = {"strict": True} if strict else {}
    if site_dir:
        overrides["site_dir"] = str(Path(site_dir).resolve())
    plugin = None
    try:
        with _environment({TODAY_ENV: today, PROJECTS_ENV: projects}):
            config = load_config(config_file=str(path), **overrides)
            plugin = config.plugins.get("microboard")
            build(config)
    except Abort as exc:
        print(f"error: {exc}", file=sys.stderr)
        _write_report(report, plugin)
        return EXIT_PROBLEMS
    except (ConfigurationError, MkDocsException) as exc:
        print(f"error: {exc}", file=sys.stderr)
        _write_report(report, plugin)
        return EXIT_PROBLEMS
    from generator.site_size import tell_size

    built = tell_size(Path(config.site_dir))
    _write_report(report, plugin, built)
    return EXIT_OK


def _write_report(report: str | None, plugin: object, built_bytes: int = 0) -> None:
    """The build report; site_bytes is 0 when no site was built."""
    if not report:
        return
    from generator.site.publishable import write_report

    write_report(Path(report), getattr(plugin, "selection", None), built_bytes)


def serve_site(root: Path = Path("."), *, dev_addr: str | None = None, today: str | None = None,
               config_file: str = "mkdocs.yml", open_browser: bool = False, projects: str | None = None) -> int:
    """Serve with live reload; the plugin watches the projects folder and the schema."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    _log_to_terminal()
    path = _config_file(root, config_file)
    if not path.is_file():
        print(f"error: no {path} here; run from the board's folder or give --root", file=sys.stderr)
        return EXIT_PROBLEMS
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        site_url = load_board(Path(root), config_file).site.get("site_url")
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if site_url:  # served under the same sub-path as the published board, so links and 404.html work alike
        kwargs["site_url"] = site_url
    try:  # serve reloads the configuration on every change, so the choices go through the environment
        with _environment({TODAY_ENV: today, PROJECTS_ENV: projects}):
            serve(config_file=str(path), open_in_browser=open_browser, **kwargs)
    except (Abort, ConfigurationError, MkDocsException) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:  # the address is taken, or not this machine's
        print(f"error: cannot serve on {dev_addr or '127.0.0.1:8000'}: {exc.strerror or exc}; "
              "give another with --dev-addr 127.0.0.1:PORT", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        pass
    return EXIT_OK
