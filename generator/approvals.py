"""An approval is for one commit: the `maintainer-approved` label counts only for the head it was given on.

A maintainer who adds the label has looked at the pull request as it was then. If the author pushes
again (for example a commit that deletes another organization's posting), the label must not carry
over to the new commit. Reviews already carry the commit they approve (`commit_id`); a label does
not, so the bot has to know on which head commit it was given. The ways to find out, and why this
module uses the last one:

* The time of the `labeled` event (issue events API) against the time of the push: GitHub's timeline
  lists ordinary pushes only as `committed` events whose dates are the commit's own author and
  committer dates, which the author writes. A hostile author can date a later commit in the past.
* Removing the label on every push: there is no push event the bot can trust to run before the
  label is looked at, and a workflow run for the new commit cannot tell a label given before the push
  from one given after it.
* What the bot itself saw, recorded where only the bot writes. Every report the bot posts names, on
  the line after the report marker, the head commit it reported on (`<!-- microboard-head: SHA -->`).
  Only comments by the bot account are read (as for the report itself), and the report quotes
  postings only through `markdown_text`, which escapes `<`, so nobody else can write that line.
  The label counts for head H only if the bot's last report was already about H: the bot had seen H
  as the head before the label was looked at. When the label is there but the last report was about
  another commit (or there is none), the label was given, or may have been given, on an earlier
  commit: it is stale. The bot then ignores it, removes it and says why in a comment; a maintainer
  who has looked at the new commit adds it again, and the next run (labeling starts one) counts it.

The cost of this choice: a maintainer who adds the label within the minutes between a push and the
bot's report on it has to add it again. The label never approves a commit the bot had not seen.
"""

from __future__ import annotations

import re

from generator.commits import SHA, is_sha

HEAD_LINE = "<!-- microboard-head: {sha} -->"
_HEAD = re.compile(rf"<!-- microboard-head: ({SHA.pattern}) -->")


def head_line(sha: str) -> str:
    """The line that records which head commit a report is about; it follows the report marker."""
    if not is_sha(sha):
        raise ValueError(f"not a commit sha: {sha!r}")
    return HEAD_LINE.format(sha=sha) + "\n"


def recorded_head(body: str | None, marker: str) -> str | None:
    """The head commit a report (its body starting with `marker`) says it was about; None if it names none.

    Only the line right after the marker counts: anything later in the body could be quoted text.
    """
    if not body or not body.startswith(marker):
        return None
    second = body[len(marker):].lstrip("\n").split("\n", 1)[0]
    match = _HEAD.fullmatch(second.strip())
    return match.group(1) if match else None


def label_is_stale(labels: tuple[str, ...] | set[str], label: str, head_sha: str, recorded: str | None) -> bool:
    """True when `label` is on the pull request but the bot had not reported on `head_sha` before."""
    return label in set(labels) and recorded != head_sha


def stale_note(label: str, head_sha: str, recorded: str | None) -> str:
    """For the report: why the label does not count (trusted text: only commit shas are quoted)."""
    seen = f"the bot last reported on {recorded[:7]}" if recorded else "the bot had not reported on it before"
    return (f"The `{label}` label was not counted: it was given before the latest push ({head_sha[:7]} is new; "
            f"{seen}). An approval covers only the commit it was given on.")


def stale_comment(label: str, head_sha: str, recorded: str | None) -> str:
    """The comment posted when the bot removes a stale label: why, and what a maintainer does now."""
    return "\n".join([
        f"The `{label}` label was removed: it was given on an earlier commit, and the pull request has "
        f"changed since (the head is now {head_sha[:7]}"
        + (f", the label was seen on {recorded[:7]})." if recorded else ")."),
        "",
        "An approval covers only the commit it was given on, so that a later push cannot slip in changes "
        "nobody looked at. **Maintainers:** review the new changes (the *Files changed* tab, or "
        "*Changes since your last review*), then add the label again or approve the pull request in a "
        "review. The check runs again and updates its report.",
    ]) + "\n"
