"""How a posting's money, hours, places and dates are written: the one place for each rule.

The server's cards, pages, feeds and bot comments call these; the board's script gets their
results (or, for what depends on the visitor's own date, the words and limits) through the build's
data files (`browser_words`), so no rule is written twice. The words are in generator.labels.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Sequence

from generator.labels import LEVEL_LABELS, LOCATION_LABELS, MONTHS, MONTHS_SHORT, PAY_LABELS, WORDS, word

# Relative deadline words only while a deadline is near; further away the date stands alone.
CLOSES_IN_DAYS_BELOW = 14   # "closes in 13 days", then weeks
CLOSES_IN_WEEKS_BELOW = 56  # "closes in 7 weeks" at most, then the date alone
NEW_FOR_DAYS = 7            # a posting is "New" for this many days after it was posted


# ---------------------------------------------------------------- money


def cents(amount: float) -> Decimal:
    """The amount rounded to the cent as a person would (half up), from its shortest decimal form."""
    return Decimal(repr(float(amount))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(amount: float) -> str:
    """`1,200` or `37.50`: thousands separated, cents only when the rounded amount has some."""
    rounded = cents(amount)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}"


def hourly_rate(pay_type: str, amount: float | None, hours: int) -> float | None:
    """Pay per hour in the posting's currency: the hourly rate, or the fee spread over the hours."""
    if amount is None or pay_type == "unpaid":
        return None
    if pay_type == "hourly":
        return float(amount)
    return float(amount) / max(hours, 1)


def pay_text(pay_type: str, amount: float | None, currency: str | None) -> str:
    """`1,200 USD fixed fee`, `35 USD per hour` or `Unpaid`."""
    if pay_type == "unpaid" or amount is None:
        return word("unpaid")
    return word("pay", amount=money(amount), currency=currency, type=PAY_LABELS[pay_type])


def per_hour_text(pay_type: str, amount: float | None, currency: str | None, hours: int) -> str:
    """`≈ 24 USD an hour` beside a fee or stipend; empty for hourly and unpaid postings."""
    rate = hourly_rate(pay_type, amount, hours)
    if pay_type == "hourly" or rate is None:
        return ""
    return word("per-hour", amount=money(rate), currency=currency)


# ---------------------------------------------------------------- hours


def weeks_of(duration_weeks: int | None, start: dt.date | None, due: dt.date | None) -> int | None:
    """How many weeks the work spreads over: the posting's duration, or its start to its due date."""
    if duration_weeks:
        return duration_weeks
    if start and due and due >= start:
        return max(math.ceil(((due - start).days + 1) / 7), 1)
    return None


def hours_text(hours: int, weeks: int | None) -> str:
    """`20 hours in all`, or `5 hours a week for 4 weeks` when the work spreads over weeks."""
    if not weeks or weeks <= 1:
        return word("hours-in-all", hours, n=f"{hours:,}")
    per_week = Decimal(hours) / Decimal(weeks)
    whole = int(per_week.quantize(Decimal(1), rounding=ROUND_HALF_UP)) or 1
    key = "hours-a-week" if per_week == whole else "about-hours-a-week"
    return word(key, whole, n=f"{whole:,}") + " " + word("for-weeks", weeks, n=f"{weeks:,}")


# ---------------------------------------------------------------- places and people


def either(items: Sequence[str]) -> str:
    """`US`, `US or CA`, `US, CA or MX`."""
    if len(items) <= 1:
        return "".join(items)
    return word("or", first=", ".join(items[:-1]), last=items[-1])


def zone_name(zone: str) -> str:
    """`America/New_York` as a person says it: `New York`."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def where_text(location_type: str, city: str | None, region: str | None, country: str | None,
               countries: Sequence[str] = (), timezones: Sequence[str] = ()) -> str:
    """`Remote · US only · New York or Chicago time`, `Hybrid · Oslo, NO`, `On site · Leeds, GB`."""
    parts = [LOCATION_LABELS[location_type]]
    place = ", ".join(p for p in (city, region, country) if p)
    if place:
        parts.append(place)
    if location_type == "remote":
        if countries:
            parts.append(word("only", countries=either(list(countries))))
        if timezones:
            parts.append(word("time-zones", zones=either([zone_name(z) for z in timezones])))
    return " · ".join(parts)


def levels_text(levels: Sequence[str]) -> str:
    """`For undergraduates or graduate students`; empty when any student may apply."""
    if not levels:
        return ""
    return word("for-levels", levels=either([LEVEL_LABELS.get(level, level) for level in levels]))


# ---------------------------------------------------------------- dates


def day_text(day: dt.date) -> str:
    """`5 Mar 2027`: a date on a card."""
    return word("day", day=day.day, month=MONTHS_SHORT[day.month - 1], year=day.year)


def long_date(day: dt.date) -> str:
    """`5 March 2027`: a date in a sentence."""
    return word("day", day=day.day, month=MONTHS[day.month - 1], year=day.year)


def closes_in(days: int) -> str:
    """How soon applications close, `days` from today: relative words while near, else nothing
    (the date beside it says it). The board's script applies the same limits (browser_words)."""
    if days < 0:
        return word("closed")
    if days == 0:
        return word("closes-today")
    if days == 1:
        return word("closes-tomorrow")
    if days < CLOSES_IN_DAYS_BELOW:
        return word("closes-in-days", days, n=days)
    if days < CLOSES_IN_WEEKS_BELOW:
        weeks = days // 7
        return word("closes-in-weeks", weeks, n=weeks)
    return ""


def closes_text(apply_by: dt.date, today: dt.date) -> str:
    return closes_in((apply_by - today).days)


def is_new(posted: dt.date, today: dt.date) -> bool:
    return 0 <= (today - posted).days < NEW_FOR_DAYS


def browser_words() -> dict[str, object]:
    """What the script needs to write the date-dependent parts of a card as the server does."""
    keys = ("day", "posted", "new", "closed", "closes-today", "closes-tomorrow", "closes-in-days", "closes-in-weeks")
    return {"months": list(MONTHS_SHORT), "phrases": {key: WORDS[key] for key in keys},
            "daysBelow": CLOSES_IN_DAYS_BELOW, "weeksBelow": CLOSES_IN_WEEKS_BELOW, "newFor": NEW_FOR_DAYS}
