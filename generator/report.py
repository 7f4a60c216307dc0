"""Reporters: the same problems as terminal text, GitHub annotations, Markdown or JSON."""

from __future__ import annotations

import json
import re

from generator.problems import Problem, count


def _summary(files_checked: int, problems: list[Problem]) -> str:
    errors, warnings = count(problems)
    noun = "file" if files_checked == 1 else "files"
    return f"{files_checked} {noun} checked: {errors} error(s), {warnings} warning(s)"


def as_text(files_checked: int, problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.message} [{p.code}]")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    lines.append(_summary(files_checked, problems))
    return "\n".join(lines) + "\n"


def _escape_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def as_github(files_checked: int, problems: list[Problem]) -> str:
    """Workflow commands that GitHub turns into annotations on the exact lines."""
    lines = []
    for p in problems:
        text = p.message + (f" (hint: {p.hint})" if p.hint else "")
        lines.append(f"::{p.severity} file={_escape_property(p.file)},line={p.line},col={p.column},"
                     f"title={_escape_property(p.code)}::{_escape_data(text)}")
    lines.append(_summary(files_checked, problems))
    return "\n".join(lines) + "\n"


WORD_JOINER = "\u2060"  # invisible, zero width, no line break: splits a pattern without changing how text reads
# What GitHub turns into links, mentions and references *after* rendering Markdown. Its autolinker and
# its @-mention and #-reference filters read the rendered text, where a backslash escape is already
# gone, so `\@user` still notifies the user and `\#1` still links issue 1. A word joiner inside
# the trigger leaves no match for any of them, and the text reads and copies the same.
_AUTOLINKS = [
    (re.compile(r"(?<=[A-Za-z0-9+.-])(?=://)"), WORD_JOINER),  # scheme://  (https, http, ftp, ...)
    (re.compile(r"(?i)(?<=\bwww)(?=\.)"), WORD_JOINER),  # www.example.org
    (re.compile(r"(?i)(?<=\bgh)(?=-\d)"), WORD_JOINER),  # GH-123
    (re.compile(r"(?<=@)"), WORD_JOINER),  # @user, @org/team, name@example.org, mailto:name@example.org
    (re.compile(r"(?<=#)"), WORD_JOINER),  # #123, owner/repo#123
]

_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_COMMIT_ID = re.compile(r"(?i)\b(?=[0-9a-f]*[0-9])[0-9a-f]{7,}\b")  # GitHub links 7 to 40 hex digits to a commit


def markdown_text(value: object) -> str:
    """Text from a posting, safe inside a Markdown table or list: no HTML, no links, no table breaks,
    and nothing GitHub turns into a link, a mention or an issue reference."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = text.replace(WORD_JOINER, "")  # so the patterns below see the text as GitHub will
    text = _UNSHOWABLE.sub("\ufffd", text)  # control characters and bidirectional overrides show as �
    for pattern, insert in _AUTOLINKS:
        text = pattern.sub(insert, text)
    text = _COMMIT_ID.sub(lambda m: WORD_JOINER.join(re.findall(".{1,6}", m.group())), text)
    for char in "\\`*_{}[]()<>#+!|~":
        text = text.replace(char, "\\" + char)
    return text


def as_markdown(files_checked: int, problems: list[Problem]) -> str:
    errors, warnings = count(problems)
    if not problems:
        return f"**All {files_checked} posting file(s) are valid.**\n"
    head = "❌" if errors else "⚠️"
    lines = [f"{head} {_summary(files_checked, problems)}", "",
             "| | File | Line | Problem | What to do |", "|---|---|---|---|---|"]
    for p in problems:
        mark = "❌ error" if p.is_error else "⚠️ warning"
        lines.append(f"| {mark} | {markdown_text(p.file)} | {p.line}:{p.column} | {markdown_text(p.message)} "
                     f"({markdown_text(p.code)}) | {markdown_text(p.hint)} |")
    return "\n".join(lines) + "\n"


def as_json(files_checked: int, problems: list[Problem]) -> str:
    return json.dumps({"files_checked": files_checked, "problems": [p.as_dict() for p in problems]},
                      indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "github": as_github, "markdown": as_markdown, "json": as_json}
