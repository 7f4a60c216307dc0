"""Operator settings: one place, the `microboard` plugin section of mkdocs.yml.

The CLI, the validator and the site build all read the same values, so a pay floor
set for the site is the pay floor the pull-request check applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml


class SettingsError(ValueError):
    """mkdocs.yml holds a setting Microboard cannot use."""


@dataclass(frozen=True)
class Settings:
    projects_dir: str = "projects"
    pay_floor: float = 20.0
    currency: str = "USD"
    allow_unpaid: bool = False
    # 1 unit of the named currency is worth this many units of `currency`
    exchange_rates: dict[str, float] = field(default_factory=dict)
    timezone: str = "UTC"
    repository: str = ""
    branch: str = "main"
    board_page_size: int = 50
    deadline_reminder_days: int = 5
    # a posting with errors fails the site build, instead of being left out with a warning
    strict: bool = False
    today: dt.date | None = None

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None) -> "Settings":
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise SettingsError(f"unknown microboard setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        if "strict" in values and not isinstance(values["strict"], bool):
            raise SettingsError("microboard setting strict must be true or false")
        if "pay_floor" in values and not isinstance(values["pay_floor"], (int, float)):
            raise SettingsError("microboard setting pay_floor must be a number")
        if "currency" in values and (not isinstance(values["currency"], str) or len(values["currency"]) != 3):
            raise SettingsError("microboard setting currency must be a three-letter ISO 4217 code, such as USD")
        rates = values.get("exchange_rates") or {}
        if not isinstance(rates, dict) or not all(isinstance(v, (int, float)) and v > 0 for v in rates.values()):
            raise SettingsError("microboard setting exchange_rates maps currency codes to positive numbers, e.g. EUR: 1.08")
        values["exchange_rates"] = {str(k).upper(): float(v) for k, v in rates.items()}
        today = values.get("today")
        if isinstance(today, str) and today:
            try:
                values["today"] = dt.date.fromisoformat(today)
            except ValueError as exc:
                raise SettingsError(f"microboard setting today must be a date YYYY-MM-DD, not {today!r}") from exc
        elif today in ("", None):
            values["today"] = None
        if "timezone" in values:
            _zone(values["timezone"])
        return cls(**values)

    def with_today(self, text: str | None) -> "Settings":
        """The same settings with the build date set from `YYYY-MM-DD` (`--today` on the command line)."""
        if not text:
            return self
        return replace(self, today=Settings.from_mapping({"today": text}).today)

    def to_board_currency(self, amount: float, currency: str) -> float | None:
        """`amount` in the board's currency, or None when no rate is known."""
        if currency == self.currency:
            return amount
        rate = self.exchange_rates.get(currency)
        return amount * rate if rate else None

    def build_date(self) -> dt.date:
        """The day the board is built for: `today` if set, else MICROBOARD_TODAY, else the date in `timezone`."""
        import os

        if self.today:
            return self.today
        env = os.environ.get("MICROBOARD_TODAY", "").strip()
        if env:
            try:
                return dt.date.fromisoformat(env)
            except ValueError as exc:
                raise SettingsError(f"MICROBOARD_TODAY must be a date YYYY-MM-DD, not {env!r}") from exc
        return dt.datetime.now(_zone(self.timezone)).date()


def _zone(name: str):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"microboard setting timezone is not a known time zone: {name!r}") from exc


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its Python tags (`!!python/name:`, `!ENV`)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_section(config: dict) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "microboard" in entry:
            return entry["microboard"] or {}
        if entry == "microboard":
            return {}
    return {}


def load_settings(root: Path = Path("."), config_file: str = "mkdocs.yml") -> Settings:
    """Settings from `<root>/mkdocs.yml`; defaults when there is no such file."""
    path = Path(root) / config_file
    if not path.is_file():
        return Settings()
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path} is not valid YAML: {exc}") from exc
    return Settings.from_mapping(plugin_section(config))
