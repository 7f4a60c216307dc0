"""Which characters text in a board file may hold.

Everything the validator accepts ends up in HTML, XML feeds, JSON and a calendar. XML refuses
control characters and the noncharacters U+FFFE and U+FFFF; a carriage return on its own breaks
lines in calendars and terminals; direction controls and zero-width spaces make a name or title
read differently from what it is. So every text value of a loaded document is checked here,
with its field's schema deciding whether the text may span lines.

The joiners that real scripts and emoji need (U+200C ZWNJ, U+200D ZWJ) are always allowed.
"""

from __future__ import annotations

import re

from generator.load import Document, text_values
from generator.problems import field_name
from generator.schema import schema_at

TAB, NEWLINE, CR = "\t", "\n", "\r"
# direction embedding, override and isolate controls: a name could display as another name
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# invisible characters that only ever hide something in a one-line field: zero-width space,
# word joiner, zero-width no-break space (a byte-order mark pasted into the middle of text)
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff")
# line and paragraph separators: line breaks that one-line fields must not hold either
SEPARATORS = frozenset("\u2028\u2029")


def is_multiline(schema: dict, name: str | int) -> bool:
    """Whether a text field may span several lines: the description, and long free text without a format.

    One rule for the validator, the issue form (a textarea) and the web form.
    """
    if schema.get("type") != "string" or "enum" in schema or "pattern" in schema:
        return False
    return name == "description" or ("format" not in schema and schema.get("maxLength", 0) > 300)


def _kind(char: str, multiline: bool) -> str | None:
    """What is wrong with one character in a field, or None when it may stand there."""
    code = ord(char)
    if char == CR:
        return "carriage-return"
    if char in (TAB, NEWLINE):
        return None if multiline else "one-line"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "control-character"
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return "not-a-character"
    if char in SEPARATORS:
        return None if multiline else "one-line"
    if char in BIDI_CONTROLS or char in ZERO_WIDTH:
        return None if multiline else "invisible-character"
    return None


# Characters no field may hold, and those a one-line field may not hold either: a regular-expression
# search finds the first in C, so the common case (nothing wrong) costs one scan of each value.
_ANYWHERE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_REFUSED = {True: re.compile(f"[{_ANYWHERE}]"),
            False: re.compile(f"[{_ANYWHERE}\t\n{''.join(sorted(SEPARATORS | BIDI_CONTROLS | ZERO_WIDTH))}]")}


def _first_bad(text: str, multiline: bool) -> tuple[int, str, str] | None:
    """(index, character, kind) of the first character the field must not hold."""
    found = _REFUSED[multiline].search(text)
    if found is None:
        return None
    char = found.group()
    kind = _kind(char, multiline)
    assert kind is not None, f"U+{ord(char):04X}"  # the pattern and _kind describe the same characters
    return found.start(), char, kind


_WORDS = {
    "carriage-return": ("is a carriage return ({code})",
                        "remove it and end lines with a plain line break; in an editor, choose Unix (LF) line endings"),
    "control-character": ("is an invisible control character ({code})",
                          "remove it (it often comes with pasted text); feeds and calendars cannot carry it"),
    "not-a-character": ("is {code}, which is not a character",
                        "remove it, or type the text again; it cannot be published"),
    "one-line": ("is a {what} ({code}), but {field} is one line of text",
                 "write the value on one line; a `|` or `>` block adds a line break, so write `>-` or a plain value"),
    "invisible-character": ("is an invisible character ({code}) that can make the text read as something else",
                            "remove it; right-to-left text and emoji display correctly without it"),
}


# what finds every text value that may hold a refused character (the one-line rule refuses the most)
SUSPICIOUS = _REFUSED[False]


def check_characters(doc: Document, schema: dict, texts: list[tuple[tuple, str]] | None = None) -> None:
    """Add an error to `doc` for each text value holding a character its field must not hold.

    `schema` is the JSON Schema of the whole document; it decides which fields are multi-line
    (see `is_multiline`). Values the schema does not describe are held to the one-line rule.
    `texts` are the (path, text) values to look at when the caller has picked them already (one walk
    of the document for several checks): at least every value in which SUSPICIOUS finds something.
    """
    for path, text in text_values(doc.data, SUSPICIOUS.search) if texts is None else texts:
        multiline = bool(path) and is_multiline(schema_at(schema, path), path[-1])
        found = _first_bad(text, multiline)
        if found is None:
            continue
        index, char, kind = found
        message, hint = _WORDS[kind]
        name = field_name(path, "the file")
        what = "tab" if char == TAB else "line break"
        line, column = _position(doc, path, text, index)
        doc.error(line, column, kind, f"character {index + 1} of {name} "
                  + message.format(code=f"U+{ord(char):04X}", what=what, field=name), hint, path)


def _position(doc: Document, path: tuple, text: str, index: int) -> tuple[int, int]:
    """The character's own line and column where the source shows it as written, else the value's."""
    node = doc._walk(path)[1] if doc.root is not None else None
    line, column = doc.value_position(path)
    if node is None or node.start_mark.line != node.end_mark.line:
        return line, column
    style = getattr(node, "style", None)
    if style is None or style == "":  # a plain value: characters stand as written
        return line, column + index
    if style == "'" and "'" not in text[:index]:
        return line, column + 1 + index
    return line, column
