"""`python -m generator`: one way in for every job; each command calls the same functions the site and bot use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.exit_codes import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from generator.settings import SettingsError, load_board

ENGINES = ("mkdocs", "zensical")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep the message short and plain
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description="Microboard: validate postings and build the board.")
    parser.add_argument("--root", default=".", help="the board's folder, holding mkdocs.yml and projects/ (default: .)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser("validate", help="check posting files and report problems")
    validate.add_argument("paths", nargs="*", help="files or folders (default: the projects folder)")
    validate.add_argument("--format", choices=["text", "github", "markdown", "json"], default="text")
    validate.add_argument("--today", help="check open postings against this date (YYYY-MM-DD)")
    _projects_option(validate)

    new = commands.add_parser("new", help="write a valid starter posting, asking a few questions")
    for option, text in (("--organization", "organization name"), ("--title", "project title"),
                         ("--field", "field, e.g. data"), ("--owner", "your GitHub user name"),
                         ("--hours", "estimated hours"), ("--pay", "fixed fee in the board's currency"),
                         ("--apply-by", "last day to apply, YYYY-MM-DD"), ("--remote", "yes or no")):
        new.add_argument(option, help=text)
    new.add_argument("--website", help="a new organization's website (https://...)")
    new.add_argument("--about", help="a new organization's one-paragraph description")
    new.add_argument("--no-input", action="store_true", help="never ask; fail if an answer is missing")

    fake = commands.add_parser("fake", help="write N synthetic valid postings (for tests and benchmarks)")
    fake.add_argument("--count", type=int, required=True)
    fake.add_argument("--out", required=True, help="folder to write <org>/<project>.yaml files into")
    fake.add_argument("--seed", type=int, default=1)
    fake.add_argument("--today", help="date the postings are posted around (default: today)")

    forms = commands.add_parser("forms", help="regenerate the issue form in .github/ISSUE_TEMPLATE/ from the schema")
    forms.add_argument("--check", action="store_true", help="only report whether the form is stale (exit 1 if so)")

    from_issue = commands.add_parser("from-issue", help="turn a 'Post a project' issue into a posting and check it")
    source = from_issue.add_mutually_exclusive_group(required=True)
    source.add_argument("--event", help="the issues event JSON (in a workflow: $GITHUB_EVENT_PATH)")
    source.add_argument("--body-file", help="a file holding the issue body")
    from_issue.add_argument("--author", help="the issue's author (added to the owners); read from --event if given")
    from_issue.add_argument("--write", action="store_true", help="write the posting under projects/ when it is valid")
    from_issue.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    build = commands.add_parser("build", help="build the site with MkDocs and the board's mkdocs.yml")
    build.add_argument("--site-dir", help="where to write the site (default: mkdocs.yml's site_dir, site/)")
    build.add_argument("--today", help="build the board as on this date (YYYY-MM-DD)")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="the site engine: mkdocs (the default) or zensical (pip install zensical)")
    build.add_argument("--strict", action="store_true",
                       help="fail on any warning, as mkdocs build --strict; without it a posting with errors "
                            "is left out of the site with a warning")
    build.add_argument("--report", metavar="FILE", help="write a JSON build report: postings published, "
                                                        "postings left out and why, site size")
    _projects_option(build)

    serve = commands.add_parser("serve", help="serve the site locally, rebuilding when a posting changes")
    serve.add_argument("--dev-addr", help="address to serve on (default: 127.0.0.1:8000)")
    serve.add_argument("--today", help="serve the board as on this date (YYYY-MM-DD)")
    _projects_option(serve)
    serve.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="the site engine: mkdocs (the default, with live reload) or zensical")

    docs = commands.add_parser("docs", help="regenerate the field reference, the skills list and the settings table in docs/")
    docs.add_argument("--check", action="store_true", help="only report whether the pages are stale (exit 1 if so)")

    migrate = commands.add_parser("migrate", help="move postings' organization blocks into organization.yaml files")
    migrate.add_argument("--dry-run", action="store_true", help="only say what would be written")
    commands.add_parser("migrate-settings", help="move the board's settings from mkdocs.yml into board.yml")

    from generator.bot import add_commands as add_bot_commands  # pr-check, report-comment, issue-to-pr, ...

    add_bot_commands(commands)
    from generator.upkeep import add_commands as add_upkeep_commands  # keepalive, health, doctor

    add_upkeep_commands(commands)
    return parser


def _projects_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--projects", metavar="DIR", help="read the postings from this folder, anywhere, instead of "
                                                           "board.yml's projects_dir (the site still comes from --root)")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    root = Path(args.root)
    if args.command == "migrate-settings":  # before the settings are read: mkdocs.yml may still hold them
        from generator.migrate_settings import run as run_migrate

        return run_migrate(root)
    try:
        board = load_board(root)
        settings = board.settings.with_today(getattr(args, "today", None)).with_projects(
            getattr(args, "projects", None), root)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if board.leftovers:
        print(f"note: {board.migration_note()}", file=sys.stderr)
    if args.command == "validate":
        return _validate(args, settings, root)
    if args.command == "new":
        from generator.new import run_new

        return run_new(args, settings, root)
    if args.command == "fake":
        from generator.fake import write_fake_postings

        if args.count < 0:
            print("error: --count must be 0 or more", file=sys.stderr)
            return EXIT_USAGE
        written = write_fake_postings(Path(args.out), args.count, args.seed, settings.build_date())
        print(f"wrote {written} postings under {args.out}")
        return EXIT_OK
    if args.command == "build":
        if args.engine == "zensical":
            from generator.site.engine_zensical import build_with_zensical as build_site
        else:
            from generator.site.commands import build_site

        return build_site(root, site_dir=args.site_dir, today=args.today, strict=args.strict, report=args.report,
                          projects=args.projects and str(settings.projects_folder(root).resolve()))
    if args.command == "serve":
        if args.engine == "zensical":
            from generator.site.engine_zensical import serve_with_zensical as serve_site
        else:
            from generator.site.commands import serve_site

        return serve_site(root, dev_addr=args.dev_addr, today=args.today,
                          projects=args.projects and str(settings.projects_folder(root).resolve()))
    if args.command == "docs":
        return _docs(args, root)
    if args.command == "migrate":
        from generator.migrate_organizations import run_migrate

        return run_migrate(args, settings, root)
    from generator import bot

    if args.command in bot.COMMANDS:
        return bot.run(args, settings, root)
    from generator import upkeep

    if args.command in upkeep.COMMANDS:
        return upkeep.run(args, settings, root)
    if args.command == "forms":
        return _forms(args, root)
    if args.command == "from-issue":
        from generator.from_issue import run_from_issue

        return run_from_issue(args, settings, root)
    parser.print_help()
    return EXIT_USAGE


def _docs(args: argparse.Namespace, root: Path) -> int:
    from generator.reference import generated_pages, write_pages

    if args.check:
        stale = [path for path, text in generated_pages(root).items()
                 if not path.exists() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path} is stale: run python -m generator docs")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_pages(root):
        print(f"wrote {path}")
    return EXIT_OK


def _forms(args: argparse.Namespace, root: Path) -> int:
    from generator.issue_form import FORM_PATH, issue_form

    path = root / FORM_PATH
    text = issue_form()
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if args.check:
        if current != text:
            print(f"{path} is stale: run python -m generator forms")
            return EXIT_PROBLEMS
        return EXIT_OK
    if current != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return EXIT_OK


def _validate(args: argparse.Namespace, settings, root: Path) -> int:
    from generator.report import FORMATS
    from generator.validate import display_path, validate_paths

    targets = [Path(p) for p in args.paths]
    shift = 0
    if not targets:
        from generator.samples import board_postings

        postings = board_postings(root, settings)
        targets, shift = postings.targets, postings.date_shift(settings.build_date())
        if postings.samples:
            print(f"note: {settings.projects_dir}/ holds no posting yet, so this checks the sample postings the "
                  f"board shows until then, in {display_path(postings.folder, root)}/", file=sys.stderr)
    result = validate_paths(targets, settings, root, date_shift=shift, keep_projects=False)
    sys.stdout.write(FORMATS[args.format](result.files_checked, result.problems))
    return EXIT_OK if result.ok else EXIT_PROBLEMS
