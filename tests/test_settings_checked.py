"""Every setting is typed and ranged: a wrong value stops with the file, line, setting and a line to write."""

from __future__ import annotations

import dataclasses

import pytest

from generator.settings import Settings, SettingsError, load_board
from tests.conftest import ROOT

UPSTREAM_MKDOCS = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("line, message, instead", [
    ('allow_unpaid: "false"', "setting allow_unpaid must be true or false, not 'false' (text, because of the quotes",
     "`allow_unpaid: false`"),
    ('board_page_size: "ten"', "setting board_page_size must be a whole number from 1 to 1000, not 'ten'",
     "`board_page_size: 50`"),
    ("board_page_size: 100000", "setting board_page_size must be a whole number from 1 to 1000", "board_page_size: 50"),
    ("pay_floor: true", "setting pay_floor must be a number, 0 or more", "`pay_floor: 20`"),
    ("pay_floor: -5", "setting pay_floor must be a number, 0 or more", "`pay_floor: 20`"),
    ("deadline_reminder_days: -1", "setting deadline_reminder_days must be a whole number of days from 0 to 365",
     "`deadline_reminder_days: 5`"),
    ("deadline_reminder_days: 2.5", "setting deadline_reminder_days must be a whole number", "deadline_reminder_days: 5"),
    ("currency: usd", "setting currency must be a three-letter ISO 4217 code in capitals", "`currency: USD`"),
    ("exchange_rates: {EUR: true}", "setting exchange_rates must be a map of three-letter currency codes",
     "`exchange_rates: {EUR: 1.08}`"),
    ("exchange_rates: {EUR: 0}", "setting exchange_rates must be a map", "EUR: 1.08"),
    ("exchange_rates: [EUR]", "setting exchange_rates must be a map", "EUR: 1.08"),
    ("projects_dir: ../elsewhere", "setting projects_dir must be a folder below the board's own", "projects_dir: projects"),
    ("projects_dir: /etc", "setting projects_dir must be a folder below the board's own", "projects_dir: projects"),
    ("projects_dir: 7", "setting projects_dir must be a folder", "projects_dir: projects"),
    ("repository: just-a-name", "setting repository must be the board's GitHub repository as owner/name",
     "repository: my-org/microboard"),
    ("branch: ''", "setting branch must be a branch name", "branch: main"),
    ("show_samples: 1", "setting show_samples must be true or false, not 1", "show_samples: true"),
    ("strict: 'yes'", "setting strict must be true or false", "strict: false"),
    ("today: 5", "setting today must be a date YYYY-MM-DD, or empty, not 5", "today: 2025-03-01"),
    ("today: 2025-02-30", "setting today must be a date YYYY-MM-DD", "today: 2025-03-01"),
    ("timezone: Europe/Atlantis", "setting timezone must be a known time zone", "timezone: America/Chicago"),
])
def test_a_wrong_value_names_file_line_setting_and_what_to_write(tmp_path, line, message, instead):
    key = line.split(":")[0]
    (tmp_path / "board.yml").write_text(f"# settings\ncurrency: USD\n{line}\n" if key != "currency" else
                                        f"# settings\npay_floor: 20\n{line}\n")
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    text = str(raised.value)
    column = len(key) + 3
    assert text.startswith(f"board.yml:3:{column}: {message}"), text
    assert f"write, for example, {instead}" in text or instead in text.split("write, for example,")[1]
    assert raised.value.key == key


@pytest.mark.parametrize("line, key", [
    ("pay_floor: 0", "pay_floor"), ("allow_unpaid: true", "allow_unpaid"), ("projects_dir: data/postings/", None),
    ("deadline_reminder_days: 0", "deadline_reminder_days"), ("board_page_size: 1", "board_page_size"),
    ("repository: my-org/board.github.io", "repository"), ("branch: release/2025", "branch"),
    ("today: '2025-03-01'", "today"), ("today:", "today"), ("exchange_rates:", "exchange_rates"),
])
def test_good_values_are_kept(tmp_path, line, key):
    (tmp_path / "board.yml").write_text(line + "\n")
    settings = load_board(tmp_path).settings
    if key is None:
        assert settings.projects_dir == "data/postings"
    else:
        assert getattr(settings, key) is not None or key == "today"


def test_the_site_keys_say_what_to_write_too(tmp_path):
    (tmp_path / "board.yml").write_text("site_name: 42\n")
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    assert str(raised.value) == ("board.yml:1:12: site_name must be text, not 42; write, for example, "
                                 "`site_name: Riverside College Micro-internships`")


def test_a_long_wrong_value_is_shown_short(tmp_path):
    (tmp_path / "board.yml").write_text("branch: [" + ", ".join(["main"] * 500) + "]\n")
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    assert len(str(raised.value)) < 250 and "…" in str(raised.value)


def test_a_quoted_number_is_refused_with_the_reason(tmp_path):
    (tmp_path / "board.yml").write_text('pay_floor: "18"\n')
    with pytest.raises(SettingsError, match=r"not '18' \(text, because of the quotes: leave them out\)"):
        load_board(tmp_path)


def test_settings_in_mkdocs_yml_are_checked_as_strictly_with_their_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(UPSTREAM_MKDOCS.replace(
        "  - microboard         # its settings are in board.yml\n",
        "  - microboard:\n      pay_floor: 18\n      allow_unpaid: \"false\"\n"))
    line = UPSTREAM_MKDOCS.splitlines().index("  - microboard         # its settings are in board.yml") + 3
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    assert str(raised.value).startswith(f"mkdocs.yml:{line}:7: setting allow_unpaid must be true or false, not 'false'")
    assert "write, for example, `allow_unpaid: false`" in str(raised.value)


def test_an_unknown_setting_in_mkdocs_yml_gets_did_you_mean(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(UPSTREAM_MKDOCS.replace(
        "  - microboard         # its settings are in board.yml\n",
        "  - microboard:\n      board_pagesize: 20\n"))
    with pytest.raises(SettingsError) as raised:
        load_board(tmp_path)
    assert "unknown setting 'board_pagesize'; did you mean 'board_page_size'?" in str(raised.value)
    assert str(raised.value).startswith("mkdocs.yml:")


def test_every_setting_has_a_rule_and_a_line_in_the_operators_guide():
    from generator.settings import RULES

    guide = (ROOT / "docs" / "operators" / "index.md").read_text(encoding="utf-8")
    names = [item.name for item in dataclasses.fields(Settings)]
    assert list(RULES) == names
    for name in names:
        assert f"| `{name}` |" in guide, name
        # the example each message offers is itself accepted
        example = RULES[name].example
        Settings.from_mapping({name: __import__("yaml").safe_load(example)[name]})


def test_the_guides_settings_table_is_generated_from_the_rules(tmp_path):
    from generator.reference import SETTINGS_END, SETTINGS_START, operators_page
    from generator.settings import RULES

    page = operators_page(f"# Guide\n\n{SETTINGS_START}stale table\n{SETTINGS_END}after\n")
    assert "stale table" not in page and page.endswith(f"{SETTINGS_END}after\n")
    for name, rule in RULES.items():
        assert f"| `{name}` |" in page and f"`{rule.example}`" in page
    with pytest.raises(ValueError, match="lost the markers"):
        operators_page("# Guide without the markers\n")
