"""Regenerate the locked requirements from pyproject.toml: `python requirements/lock.py [--upgrade]`.

Writes runtime.in (the project's dependencies and its build requirement) and test.in (those plus the
test extra) from pyproject.toml, then compiles each into a lock with every package pinned by version
and hash: runtime.txt for the workflows, test.txt for CI. Run it with the Python the workflows use
(.python-version); it needs pip-tools (`python -m pip install pip-tools`) and the package index.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HEADER = ("# Written by requirements/lock.py from pyproject.toml: edit pyproject.toml, then run\n"
          "#     python requirements/lock.py\n")
OPTIONS = ["--generate-hashes", "--allow-unsafe", "--strip-extras", "--no-emit-index-url", "--no-emit-find-links",
           "--quiet"]


def inputs(pyproject: dict) -> dict[str, str]:
    """The text of runtime.in and test.in for a parsed pyproject.toml."""
    runtime = [*pyproject["project"]["dependencies"], *pyproject["build-system"]["requires"]]
    test = pyproject["project"]["optional-dependencies"]["test"]
    return {
        "runtime.in": HEADER + "\n".join(runtime) + "\n",
        # the test lock keeps every runtime package at the runtime lock's version: CI tests what deploys
        "test.in": HEADER + "-c runtime.txt\n-r runtime.in\n" + "\n".join(test) + "\n",
    }


def main(argv: list[str]) -> int:
    wanted = tuple(sys.version_info[:2])
    pinned = tuple(int(p) for p in (ROOT / ".python-version").read_text().strip().split(".")[:2])
    if wanted != pinned:
        print(f"error: run this with Python {'.'.join(map(str, pinned))} (.python-version), "
              f"not {'.'.join(map(str, wanted))}", file=sys.stderr)
        return 2
    with open(ROOT / "pyproject.toml", "rb") as handle:
        pyproject = tomllib.load(handle)
    for name, text in inputs(pyproject).items():
        (HERE / name).write_text(text, encoding="utf-8")
    for name in ("runtime", "test"):
        command = [sys.executable, "-m", "piptools", "compile", *OPTIONS, *argv,
                   f"--output-file={name}.txt", f"{name}.in"]
        if subprocess.run(command, cwd=HERE).returncode:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
