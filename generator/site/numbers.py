"""The board in numbers: the figures operators show the people who fund them, as data and as pictures.

`board_numbers` computes every figure once, from the catalog on the build date; `stats.json`
publishes them for operators' own reports, and the "Board in numbers" page draws the same
figures as SVG charts (drawn at build time by leather, inlined so they take the page's text
colour in light and dark schemes), each with a sentence that says what it shows and the table
behind it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any, Sequence

import leather
import leather.theme

from generator.model import Project, money
from generator.site.catalog import Catalog
from generator.site.outputs import PAGE, Output
from generator.site.pages import PageRenderer, file_output

STATS_VERSION = 1
WEEKS = 26  # open postings over time: the last half year, week by week
TOP_SKILLS = 10
HOURS_BINS = ((0, 4, "under 5"), (5, 10, "5–10"), (11, 20, "11–20"), (21, 30, "21–30"), (31, 40, "31–40"),
              (41, None, "over 40"))
PAY_BIN_COUNT = 8
FILL_BINS = ((0, 7, "within a week"), (8, 14, "8–14 days"), (15, 30, "15–30 days"), (31, 60, "31–60 days"),
             (61, 90, "61–90 days"), (91, None, "over 90 days"))


# ---------------------------------------------------------------- the figures


def open_on(project: Project, day: dt.date) -> bool:
    """Whether the posting was open on `day`, as far as its file tells: posted, not past its apply-by date,
    and not yet filled or closed (a filled or closed posting's last update is when that happened)."""
    if project.posted > day or project.apply_by < day:
        return False
    if project.status != "open":
        ended = project.updated or project.apply_by
        return ended > day
    return True


def weekly_open(projects: Sequence[Project], today: dt.date) -> list[dict[str, Any]]:
    days = [today - dt.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    return [{"week": day.isoformat(), "open": sum(open_on(p, day) for p in projects)} for day in days]


def hours_bins(projects: Sequence[Project]) -> list[dict[str, Any]]:
    rows = []
    for low, high, name in HOURS_BINS:
        count = sum(1 for p in projects if p.hours >= low and (high is None or p.hours <= high))
        if count or (5 <= low <= 31):
            rows.append({"hours": name, "postings": count})
    return rows


def pay_bins(rates: Sequence[float], floor: float) -> list[dict[str, Any]]:
    """Pay per hour in bins of equal width starting at 0, wide enough that the floor starts a bin."""
    if not rates:
        return []
    top = max(max(rates), floor)
    width = max(1.0, float(round(top / PAY_BIN_COUNT)) or 1.0)
    if floor > 0:  # make the floor a bin edge, so "below the floor" is whole bins
        width = floor / max(1, round(floor / width))
    rows = []
    low = 0.0
    while low <= top:
        high = low + width
        last = high > top
        count = sum(1 for r in rates if low <= r < high or (last and r == high))
        rows.append({"from": round(low, 2), "to": round(high, 2), "postings": count,
                     "below_floor": high <= floor})
        low = high
    return rows


def board_numbers(catalog: Catalog) -> dict[str, Any]:
    """Every figure of the numbers page, as plain data (this is stats.json)."""
    settings, today = catalog.settings, catalog.today
    open_projects = catalog.open
    rates = [rate for rate in (catalog.board_hourly(p) for p in open_projects) if rate is not None]
    filled = [p for p in catalog.projects if p.status == "filled" and p.updated and p.updated >= p.posted]
    days_to_fill = sorted((p.updated - p.posted).days for p in filled)  # type: ignore[operator]
    skills = Counter(skill for p in open_projects for skill in p.skills)
    fields = Counter(p.field for p in open_projects)
    mentored = sum(1 for p in open_projects if p.mentored)
    return {
        "version": STATS_VERSION,
        "generated": today.isoformat(),
        "open": len(open_projects),
        "all": len(catalog.projects),
        "currency": settings.currency,
        "pay_floor": settings.pay_floor,
        "open_over_time": weekly_open(catalog.projects, today),
        "by_field": [{"field": catalog.fields[key].name, "key": key, "postings": fields[key]}
                     for key in catalog.fields if fields[key]],
        "hours": hours_bins(open_projects),
        "pay_per_hour": {
            "bins": pay_bins(rates, settings.pay_floor),
            "median": round(statistics.median(rates), 2) if rates else None,
            "postings_with_rate": len(rates),
        },
        "mentored": {"mentored": mentored, "not_mentored": len(open_projects) - mentored,
                     "share": round(mentored / len(open_projects), 3) if open_projects else None},
        "days_to_fill": {"known": len(days_to_fill),
                         "median": statistics.median(days_to_fill) if days_to_fill else None,
                         "days": days_to_fill},
        "top_skills": [{"skill": name, "postings": n}
                       for name, n in sorted(skills.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:TOP_SKILLS]],
    }


# ---------------------------------------------------------------- the charts


def _theme() -> None:
    """Charts draw in the page's own text colour and font, so they read in light and dark schemes."""
    theme = leather.theme
    theme.background_color = "none"
    for name in ("title_color", "label_color", "legend_color", "tick_color", "axis_title_color", "zero_color"):
        setattr(theme, name, "currentColor")
    for name in ("title_font_family", "legend_font_family", "tick_font_family", "axis_title_font_family"):
        setattr(theme, name, "inherit")
    theme.default_series_colors = ["currentColor"] * 4


def _svg(chart: leather.Chart, label_id: str, width: int = 640, height: int = 320) -> str:
    """The chart's SVG, scalable (a viewBox instead of a fixed size) and named by its caption."""
    root = ET.fromstring(chart.to_svg(width=width, height=height))
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("viewBox", f"0 0 {width} {height}")
    root.set("role", "img")
    root.set("aria-labelledby", label_id)
    root.set("class", "mb-chart__svg")
    root.set("focusable", "false")
    for element in root.iter():
        for key, value in list(element.attrib.items()):
            if key in {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy"} and "." in value:
                element.set(key, f"{float(value):.1f}")
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    return ET.tostring(root, encoding="unicode")


def _count_ticks(top: float) -> list[int]:
    """Whole, round-numbered ticks from 0 to at least `top` (counts have no halves), about five of them."""
    top = max(1, int(top))
    step = next(step for step in (n * 10 ** e for e in range(12) for n in (1, 2, 5)) if top / step <= 6)
    return list(range(0, -(-top // step) * step + 1, step))


def _bars(rows: list[tuple[float, str]], label_id: str, x_title: str) -> str:
    chart = leather.Chart()
    ticks = _count_ticks(max(n for n, _ in rows))
    chart.add_x_scale(0, ticks[-1])
    chart.add_bars([(n, name) for n, name in reversed(rows)], fill_color="currentColor")
    chart.add_x_axis(ticks=ticks, name=x_title)
    return _svg(chart, label_id, height=max(160, 34 * len(rows) + 80))


def _columns(rows: list[tuple[str, float]], label_id: str, y_title: str) -> str:
    chart = leather.Chart()
    ticks = _count_ticks(max(n for _, n in rows))
    chart.add_y_scale(0, ticks[-1])
    chart.add_columns(rows, fill_color="currentColor")
    chart.add_y_axis(ticks=ticks, name=y_title)
    return _svg(chart, label_id)


def _over_time(points: list[dict[str, Any]], label_id: str) -> str:
    chart = leather.Chart()
    first = dt.date.fromisoformat(points[0]["week"])
    ticks = _count_ticks(max(p["open"] for p in points))
    chart.add_y_scale(0, ticks[-1])
    chart.add_line([((dt.date.fromisoformat(p["week"]) - first).days // 7, p["open"]) for p in points],
                   stroke_color="currentColor", width=2)
    chart.add_x_axis(name=f"weeks since {first.isoformat()}")
    chart.add_y_axis(ticks=ticks, name="open postings")
    return _svg(chart, label_id)


def _pay(bins: list[dict[str, Any]], floor: float, currency: str, label_id: str) -> str:
    chart = leather.Chart()
    ticks = _count_ticks(max(b["postings"] for b in bins))
    tallest = ticks[-1]
    chart.add_y_scale(0, tallest)
    chart.add_line([(b["from"] + (b["to"] - b["from"]) / 2, b["postings"]) for b in bins],
                   stroke_color="currentColor", width=2, name="open postings")
    chart.add_line([(floor, 0), (floor, tallest)], stroke_color="currentColor", width=2,
                   stroke_dasharray="6 4", name="pay floor")
    chart.add_x_axis(name=f"{currency} per hour (dashed: the pay floor, {money(floor)})")
    chart.add_y_axis(ticks=ticks, name="postings")
    return _svg(chart, label_id)


# ---------------------------------------------------------------- the page


def _figures(stats: dict[str, Any]) -> list[dict[str, Any]]:
    """Each figure: a heading, a sentence (the chart's text alternative), the chart, and its table."""
    figures: list[dict[str, Any]] = []
    currency = stats["currency"]
    points = stats["open_over_time"]
    if stats["all"]:
        peak = max(points, key=lambda p: p["open"])
        figures.append({
            "id": "open-over-time", "title": "Open postings over time",
            "text": (f"{points[-1]['open']:,} postings are open today; over the last {len(points)} weeks the "
                     f"most open at once was {peak['open']:,}, in the week of {peak['week']}."),
            "svg": _over_time(points, "open-over-time-text"),
            "head": ("Week of", "Open postings"), "rows": [(p["week"], f"{p['open']:,}") for p in points]})
    if stats["by_field"]:
        top = max(stats["by_field"], key=lambda r: r["postings"])
        figures.append({
            "id": "by-field", "title": "Open postings by field",
            "text": f"{len(stats['by_field'])} fields have open postings; {top['field']} has the most, {top['postings']:,}.",
            "svg": _bars([(r["postings"], r["field"]) for r in stats["by_field"]], "by-field-text", "open postings"),
            "head": ("Field", "Open postings"), "rows": [(r["field"], f"{r['postings']:,}") for r in stats["by_field"]]})
    if stats["open"]:
        common = max(stats["hours"], key=lambda r: r["postings"])
        figures.append({
            "id": "hours", "title": "Hours asked for",
            "text": f"Most open postings ({common['postings']:,}) ask for {common['hours']} hours in all.",
            "svg": _columns([(r["hours"], r["postings"]) for r in stats["hours"]], "hours-text", "open postings"),
            "head": ("Hours in all", "Open postings"), "rows": [(r["hours"], f"{r['postings']:,}") for r in stats["hours"]]})
    pay = stats["pay_per_hour"]
    if pay["bins"]:
        below = sum(b["postings"] for b in pay["bins"] if b["below_floor"])
        figures.append({
            "id": "pay", "title": "Pay per hour",
            "text": (f"The median open posting pays {money(pay['median'])} {currency} an hour; the board's pay floor "
                     f"is {money(stats['pay_floor'])} {currency}, and {below:,} open postings are below it."),
            "svg": _pay(pay["bins"], stats["pay_floor"], currency, "pay-text"),
            "head": (f"{currency} per hour", "Open postings"),
            "rows": [(f"{money(b['from'])} to {money(b['to'])}" + (" (below the floor)" if b["below_floor"] else ""),
                      f"{b['postings']:,}") for b in pay["bins"]]})
    mentored = stats["mentored"]
    if mentored["share"] is not None:
        figures.append({
            "id": "mentored", "title": "Mentored postings",
            "text": (f"{round(mentored['share'] * 100)} % of open postings name a mentor "
                     f"({mentored['mentored']:,} of {stats['open']:,})."),
            "svg": _bars([(mentored["mentored"], "Mentored"), (mentored["not_mentored"], "No mentor named")],
                         "mentored-text", "open postings"),
            "head": ("Mentor", "Open postings"),
            "rows": [("Mentored", f"{mentored['mentored']:,}"), ("No mentor named", f"{mentored['not_mentored']:,}")]})
    fill = stats["days_to_fill"]
    if fill["known"]:
        counts = [(name, sum(1 for d in fill["days"] if d >= low and (high is None or d <= high)))
                  for low, high, name in FILL_BINS]
        figures.append({
            "id": "days-to-fill", "title": "Days from posting to filled",
            "text": (f"Of {fill['known']:,} filled postings whose files say when, the median was filled "
                     f"{fill['median']:g} days after it went up."),
            "svg": _columns(counts, "days-to-fill-text", "filled postings"),
            "head": ("Filled", "Filled postings"), "rows": [(name, f"{n:,}") for name, n in counts]})
    if stats["top_skills"]:
        first = stats["top_skills"][0]
        figures.append({
            "id": "top-skills", "title": "Skills asked for most",
            "text": f"{first['skill']} is asked for most, by {first['postings']:,} open postings.",
            "svg": _bars([(r["postings"], r["skill"]) for r in stats["top_skills"]], "top-skills-text", "open postings"),
            "head": ("Skill", "Open postings"), "rows": [(r["skill"], f"{r['postings']:,}") for r in stats["top_skills"]]})
    return figures


def numbers_outputs(catalog: Catalog, renderer: PageRenderer) -> list[Output]:
    """stats.json and the "Board in numbers" page."""
    stats = board_numbers(catalog)
    _theme()
    template = renderer.env.get_template("microboard/numbers.html")
    body = renderer.render_listing(template, "numbers/", stats=stats, figures=_figures(stats))
    meta = {"title": "Board in numbers",
            "description": html.escape(f"{stats['open']:,} open postings on {renderer.options.site_name}, "
                                       "in charts and tables."),
            "hide": ["toc"], "search": {"exclude": True}}
    return [file_output("stats.json", json.dumps(stats, ensure_ascii=False, indent=1)),
            Output("numbers/index.md", body, PAGE, meta, in_nav=True)]
