"""The test suite keeps to its own fixtures: run it in a copy of the repository that holds an operator's board.

An operator replaces the sample settings and posts real work; the suite must stay green, because the live
board.yml and projects/ are checked by `python -m generator validate`, not by tests that expect the samples.
This copies the repository's tracked files to a scratch folder, gives the copy its own board.yml (another
name, address, currency, pay floor and time zone) and a real posting in projects/, checks that the copy's
board is valid, then runs the tests that used to read the live board there.

    python tests/tools/operator_board.py                      # the tests listed below
    python tests/tools/operator_board.py tests/test_cli.py    # or the ones named
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# The tests that built or read the repository's own board before they had fixtures of their own.
TESTS = ["tests/test_site_build.py", "tests/test_issue_form.py", "tests/test_board_settings.py",
         "tests/test_upkeep.py", "tests/test_cli.py", "tests/test_daily_contract.py", "tests/test_projects_dir.py",
         "tests/test_settings_checked.py", "tests/test_samples_and_docs.py", "tests/test_site_core.py"]
OPERATOR_SETTINGS = """\
site_name: Hafenstadt Hochschule Praxisprojekte
site_url: https://careers.hafenstadt.example/praxis/
repository: hafenstadt-careers/praxis
pay_floor: 30
currency: EUR
exchange_rates: {USD: 0.92}
timezone: Europe/Berlin
show_samples: false
board_page_size: 10
"""


def operator_copy(target: Path) -> Path:
    """The repository's tracked files with an operator's settings and one posting of their own."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        source, copy = ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, copy)
    (target / "board.yml").write_text(OPERATOR_SETTINGS, encoding="utf-8")
    posting = yaml.safe_load((ROOT / "tests" / "data" / "valid.yaml").read_text(encoding="utf-8"))
    posting.update(title="Map the harbour's cycle parking", owners=["lena-hoffmann"])
    folder = target / "projects" / "hafenstadt-verkehr"
    folder.mkdir(parents=True)
    (folder / "cycle-parking-map.yaml").write_text(yaml.safe_dump(posting, sort_keys=False), encoding="utf-8")
    (folder / "organization.yaml").write_text(yaml.safe_dump({
        "name": "Hafenstadt Verkehr", "url": "https://verkehr.hafenstadt.example",
        "owners": ["lena-hoffmann"]}, sort_keys=False), encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="microboard-operator-") as scratch:
        board = operator_copy(Path(scratch) / "board")
        env = {**os.environ, "PYTHONPATH": str(board), "NO_MKDOCS_2_WARNING": "1"}
        checked = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=board, env=env)
        if checked.returncode != 0:
            print("the operator's board in the copy is not valid: fix this script's posting first", file=sys.stderr)
            return checked.returncode
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(argv or TESTS)],
                              cwd=board, env=env).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
