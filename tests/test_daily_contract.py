"""The daily workflow's two halves agree: what `build --report` writes is what `health` reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from site_fixtures import ROOT, copy_board

TODAY = "2026-11-21"


def test_a_posting_left_out_by_the_build_reaches_the_health_check(tmp_path: Path) -> None:
    board = copy_board(tmp_path / "board")
    broken = board / "projects" / "brightloop" / "analyze-onboarding-drop-off.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("hours: 25", "hours: lots"), encoding="utf-8")
    report = tmp_path / "out" / "build-report.json"
    built = subprocess.run([sys.executable, "-m", "generator", "--root", str(board), "build", "--site-dir",
                            str(tmp_path / "site"), "--today", TODAY, "--report", str(report)],
                           capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stderr  # one posting never takes the board down
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [item["file"] for item in data["left_out"]] == ["projects/brightloop/analyze-onboarding-drop-off.yaml"]
    health = subprocess.run([sys.executable, "-m", "generator", "--root", str(board), "health", "--dry-run",
                             "--build-report", str(report), "--build-outcome", "success", "--deploy-outcome",
                             "success"], capture_output=True, text=True, cwd=ROOT)
    out = health.stdout + health.stderr
    assert "Traceback" not in out
    assert "analyze-onboarding-drop-off.yaml" in out and "hours" in out, out
