"""Issue-form bodies as GitHub writes them, read without knowing the form.

GitHub turns each answered field of an issue form into `### <label>`, a blank line and the answer.
What it writes for an answer the person left alone depends on the element: `_No response_` for an
input or a textarea, `None` for a dropdown, and `- [ ] <option>` / `- [X] <option>` lines for
checkboxes. Bodies filed from the web often arrive with CRLF line endings, and people edit a
body after filing it: they reorder, delete or add sections and write text around them. This
module reads that shape; generator/issue_form.py maps the sections onto the posting form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NO_RESPONSE = "_No response_"  # an input or textarea left empty
EMPTY_DROPDOWN = "None"  # a dropdown with nothing chosen (never one of our options: a test checks)
HEADING = "### "
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CHECKBOX = re.compile(r"^\s*[-*] \[([ xX])\] ?(.*)$")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str  # the answer as written, without the blank lines around it
    line: int  # 1-based line of the heading in the body


def lines_of(body: str) -> list[str]:
    """The body's lines, whatever the line endings (CRLF from the web, LF from the API, a stray CR)."""
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def heading_of(line: str) -> str | None:
    """The label of a `### label` line; None for any other line."""
    if line.startswith(HEADING):
        return line[len(HEADING):].strip()
    return None


def sections(body: str) -> list[Section]:
    """Every `### ` section of a body in order, for any form; headings inside code fences are text."""
    found: list[Section] = []
    heading: str | None = None
    start = 0
    buffer: list[str] = []
    fence: str | None = None
    for number, line in enumerate(lines_of(body), start=1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * len(marker)
            elif marker.startswith(fence) and not line.strip()[len(marker):].strip():
                fence = None
        label = heading_of(line) if fence is None else None
        if label is not None and not match:
            if heading is not None:
                found.append(Section(heading, "\n".join(buffer).strip("\n"), start))
            heading, start, buffer = label, number, []
        elif heading is not None:
            buffer.append(line)
    if heading is not None:
        found.append(Section(heading, "\n".join(buffer).strip("\n"), start))
    return found


def is_empty(text: str, dropdown: bool = False) -> bool:
    """True for an answer the person left alone: nothing, `_No response_`, `None` from a dropdown, or
    the empty code fence GitHub writes for a textarea with `render:`."""
    value = unfenced(text).strip()
    return value in ("", NO_RESPONSE) or (dropdown and value == EMPTY_DROPDOWN)


def unfenced(text: str) -> str:
    """The content of an answer that is one code fence (a textarea with `render:`); other text as it is."""
    lines = text.strip("\n").split("\n")
    if len(lines) >= 2:
        opening, closing = _FENCE.match(lines[0]), _FENCE.match(lines[-1])
        if opening and closing and closing.group(1).startswith(opening.group(1)) and \
                not lines[-1].strip()[len(closing.group(1)):]:
            return "\n".join(lines[1:-1])
    return text


def checkboxes(text: str) -> list[tuple[str, bool]] | None:
    """A checkboxes answer as (option, ticked) pairs; None when the text is not a list of checkboxes."""
    items = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _CHECKBOX.match(line)
        if not match:
            return None
        items.append((match.group(2).strip(), match.group(1) in "xX"))
    return items or None


def choices(text: str) -> list[str]:
    """A multiple-choice dropdown's answer (`Chrome, Microsoft Edge`) as its options."""
    return [part.strip() for part in text.split(",") if part.strip()]
