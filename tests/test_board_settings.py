"""board.yml holds a board's own settings; mkdocs.yml's old settings still work, and move with one command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.settings import SettingsError, load_board
from tests.conftest import ROOT

UPSTREAM_MKDOCS = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
OLD_STYLE = (UPSTREAM_MKDOCS
             .replace("site_name: Microboard\n", "site_name: Riverside Careers\n"
                      "site_url: https://riverside-careers.github.io/board\n")
             .replace("  - microboard         # its settings are in board.yml\n",
                      "  - microboard:\n      pay_floor: 18\n      exchange_rates: {CAD: 0.72}\n"
                      "      timezone: America/Chicago\n  # the board's own plugins would follow\n"))


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_board_yml_sets_the_settings_and_the_site(tmp_path):
    (tmp_path / "board.yml").write_text("site_name: Riverside\nsite_url: https://riverside.example/board\n"
                                        "pay_floor: 18\ntimezone: America/Chicago\nshow_samples: false\n")
    board = load_board(tmp_path)
    assert board.site == {"site_name": "Riverside", "site_url": "https://riverside.example/board/"}
    assert (board.settings.pay_floor, board.settings.timezone, board.settings.show_samples) == \
        (18, "America/Chicago", False)
    assert board.leftovers == ()


@pytest.mark.parametrize("text, expected", [
    ("currency: USD\npay_flor: 18\n", "board.yml:2:1: unknown setting 'pay_flor'; did you mean 'pay_floor'?"),
    ("pay_floor: eighteen\n", "board.yml:1:12: setting pay_floor must be a number, 0 or more"),
    ("timezone: Mars/Olympus\n", "board.yml:1:11: setting timezone must be a known time zone"),
    ("site_url: riverside.example\n", "board.yml:1:11: site_url must be the board's address, starting https://"),
    ("board_page_size: 0\n", "board.yml:1:18: setting board_page_size must be a whole number from 1 to 1000"),
    ("allow_unpaid: sometimes\n", "board.yml:1:15: setting allow_unpaid must be true or false"),
    ("pay_floor: 18\npay_floor: 20\n", "board.yml:2:1:"),
    ("- pay_floor\n", "board.yml:1:1: board.yml holds settings as `name: value` lines"),
    ("nav:\n  - About: ../secret.md\n", "board.yml:2:3: nav lists your pages as `- Title: page.md` lines"),
    ("nav:\n  - About: javascript:alert(1)\n", "board.yml:2:3: nav lists your pages"),
    ("nav: about.md\n", "board.yml:1:6: nav lists your pages"),
])
def test_a_bad_board_yml_names_the_line_and_the_setting(tmp_path, text, expected):
    (tmp_path / "board.yml").write_text(text)
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    assert str(raised.value).startswith(expected), str(raised.value)
    done = cli(tmp_path, "validate")
    assert done.returncode == 2 and done.stderr.startswith(f"error: {expected}") and "Traceback" not in done.stderr


def test_settings_left_in_mkdocs_yml_still_apply_with_a_note(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(OLD_STYLE)
    board = load_board(tmp_path)
    assert (board.settings.pay_floor, board.settings.timezone) == (18, "America/Chicago")
    assert board.site == {"site_name": "Riverside Careers", "site_url": "https://riverside-careers.github.io/board/"}
    assert [item.key for item in board.leftovers] == ["site_name", "site_url", "pay_floor", "exchange_rates",
                                                     "timezone"]
    done = cli(tmp_path, "validate")
    assert "note: mkdocs.yml:3:1: site_name, site_url, pay_floor, exchange_rates, timezone belong in board.yml" \
        in done.stderr
    assert "python -m generator migrate-settings" in done.stderr


def test_one_setting_with_two_values_stops_and_says_how_to_settle_it(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(OLD_STYLE)
    (tmp_path / "board.yml").write_text((ROOT / "tests" / "data" / "board.yml").read_text())  # upstream's example arrived
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    message = str(raised.value)
    assert message.startswith("mkdocs.yml:")
    assert message.startswith("mkdocs.yml:3:1: site_name, site_url, pay_floor, exchange_rates, timezone are set "
                              "in both mkdocs.yml and board.yml, with different values")
    assert "python -m generator migrate-settings" in message


def test_migrate_settings_moves_everything_and_leaves_upstreams_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(OLD_STYLE)
    (tmp_path / "board.yml").write_text((ROOT / "tests" / "data" / "board.yml").read_text())
    done = cli(tmp_path, "migrate-settings")
    assert done.returncode == 0, done.stderr
    assert "pay_floor: moved from mkdocs.yml to board.yml" in done.stdout
    # upstream's mkdocs.yml again, with the operator's own comment kept
    assert (tmp_path / "mkdocs.yml").read_text() == UPSTREAM_MKDOCS.replace(
        "# its settings are in board.yml\n", "# its settings are in board.yml\n  # the board's own plugins would follow\n")
    board = load_board(tmp_path)
    assert board.leftovers == ()
    assert board.site["site_name"] == "Riverside Careers"
    assert board.site["site_url"] == "https://riverside-careers.github.io/board/"
    assert (board.settings.pay_floor, board.settings.timezone, board.settings.exchange_rates) == \
        (18, "America/Chicago", {"CAD": 0.72})
    assert board.settings.currency == "USD"  # what board.yml held and mkdocs.yml did not is kept
    assert cli(tmp_path, "migrate-settings").stdout.startswith("nothing to move")


def test_migrate_settings_refuses_a_value_the_board_would_not_accept(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(OLD_STYLE.replace("pay_floor: 18", "pay_floor: lots"))
    done = cli(tmp_path, "migrate-settings")
    assert done.returncode == 1 and "pay_floor must be a number" in done.stderr
    assert (tmp_path / "mkdocs.yml").read_text() == OLD_STYLE.replace("pay_floor: 18", "pay_floor: lots")
    assert not (tmp_path / "board.yml").exists()


def test_the_plugin_hands_board_yml_to_mkdocs_but_serve_keeps_its_local_address(tmp_path):
    from mkdocs.config import load_config

    from tests.site_fixtures import copy_board

    board = copy_board(tmp_path / "board", projects=False)
    (board / "board.yml").write_text("site_name: Riverside\nsite_description: Paid projects.\n"
                                     "site_url: https://riverside.example/board\nnav:\n  - About us: about.md\n")
    for command, address in (("build", "https://riverside.example/board/"), ("serve", "http://127.0.0.1:8000/")):
        config = load_config(str(board / "mkdocs.yml"))
        config.site_url = "http://127.0.0.1:8000/"  # as `mkdocs serve` sets it before the build
        plugin = config.plugins["microboard"]
        plugin.on_startup(command=command, dirty=False)
        plugin.on_config(config)
        assert (config.site_name, config.site_description, config.site_url) == ("Riverside", "Paid projects.", address)
        assert config.nav[-1] == {"About us": "about.md"} and config.nav[0] == {"Board": "index.md"}
