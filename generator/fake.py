"""Synthetic postings: valid, varied and realistic, from a fixed seed, for tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from generator.organization import ORG_FILE, organization_data, organization_yaml
from generator.skills import load_vocabulary
from generator.slugs import slugify

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/project.schema.json\n"

_ORG_FIRST = ["Harbor", "Maple", "Northwind", "Bright", "Cedar", "Summit", "Riverside", "Lumen", "Orchard", "Atlas",
              "Copper", "Willow", "Beacon", "Granite", "Meadow", "Pioneer", "Evergreen", "Silver", "Kestrel", "Juniper"]
_ORG_SECOND = ["Health", "Labs", "Studio", "Foundation", "Bank", "Analytics", "Collective", "Works", "Partners",
               "Museum", "Clinic", "Robotics", "Kitchen", "Press", "Energy", "Council", "Academy", "Trust"]
_TASKS = {
    "software": (["Build", "Prototype", "Automate", "Refactor", "Test"],
                 ["an internal booking tool", "a volunteer sign-up page", "our inventory scripts", "a Slack bot",
                  "the donor database export", "an accessibility audit fix list"],
                 ["Python", "JavaScript", "HTML", "CSS", "Git", "APIs", "Testing", "Automation", "React"]),
    "data": (["Analyze", "Clean", "Visualize", "Model", "Map"],
             ["three years of sales data", "our survey results", "clinic wait times", "customer churn",
              "bike-share trips", "grant outcomes"],
             ["Python", "SQL", "Excel", "Data analysis", "Data visualization", "Data cleaning", "Statistics",
              "Tableau", "R", "GIS"]),
    "design": (["Design", "Redesign", "Illustrate", "Prototype"],
               ["a logo", "our annual report layout", "a mobile onboarding flow", "event posters",
                "a set of icons", "the donation page"],
               ["Figma", "Graphic design", "Logo design", "UX design", "UI design", "Adobe Illustrator",
                "Prototyping", "Illustration"]),
    "marketing": (["Plan", "Launch", "Audit", "Grow"],
                  ["a social media campaign", "our newsletter", "a product launch", "our SEO",
                   "a referral program"],
                  ["Social media", "Content marketing", "SEO", "Email marketing", "Copywriting",
                   "Market research", "Google Analytics"]),
    "finance": (["Build", "Review", "Forecast", "Benchmark"],
                ["a cash-flow model", "our pricing", "next year's budget", "vendor costs", "a grant budget"],
                ["Excel", "Financial modeling", "Accounting", "Budgeting", "Data analysis"]),
    "research": (["Research", "Survey", "Interview", "Review"],
                 ["competitors in our market", "student housing needs", "local food suppliers",
                  "remote-work policies", "the literature on peer tutoring"],
                 ["Research", "Survey design", "Customer research", "Report writing", "Statistics",
                  "Policy analysis"]),
    "writing": (["Write", "Edit", "Rewrite", "Draft"],
                ["our help center articles", "three case studies", "a grant proposal", "the onboarding guide",
                 "website copy"],
                ["Copywriting", "Technical writing", "Editing", "Grant writing", "Research"]),
    "operations": (["Map", "Improve", "Streamline", "Document"],
                   ["our intake process", "the warehouse layout", "volunteer scheduling", "supplier onboarding"],
                   ["Process improvement", "Project management", "Excel", "Automation", "Data analysis"]),
}
_SENTENCES = [
    "Our team has grown faster than our tools, and the work below has been on our list for months.",
    "You will work with a small team that answers questions quickly and cares about the result.",
    "We have the data and the context; what we need is a fresh pair of hands and a clear deliverable.",
    "Good looks like something our staff can keep using after the project ends, with notes they can follow.",
    "The first week is for understanding the problem; after that you will share progress at every check-in.",
    "We would rather see a simple, finished piece of work than an ambitious one that is half done.",
    "You will get access to the files you need on day one, and a named person to ask when you are stuck.",
    "Expect honest feedback, a real problem, and a result you can show in your portfolio.",
    "Previous students on projects like this went on to internships and full-time roles with our partners.",
    "Everything you make stays useful: we will credit you by name if you would like us to.",
    "We are happy to adapt the scope to your schedule, as long as the deliverables are clear from the start.",
    "At the end we will walk through the work together and talk about what you would do next.",
]
_CITIES = [("Chicago", "IL", "US"), ("Austin", "TX", "US"), ("Toronto", "ON", "CA"), ("Denver", "CO", "US"),
           ("Boston", "MA", "US"), ("Seattle", "WA", "US"), ("Atlanta", "GA", "US")]
_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London", "UTC"]
_FIRST = ["Dana", "Sam", "Priya", "Jordan", "Mei", "Luis", "Amara", "Noah", "Fatima", "Alex", "Grace", "Tomas"]
_LAST = ["Ruiz", "Okafor", "Chen", "Patel", "Nguyen", "Schmidt", "Garcia", "Kim", "Haddad", "Larsen"]


def fake_posting(rng: random.Random, org: str, title: str, field: str, today: dt.date) -> dict:
    verbs, objects, skills = _TASKS[field]
    known = load_vocabulary().canonical
    chosen = rng.sample([s for s in skills if s in known], k=min(len(skills), rng.randint(2, 5)))
    hours = rng.choice([5, 8, 10, 12, 15, 20, 20, 25, 30, 40])
    posted = today - dt.timedelta(days=rng.randint(0, 30))
    apply_by = today + dt.timedelta(days=rng.randint(5, 120))
    start = apply_by + dt.timedelta(days=rng.randint(1, 10))
    pay_type = rng.choice(["fixed", "fixed", "hourly", "stipend"])
    rate = rng.choice([20, 22, 25, 28, 30, 35, 40, 50])
    amount = rate if pay_type == "hourly" else rate * hours
    mentor_first, mentor_last = rng.choice(_FIRST), rng.choice(_LAST)
    paragraphs = [" ".join(rng.sample(_SENTENCES, 4)) for _ in range(3)]
    description = (f"{org} is looking for a student to {title[0].lower() + title[1:]}.\n\n"
                   + paragraphs[0] + "\n\nWhat you will do:\n\n"
                   + "".join(f"- {rng.choice(verbs)} {rng.choice(objects)}\n" for _ in range(3))
                   + "\n" + paragraphs[1] + "\n\n" + paragraphs[2] + "\n")
    posting: dict = {
        "title": title,
        "summary": f"{title} for {org}, in about {hours} hours, with clear deliverables and a named mentor.",
        "description": description,
        "deliverables": [f"A finished piece of work: {title.lower()}", "A short write-up of what you did and why",
                         "A 15-minute handover call with the team"][: rng.randint(2, 3)],
        "field": field,
        "skills": chosen,
        "hours": hours,
        "timeline": {"apply_by": apply_by.isoformat(), "start": start.isoformat()},
        "compensation": {"type": pay_type, "amount": amount, "currency": "USD"},
    }
    if rng.random() < 0.3:
        posting["tags"] = rng.sample(["paid", "portfolio", "beginner-friendly", "nonprofit", "startup",
                                      "part-time", "flexible"], k=2)
    if rng.random() < 0.5:
        posting["timeline"]["due"] = (start + dt.timedelta(weeks=rng.randint(1, 6))).isoformat()
    else:
        posting["timeline"]["duration_weeks"] = rng.randint(1, 6)
    kind = rng.choice(["remote", "remote", "remote", "hybrid", "on-site"])
    location: dict = {"type": kind}
    if kind == "remote":
        location["country"] = "US"  # job searches list a remote posting only for the countries it names
        if rng.random() < 0.5:
            location["timezones"] = rng.sample(_ZONES, k=rng.randint(1, 2))
    else:
        city, region, country = rng.choice(_CITIES)
        location.update(city=city, region=region, country=country)
    posting["location"] = location
    if rng.random() < 0.4:
        posting["eligibility"] = {"levels": rng.sample(["undergraduate", "graduate", "recent-graduate"], k=2)}
    if rng.random() < 0.8:
        posting["mentorship"] = {
            "mentor": f"{mentor_first} {mentor_last}, project lead",
            "check_ins": rng.choice(["weekly", "twice-weekly", "every-two-weeks", "at-milestones"]),
            "feedback": rng.sample(["written-review", "reference", "portfolio-review", "exit-conversation"], k=2),
            "learning_outcomes": [f"Use {chosen[0]} on a real problem", "Scope and deliver work for a client"],
        }
    domain = f"{slugify(org)}.example.org"
    posting["apply"] = ({"url": f"https://{domain}/jobs/{slugify(title)}"} if rng.random() < 0.7
                        else {"email": f"jobs@{domain}"})
    posting["contact"] = {"name": f"{mentor_first} {mentor_last}", "email": f"{mentor_first.lower()}@{domain}"}
    posting["owners"] = [f"{mentor_first}-{mentor_last}".lower()]
    posting["status"] = "open"
    posting["posted"] = posted.isoformat()
    return posting


def write_fake_postings(out: Path, count: int, seed: int, today: dt.date) -> int:
    """Write `count` postings as `out/<org-slug>/<project-slug>.yaml`; the same seed gives the same files."""
    rng = random.Random(seed)
    orgs = [f"{a} {b}" for a in _ORG_FIRST for b in _ORG_SECOND]
    rng.shuffle(orgs)
    org_count = max(1, min(len(orgs), count // 4 or 1))
    used: set[tuple[str, str]] = set()
    owners: dict[str, list[str]] = {}
    out = Path(out)
    for index in range(count):
        org = orgs[index % org_count]
        field = rng.choice(list(_TASKS))
        verbs, objects, _ = _TASKS[field]
        title = f"{rng.choice(verbs)} {rng.choice(objects)}"
        if (org, title) in used:
            title = f"{title} (project {index + 1})"
        used.add((org, title))
        posting = fake_posting(rng, org, title, field, today)
        folder = out / slugify(org)
        folder.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(posting, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{slugify(title)}.yaml").write_text(SCHEMA_COMMENT + text, encoding="utf-8")
        owners.setdefault(org, []).extend(posting["owners"])
    for org, logins in owners.items():  # each organization is owned by the people who own its postings
        data = organization_data(org, f"https://{slugify(org)}.example.org",
                                 f"{org} works with its community on projects of every kind.", logins[:20])
        (out / slugify(org) / ORG_FILE).write_text(organization_yaml(data), encoding="utf-8")
    return count
