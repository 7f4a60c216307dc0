"""Import a public internship list into a board's layout, validate it, and count what is refused and why.

    python benchmarks/import_listings.py LISTINGS.json [--out DIR] [--today YYYY-MM-DD] [--json FILE]

LISTINGS.json is a list in the shape of SimplifyJobs' `listings.json` (company_name, title, locations,
terms, date_posted and date_updated as Unix times, active, url, company_url, sponsorship). Each listing
becomes `projects/<organization>/<posting>.yaml` beside one `organization.yaml` per company; the
validator then checks the whole folder and the script prints the refused postings, the errors by code
and the warnings by code.

Such a list says nothing about pay, hours, skills or deliverables, which every posting on a board
states. The importer fills those with the same plain values for every listing (40 hours at 25 USD an
hour, one broad skill and one deliverable, the field guessed from the title), so what the validator
refuses comes from what the list does say: titles, companies, places, seasons, dates and links.
Run it with another checkout's generator on PYTHONPATH to compare two versions on the same data.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from generator.settings import Settings
from generator.slugs import slugify
from generator.validate import validate_paths

OWNER = "board-maintainer"
HOURS, RATE, CURRENCY = 40, 25, "USD"

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}
STATE_CODES = {name.casefold(): code for code, name in US_STATES.items()}
CA_PROVINCES = {"ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NT", "NU"}
COUNTRIES = {
    "us": "US", "usa": "US", "u.s.": "US", "u.s": "US", "united states": "US",
    "united states of america": "US", "canada": "CA", "uk": "GB", "united kingdom": "GB", "england": "GB",
    "ireland": "IE", "germany": "DE", "france": "FR", "netherlands": "NL", "switzerland": "CH",
    "singapore": "SG", "india": "IN", "japan": "JP", "china": "CN", "hong kong": "HK", "australia": "AU",
    "israel": "IL", "poland": "PL", "spain": "ES", "italy": "IT", "sweden": "SE", "mexico": "MX",
    "brazil": "BR", "taiwan": "TW", "south korea": "KR", "korea": "KR",
}
NICKNAMES = {"nyc": ("New York", "NY"), "sf": ("San Francisco", "CA"), "la": ("Los Angeles", "CA")}
SEASONS = {"spring": ((1, 15), (5, 15)), "summer": ((6, 1), (8, 31)), "fall": ((9, 1), (12, 15)),
           "winter": ((1, 5), (4, 30))}
FIELDS = (  # the first match in the title decides, so the narrower words come first
    ("data", ("data", "analytics", "machine learning", "ml ", "ai ", "quant")),
    ("design", ("design", "ux", "ui ")),
    ("product", ("product manag", "product intern", "program manag")),
    ("finance", ("finance", "financial", "accounting", "audit", "tax", "investment", "trading", "banking")),
    ("marketing", ("marketing", "brand", "social media")),
    ("research", ("research", "scientist", "science")),
    ("sales", ("sales", "business development")),
    ("legal", ("legal", "law ", "compliance")),
    ("software", ("software", "engineer", "developer", "swe", "sde", "devops", "security", "cloud", "web",
                  "mobile", "it ", "technology", "computer")),
)
SKILL = {"software": "Git", "data": "Data analysis", "design": "UX design", "product": "Product management",
         "finance": "Financial modeling", "marketing": "Market research", "research": "Research",
         "sales": "CRM", "legal": "Legal research", "operations": "Project management"}
WORK_AUTHORIZATION = {
    "Offers Sponsorship": "The employer offers visa sponsorship.",
    "Does Not Offer Sponsorship": "The employer does not sponsor visas.",
    "U.S. Citizenship is Required": "U.S. citizenship is required.",
}


# ---------------------------------------------------------------- one listing as a posting


def place(text: str) -> dict[str, str] | None:
    """A location line (`Chicago, IL`, `Toronto, ON, Canada`, `Remote in USA`, `NYC`) as our location block;
    None when it names no city or remote arrangement (`Multiple Locations`, `United States`)."""
    raw = re.sub(r"\s+", " ", text.replace("<br>", " ")).strip()
    low = raw.casefold()
    if "remote" in low:
        rest = re.sub(r"[()\-–,]|\bremote\b|\bin\b", " ", low).strip()
        country = COUNTRIES.get(re.sub(r"\s+", " ", rest))
        return {"type": "remote", **({"country": country} if country else {})}
    if low in NICKNAMES:
        city, region = NICKNAMES[low]
        return {"type": "on-site", "city": city, "region": region, "country": "US"}
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) < 2:
        return None
    city, rest = parts[0], [p.removesuffix(" (Preferred)") for p in parts[1:]]
    country = COUNTRIES.get(rest[-1].casefold())
    region = rest[0] if len(rest) >= 2 or country is None else ""
    if country is None:
        if region.upper() in US_STATES or region.casefold() in STATE_CODES:
            country = "US"
        elif region.upper() in CA_PROVINCES:
            country = "CA"
        else:
            return None
    if country == "US" and region.casefold() in STATE_CODES:
        region = STATE_CODES[region.casefold()]
    block = {"type": "on-site", "city": city, "country": country}
    if region:
        block["region"] = region
    return block


def season_dates(terms: list[str]) -> tuple[dt.date, dt.date] | None:
    """`Summer 2025` -> its usual first and last day; several terms span from the first to the last."""
    spans = []
    for term in terms:
        match = re.fullmatch(r"(spring|summer|fall|winter)\s+(\d{4})", str(term).strip(), re.IGNORECASE)
        if match:
            (m1, d1), (m2, d2) = SEASONS[match.group(1).lower()]
            year = int(match.group(2))
            spans.append((dt.date(year, m1, d1), dt.date(year, m2, d2)))
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def field_of(title: str) -> str:
    low = f" {title.casefold()} "
    for field, words in FIELDS:
        if any(word in low for word in words):
            return field
    return "operations"


def day(epoch: Any) -> dt.date:
    return dt.datetime.fromtimestamp(int(epoch or 0), dt.timezone.utc).date()


def posting(listing: dict[str, Any], today: dt.date) -> dict[str, Any]:
    title = str(listing.get("title") or "").strip()
    company = str(listing.get("company_name") or "").strip()
    terms = [str(t) for t in listing.get("terms") or []]
    locations = [str(x) for x in listing.get("locations") or []]
    posted = day(listing.get("date_posted"))
    updated = max(day(listing.get("date_updated")), posted)
    is_open = bool(listing.get("active"))
    apply_by = max(today + dt.timedelta(days=30), posted) if is_open else updated
    timeline: dict[str, Any] = {"apply_by": apply_by.isoformat()}
    season = season_dates(terms)
    if season and season[0] >= apply_by:
        timeline["start"] = season[0].isoformat()
    if season and season[1] >= max(apply_by, season[0]):
        timeline["due"] = season[1].isoformat()
    else:
        timeline["duration_weeks"] = 12
    where = next((p for p in map(place, locations) if p), None) or {"type": "on-site"}
    field = field_of(title)
    term_text = " and ".join(terms) or "an"
    description = (f"{title} at {company}, {' and '.join(terms) or 'dates to be agreed'}. "
                   f"Locations: {'; '.join(locations) or 'not given'}. The full description is on the "
                   "employer's site, behind the apply link.")
    data: dict[str, Any] = {
        "title": title,
        "summary": f"{term_text} internship at {company}: {title}."[:200],
        "description": description,
        "deliverables": ["The work the team plans with you at the start"],
        "field": field,
        "skills": [SKILL[field]],
        "hours": HOURS,
        "timeline": timeline,
        "compensation": {"type": "hourly", "amount": RATE, "currency": CURRENCY},
        "location": where,
        "apply": {"url": str(listing.get("url") or "")},
        "owners": [OWNER],
        "status": "open" if is_open else "closed",
        "posted": posted.isoformat(),
    }
    authorization = WORK_AUTHORIZATION.get(str(listing.get("sponsorship")))
    if authorization:
        data["eligibility"] = {"work_authorization": authorization}
    if updated > posted:
        data["updated"] = updated.isoformat()
    return data


def organization(listing: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"name": str(listing.get("company_name") or "").strip()}
    url = str(listing.get("company_url") or "")
    if url.startswith("https://") and "simplify.jobs" not in url:  # Simplify's own company pages are not theirs
        data["url"] = url
    data["owners"] = [OWNER]
    return data


# ---------------------------------------------------------------- the whole list


def write_board(listings: list[dict[str, Any]], out: Path, today: dt.date) -> int:
    """Write the listings under out/projects/; returns how many postings were written."""
    projects = out / "projects"
    used: set[tuple[str, str]] = set()
    orgs: set[str] = set()
    written = 0
    for listing in listings:
        org_slug = slugify(str(listing.get("company_name") or "")) or "unnamed"
        base = slugify(str(listing.get("title") or ""), 48) or "posting"
        # the same title twice in one company gets its season, then a number: files never overwrite each other
        candidates = [base, f"{base}-{slugify(' '.join(listing.get('terms') or []), 15)}".strip("-")]
        slug = next((c for c in candidates if (org_slug, c) not in used), None)
        number = 2
        while slug is None:
            slug = f"{base}-{number}" if (org_slug, f"{base}-{number}") not in used else None
            number += 1
        used.add((org_slug, slug))
        folder = projects / org_slug
        folder.mkdir(parents=True, exist_ok=True)
        if org_slug not in orgs:
            orgs.add(org_slug)
            _dump(folder / "organization.yaml", organization(listing))
        _dump(folder / f"{slug}.yaml", posting(listing, today))
        written += 1
    return written


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10 ** 6), encoding="utf-8")


def tally(result: Any) -> dict[str, Any]:
    errors = collections.Counter(p.code for p in result.problems if p.is_error)
    warnings = collections.Counter(p.code for p in result.problems if not p.is_error)
    refused = {p.file for p in result.problems if p.is_error and not p.file.endswith("organization.yaml")}
    return {"files": result.files_checked, "postings_refused": len(refused),
            "errors": dict(errors.most_common()), "warnings": dict(warnings.most_common())}


def table(counts: dict[str, int]) -> str:
    lines = ["| code | count |", "|---|---:|"]
    lines += [f"| `{code}` | {n:,} |" for code, n in counts.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("listings", type=Path)
    parser.add_argument("--out", type=Path, help="where to write the board (default: a temporary folder)")
    parser.add_argument("--today", help="the day to validate for (default: the list's last update)")
    parser.add_argument("--json", type=Path, help="also write the counts as JSON here")
    args = parser.parse_args(argv)
    listings = json.loads(args.listings.read_text(encoding="utf-8"))
    today = (dt.date.fromisoformat(args.today) if args.today
             else max(day(x.get("date_updated")) for x in listings))
    with tempfile.TemporaryDirectory(prefix="microboard-import-") as scratch:
        out = args.out or Path(scratch)
        written = write_board(listings, out, today)
        started = time.perf_counter()
        result = validate_paths([out / "projects"], Settings(today=today), root=out)
        seconds = time.perf_counter() - started
    counts = tally(result)
    counts.update({"listings": len(listings), "postings": written, "today": today.isoformat(),
                   "validate_seconds": round(seconds, 1)})
    print(f"{len(listings):,} listings -> {written:,} postings; validated for {today} in {seconds:.1f} s; "
          f"{counts['postings_refused']:,} postings refused")
    print("\nErrors by code\n\n" + table(counts["errors"]))
    print("\nWarnings by code\n\n" + table(counts["warnings"]))
    if args.json:
        args.json.write_text(json.dumps(counts, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
