"""Make a hostile pull request on disk for `pr-check`: 20 postings of 60 KB, each packed with mistakes.

    python benchmarks/hostile_pr.py /tmp/hostile --shape skills
    /usr/bin/time -v python -m generator pr-check --base-dir /tmp/hostile/base --head-dir /tmp/hostile/head \\
        --out /tmp/hostile/report.json --format text

`base/` is a copy of this board (its configuration, schema and postings); `head/` is the same with 20
new postings, each the Ashgrove sample plus generated lines up to 60 KB (the loader refuses files over
64 KB). Shapes:

* `unknown-keys`: thousands of top-level keys that are not fields (`k00001: x`);
* `skills`: thousands of skills that are not in the skills list (each asks for a closest match);
* `tags`: thousands of tags that break the tag pattern.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "projects" / "ashgrove-museum-of-maps" / "design-gallery-wayfinding-map.yaml"
SIZE = 60 * 1024
FILES = 20
LINES = {
    "unknown-keys": ("", lambda i: f"k{i:05d}: x"),
    "skills": ("skills:\n", lambda i: f"  - Skill nonsense {i}"),
    "tags": ("tags:\n", lambda i: f"  - Bad Tag {i}"),
}


def hostile_posting(shape: str, size: int = SIZE) -> str:
    """The sample with generated lines (under `after`, or at the end) until the file is just under `size`."""
    after, line = LINES[shape]
    text = SAMPLE.read_text(encoding="utf-8")
    budget = size - len(text.encode("utf-8"))
    lines, used, index = [], 0, 0
    while used + len(line(index)) + 1 <= budget:
        lines.append(line(index))
        used += len(lines[-1]) + 1
        index += 1
    block = "\n".join(lines) + "\n"
    return text.replace(after, after + block, 1) if after else text + block


def make(out: Path, shape: str, files: int = FILES) -> None:
    if out.exists():
        shutil.rmtree(out)
    ignore = shutil.ignore_patterns(".git", "site", "__pycache__", ".pytest_cache", "work")
    for side in ("base", "head"):
        shutil.copytree(ROOT, out / side, ignore=ignore)
    text = hostile_posting(shape)
    for n in range(files):
        target = out / "head" / "projects" / f"hostile-{n:02d}" / f"posting-{n:02d}.yaml"
        target.parent.mkdir(parents=True)
        target.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--shape", choices=sorted(LINES), default="skills")
    parser.add_argument("--files", type=int, default=FILES)
    args = parser.parse_args()
    make(args.out, args.shape, args.files)
    size = len(hostile_posting(args.shape).encode("utf-8"))
    print(f"{args.out}: base/ and head/ with {args.files} postings of {size:,} bytes ({args.shape})")


if __name__ == "__main__":
    main()
