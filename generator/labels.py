"""Every word the board's cards and pages show for a posting's values, in one table.

Written to be translated: a phrase is a whole sentence part with `{named}` places (never glued from
fragments), and a count has its singular and plural forms side by side. The site's script gets the
words it writes through the build's data files (board.json and words.js), so
this table is the only copy.
"""

from __future__ import annotations

FIELD_LABELS = {
    "software": "Software",
    "data": "Data",
    "design": "Design",
    "marketing": "Marketing",
    "communications": "Communications",
    "finance": "Finance",
    "research": "Research",
    "writing": "Writing",
    "operations": "Operations",
    "sales": "Sales",
    "legal": "Legal",
    "product": "Product",
    "education": "Education",
    "health": "Health",
    "nonprofit": "Nonprofit",
}

CHECK_IN_LABELS = {
    "daily": "daily check-ins",
    "twice-weekly": "check-ins twice a week",
    "weekly": "weekly check-ins",
    "every-two-weeks": "check-ins every two weeks",
    "at-milestones": "check-ins at each milestone",
}

FEEDBACK_LABELS = {
    "written-review": "a written review of your work",
    "reference": "a reference for future applications",
    "portfolio-review": "a review of the work for your portfolio",
    "exit-conversation": "an exit conversation with feedback",
    "linkedin-recommendation": "a LinkedIn recommendation",
}

LOCATION_LABELS = {"remote": "Remote", "hybrid": "Hybrid", "on-site": "On site"}
PAY_LABELS = {"fixed": "fixed fee", "hourly": "per hour", "stipend": "stipend", "unpaid": "unpaid"}

# Who may apply, as the card's "For ..." line names them.
LEVEL_LABELS = {
    "high-school": "high school students",
    "undergraduate": "undergraduates",
    "graduate": "graduate students",
    "recent-graduate": "recent graduates",
    "bootcamp": "bootcamp students",
    "career-changer": "career changers",
}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Phrases: `{name}` marks a value; a tuple is (one, many) for a count `{n}`.
WORDS = {
    "day": "{day} {month} {year}",                      # 5 Mar 2027 (cards) and 5 March 2027 (pages)
    "hours-in-all": ("{n} hour in all", "{n} hours in all"),
    "hours-a-week": ("{n} hour a week", "{n} hours a week"),
    "about-hours-a-week": ("about {n} hour a week", "about {n} hours a week"),
    "for-weeks": ("for {n} week", "for {n} weeks"),
    "pay": "{amount} {currency} {type}",                # 1,200 USD fixed fee
    "unpaid": "Unpaid",
    "per-hour": "≈ {amount} {currency} an hour",        # a fee or stipend spread over the hours
    "place": "{where} · {place}",                       # Hybrid · Oslo, NO
    "only": "{countries} only",                         # Remote · US only
    "time-zones": "{zones} time",                       # Remote · New York or Chicago time
    "or": "{first} or {last}",
    "for-levels": "For {levels}",
    "posted": "Posted {day}",
    "apply-by": "Apply by",
    "mentored": "Mentored",
    "skills": "Skills",
    "new": "New",
    # a posting gathered from a partner board: the line on its card, and its link to the employer's apply page
    "via": "via {name}",
    "apply-at-employer": "Apply on the employer's site",
    "apply-on-site": "Apply on {site}",                  # a link to another site: a job board's
    "apply-on-own-site": "Apply on {owner} site",        # {owner} already possessive: Acme’s, Harry's
    "closed": "closed",
    "closes-today": "closes today",
    "closes-tomorrow": "closes tomorrow",
    "closes-in-days": ("closes in {n} day", "closes in {n} days"),
    "closes-in-weeks": ("closes in {n} week", "closes in {n} weeks"),
    "applications-closed-on": "Applications closed on {day}.",
    "filled": "This project has been filled.",
    "closed-by-employer": "This project was closed by the employer.",
}


def _form(phrase: str | tuple[str, str], count: int | None) -> str:
    """A phrase's singular or plural form for `count`; a phrase of one form is itself."""
    if isinstance(phrase, tuple):
        return phrase[0] if count == 1 else phrase[1]
    return phrase


def word(key: str, count: int | None = None, **values: object) -> str:
    """The phrase `key` with its values put in; `count` picks the singular or plural form."""
    return _form(WORDS[key], count).format(**values)


# ---------------------------------------------------------------- words the board's scripts write
# The build hands these over (board.json, the page), so no script holds a copy of its own.

# Words only the script shows; the build passes them to it in board.json (board.js holds no copy).
OPEN_PROJECTS = ("open project", "open projects")  # the board's count: `12 open projects`
UPDATED_DAYS_AGO = "Updated {n} days ago"  # once the build is more than two days older than the visitor's day

# The words the filter script writes that no server page shows: the summary of active filters above the
# results ({n} a number, {label} a filter's words), the panel's closing action and the facet counts.
FILTER_WORDS = {
    "remote": "Remote",
    "mentored": "Mentored",
    "hmin": "≥ {n} h",
    "hmax": "≤ {n} h",
    "pay": "≥ {n} {currency}/h",
    "within": "Closes within {n} days",
    "open": "Open ≥ {n} days",
    "text": "“{n}”",
    "remove": "Remove filter: {label}",
    "show": ["Show {n} project", "Show {n} projects"],
    "none": "none left",
}
# The row of quick filters above the results on a phone: each button sets one of the panel's filters
# ({n} a number of hours or days).
QUICK_WORDS = {
    "group": "Quick filters",
    "remote": "Remote",
    "mentored": "Mentored",
    "hmax": "Up to {n} h",
    "open": "Open {n}+ days",
}
# When nothing matches: the closest word postings use, and what each filter in use is hiding
# ({filter} is the filter's own label on the form).
NEAREST_WORD = "Search for {word} instead"
HIDDEN_BY_FILTER = "{n} more without {filter}"

# The board's Follow link, for the narrowest feed that holds what the filters show ({name}: the
# field's or skill's name).
FOLLOW_WORDS = {"all": "Follow new projects", "field": "Follow new {name} projects",
                "skill": "Follow new projects using {name}", "remote": "Follow new remote projects"}
# The facts every feed entry carries, in order, with their labels.
FACT_LABELS = {"hours": "Hours", "pay": "Pay", "place": "Place", "apply_by": "Apply by"}

# The "Save" and "New" marks and the saved list (saved.js, through head.html).
SAVED_WORDS = {
    "save": "Save",
    "saved": "Saved",
    "savedCount": "Saved ({n})",
    "savedTitle": "Saved projects",
    "none": "Nothing saved yet. Select Save on a project to keep it here.",
    "closed": "Closed",
    "remove": "Remove",
    "clear": "Clear the saved list",
    "new": WORDS["new"],
    "kept": "Kept in this browser only.",
}

# The board's list as its script and its server page both write it ({n} a number): the count once filters are
# on, what the list says when nothing matches or nothing is open, the "Show N more" button and what it says
# when the next cards could not load (pressing it again tries again). The script gets them in board.json.
LIST_WORDS = {
    "match-none": "No project matches",
    "match": ("{n} project matches", "{n} projects match"),
    "empty": "No project matches these filters.",
    "none-open": "No projects are open right now. Follow the feed to hear about the next one.",
    "more": ("Show {n} more", "Show {n} more"),
    "more-failed": "The next projects could not load. Check your connection and try again.",
}
# What the board's script writes before board.json is in, or when it cannot load it: the filters' summary
# ("Filters (2 active)"), a number of days typed into an address (?within=10) and the note over an unfiltered
# list. The page carries them (the board's data-words).
BOARD_PAGE_WORDS = {
    "active": ("({n} active)", "({n} active)"),
    "days": ("{n} day", "{n} days"),
    "failed": "The filters could not load their data. The list below is unfiltered.",
}


def counted(phrase: str | tuple[str, str], count: int, **values: object) -> str:
    """A phrase of these tables for `count` (its one or many form), `{n}` written as the board writes numbers."""
    return _form(phrase, count).format(n=f"{count:,}", **values)


def match_text(count: int) -> str:
    """The board's count line once filters are on: "No project matches", "1 project matches", "12 projects match"."""
    return LIST_WORDS["match-none"] if count == 0 else counted(LIST_WORDS["match"], count)
