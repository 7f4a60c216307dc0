"""The strict loader: untrusted bytes in, plain values with line marks out.

PyYAML's own loading is too forgiving for files written by strangers: it keeps the
last of two equal keys, expands anchors and aliases (a few hundred bytes can grow
into a billion values), reads `NO` as false and `01234` as an octal number, and
crashes on deep nesting. This loader composes the node tree with the C parser
where it is available, then builds the values itself, so that every value keeps
its line and column and every trap becomes a problem with a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from generator.problems import ERROR, Problem

try:  # the C loader is about eight times faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024
MAX_DEPTH = 12
# Above this many openers, measure the real nesting from the event stream before
# composing: the C composer recurses and can overflow the stack on deep input.
_OPENERS_BEFORE_DEPTH_SCAN = 1000

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "value", "merge", "seq", "map")}
_MERGE = _CORE + "merge"
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?[eE][-+]?[0-9]+")

JsonPath = tuple  # a tuple of keys (str) and indexes (int)
_STR, _SEQ, _MAP = _CORE + "str", _CORE + "seq", _CORE + "map"
_SCALAR = yaml.ScalarNode


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, minus PyYAML's guessing of each plain value's type (a list of regular expressions
    tried on every value): `scalar_value` reads plain values itself, so the builder only needs to know
    that a tag was not written (str, seq, map) and where a merge key (<<) stands. Tags written in the
    file are not resolved here and reach the builder as written."""

    def resolve(self, kind: type, value: Any, implicit: tuple) -> str:
        if kind is yaml.ScalarNode:
            return _MERGE if implicit[0] and value == "<<" else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


def _position(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class Document:
    """One loaded file: its values, its node tree (for positions), and what went wrong."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    root: yaml.Node | None = field(default=None, repr=False)
    _key_index: dict[int, dict] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def _walk(self, path: JsonPath) -> tuple[yaml.Node | None, yaml.Node | None, int]:
        """(key node, value node, parts matched) for the longest prefix of `path` found in the tree.

        Positions are looked up only when a problem needs one, so valid files pay nothing for them.
        """
        key_node, node, matched = None, self.root, 0
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = self._keys(node).get(part)
                if found is None:
                    break
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
            matched += 1
        return key_node, node, matched

    def _keys(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping node's scalar keys -> (key node, value node), built once per node: a file with
        thousands of keys and a problem at each would otherwise cost a scan of the mapping per problem."""
        index = self._key_index.get(id(node))
        if index is None:
            index = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    index.setdefault(key.value, (key, value))  # the first of two equal keys, as before
            self._key_index[id(node)] = index
        return index

    def value_position(self, path: JsonPath) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest ancestor."""
        _, node, _ = self._walk(tuple(path))
        return _position(node)

    def key_position(self, path: JsonPath) -> tuple[int, int]:
        """Line and column of the key that holds `path`; the value's for list items and the root."""
        path = tuple(path)
        key_node, node, matched = self._walk(path)
        if matched == len(path) and key_node is not None:
            return _position(key_node)
        return _position(node)

    def error(self, line: int, column: int, code: str, message: str, hint: str = "", field: tuple = (),
              related: str = "") -> None:
        self.problems.append(Problem(self.path, line, column, ERROR, code, message, hint, field, related))


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and load one file; `display` is the name used in problems (default: the path)."""
    name = display if display is not None else str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        doc = Document(name)
        doc.error(1, 1, "unreadable", f"the file cannot be read: {exc.strerror or exc}")
        return doc
    return load_bytes(raw, name)


def load_bytes(raw: bytes, path: str) -> Document:
    """Load untrusted bytes. Never raises for bad input: problems are collected on the document."""
    doc = Document(path)
    if len(raw) > MAX_BYTES:
        doc.error(1, 1, "file-too-large", f"the file is larger than {MAX_BYTES // 1024} KB",
                  "a posting is a few kilobytes of text; shorten the description or remove pasted data")
        return doc
    if b"\x00" in raw:
        doc.error(1, 1, "binary-file", "the file is not text (it contains NUL bytes)",
                  "save the posting as a plain UTF-8 text file with the .yaml extension")
        return doc
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.error(line, column, "not-utf8", f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                  "save the file with UTF-8 encoding; most editors offer it under 'Save with encoding'")
        return doc
    return load_text(text, path, doc)


def load_text(text: str, path: str, doc: Document | None = None) -> Document:
    doc = doc if doc is not None else Document(path)
    if not text.strip():
        doc.error(1, 1, "empty-file", "the file is empty",
                  "start from `python -m generator new`, or copy a posting from the docs")
        return doc
    may_anchor = "&" in text or "*" in text
    may_be_deep = text.count("[") + text.count("{") + text.count("- ") + text.count("?") > _OPENERS_BEFORE_DEPTH_SCAN
    if (may_anchor or may_be_deep) and not _scan_events(text, doc):
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        _yaml_error(doc, exc, text)
        return doc
    except yaml.YAMLError as exc:
        doc.error(1, 1, "yaml-syntax", f"the file is not valid YAML: {exc}")
        return doc
    except RecursionError:
        doc.error(1, 1, "yaml-too-deep", f"the file is nested more than {MAX_DEPTH} levels deep")
        return doc
    finally:
        loader.dispose()
    if node is None:
        doc.error(1, 1, "empty-file", "the file holds only comments",
                  "start from `python -m generator new`, or copy a posting from the docs")
        return doc
    doc.root = node
    doc.data = _Builder(doc, may_alias="*" in text).build(node, 0)
    if not doc.ok:
        doc.data = None
    return doc


def _unclosed_quote(text: str, before_line: int) -> int | None:
    """The first line above a syntax error that opens a quoted value without closing it."""
    for number, line in enumerate(text.splitlines()[:before_line], 1):
        _, sep, value = line.partition(": ")
        value = value.strip() if sep else line.strip().removeprefix("- ").strip()
        if value[:1] in ('"', "'"):
            quote = value[0]
            body = value[1:].replace("\\\\", "").replace("\\" + quote, "") if quote == '"' else value[1:].replace("''", "")
            if quote not in body:
                return number
    return None


def _yaml_error(doc: Document, exc: yaml.MarkedYAMLError, text: str = "") -> None:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "the file is not valid YAML"
    # libyaml >= 0.2.6 stops deep flow input ([[[[...) itself, in its scanner, before our event scan sees it
    if mark is not None and _flow_depth(text, mark.index) > MAX_DEPTH:
        doc.error(line, column, "yaml-too-deep", f"the file is nested more than {MAX_DEPTH} levels deep",
                  "a posting is at most three levels deep; see the field reference")
        return
    hint = "check the indentation and the colon after each key; put text that contains ': ' or '#' in quotes"
    if text and line > text.count("\n") + 1:  # the end-of-file mark can sit on a line the file does not have
        line, column = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
    opened = _unclosed_quote(text, line) if text else None
    if opened is not None and opened < line:
        line, column = opened, 1
        problem = "a quoted value starts on this line but its closing quote is missing"
        hint = "add the closing quote at the end of the value"
    elif _documents(text) > 1:
        problem = "the file holds more than one YAML document (a second '---')"
        hint = "one posting per file: remove the extra '---' line"
    elif "tab" in problem.lower():
        hint = "indent with spaces, not tabs"
    doc.error(line, column, "yaml-syntax", f"the file is not valid YAML: {problem}", hint)


def _flow_depth(text: str, end: int) -> int:
    """How deep the brackets and braces of `text[:end]` nest at most."""
    depth = deepest = 0
    for char in _FLOW_MARKS.findall(text, 0, end):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


_FLOW_MARKS = re.compile(r"[\[\]{}]")


def _documents(text: str) -> int:
    """How many YAML documents `text` starts, counted up to a second one or the first syntax error."""
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                count += 1
                if count > 1:
                    break
    except yaml.YAMLError:
        pass
    return count


def _scan_events(text: str, doc: Document) -> bool:
    """One pass over the parser's events, before composing: refuse anchors and aliases (&name, *name),
    which repeat content and can blow up in size, and nesting deep enough to overflow the composer."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                mark = event.start_mark
                if isinstance(event, yaml.AliasEvent):
                    doc.error(mark.line + 1, mark.column + 1, "yaml-alias", f"YAML aliases (*{anchor}) are not allowed",
                              "write the value out in full; if it is text that starts with *, put it in quotes")
                else:
                    doc.error(mark.line + 1, mark.column + 1, "yaml-anchor", f"YAML anchors (&{anchor}) are not allowed",
                              "remove the anchor; if it is text that starts with &, put it in quotes")
                if len(doc.problems) >= 5:
                    break
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    doc.error(mark.line + 1, mark.column + 1, "yaml-too-deep",
                              f"the file is nested more than {MAX_DEPTH} levels deep",
                              "a posting is at most three levels deep; see the field reference")
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        _yaml_error(doc, exc, text)
    except yaml.YAMLError as exc:
        doc.error(1, 1, "yaml-syntax", f"the file is not valid YAML: {exc}")
    return doc.ok


class _Builder:
    """Turns composed nodes into plain values (YAML 1.2 core rules), refusing what a posting must not hold."""

    def __init__(self, doc: Document, may_alias: bool) -> None:
        self.doc = doc
        self.seen: set[int] | None = set() if may_alias else None

    def _refuse(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        line, column = _position(node)
        self.doc.error(line, column, code, message, hint)

    def build(self, node: yaml.Node, depth: int) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:  # the same node twice is an alias the event scan did not see
                self._refuse(node, "yaml-alias", "YAML aliases are not allowed", "write the value out in full")
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._refuse(node, "yaml-too-deep", f"the file is nested more than {MAX_DEPTH} levels deep",
                         "a posting is at most three levels deep; see the field reference")
            return None
        if node.tag not in _ALLOWED_TAGS and not (node.__class__ is yaml.ScalarNode and node.style):
            self._refuse(node, "yaml-tag", f"the YAML tag {node.tag.replace(_CORE, '!!')} is not allowed",
                         "remove the tag (the word starting with !) and write a plain value")
            return None
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return scalar_value(node)
        if kind is yaml.MappingNode:
            return self._mapping(node, depth)
        if self._plain_below(depth):
            return [scalar_value(item) if item.__class__ is _SCALAR and item.tag == _STR else self.build(item, depth + 1)
                    for item in node.value]
        return [self.build(item, depth + 1) for item in node.value]

    def _plain_below(self, depth: int) -> bool:
        """Whether a scalar one level below `depth` can skip `build`: no alias to look for, not too deep.
        A scalar whose tag is str is then exactly its scalar_value (most values of a posting are)."""
        return self.seen is None and depth + 1 <= MAX_DEPTH

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict:
        result: dict[str, Any] = {}
        plain = self._plain_below(depth)
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                self._refuse(key_node, "yaml-complex-key", "a key must be a plain word, not a list or mapping",
                             "write keys as `name: value`")
                continue
            if key_node.tag == _MERGE:
                self._refuse(key_node, "yaml-merge-key", "YAML merge keys (<<) are not allowed",
                             "write every key out in full")
                continue
            key = key_node.value
            if key in result:
                first = next(k for k, _ in node.value if k.__class__ is yaml.ScalarNode and k.value == key)
                self._refuse(key_node, "yaml-duplicate-key",
                             f"`{key}` is given twice (first on line {first.start_mark.line + 1})",
                             "keep one of them: YAML would silently use only the last one")
                continue
            if plain and value_node.__class__ is _SCALAR and value_node.tag == _STR:
                result[key] = scalar_value(value_node)
            else:
                result[key] = self.build(value_node, depth + 1)
        return result


def text_values(data: Any, wanted: Callable[[str], Any], path: JsonPath = ()) -> list[tuple[JsonPath, str]]:
    """(path, text) for every text value in loaded data for which `wanted(text)` is true, in document
    order. A path is only built for a value that is wanted, so a clean document costs one call of `wanted`
    a value: give a compiled pattern's `search` where one will do."""
    found: list[tuple[JsonPath, str]] = []
    if isinstance(data, (dict, list)):
        _collect_texts(data, wanted, path, found)
    elif isinstance(data, str) and wanted(data):
        found.append((path, data))
    return found


def _collect_texts(data: dict | list, wanted: Callable[[str], Any], path: JsonPath,
                   found: list[tuple[JsonPath, str]]) -> None:
    for key, item in (data.items() if isinstance(data, dict) else enumerate(data)):
        if isinstance(item, str):
            if wanted(item):
                found.append((path + (key,), item))
        elif isinstance(item, (dict, list)):
            _collect_texts(item, wanted, path + (key,), found)


def scalar_value(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema: only true/false are booleans, only plain decimals are numbers.

    `NO`, `yes`, `on`, `01234`, `1:30` and unquoted dates stay text, exactly as written.
    """
    value = node.value
    if node.style:  # quoted or block text is always text
        return value
    if value in _WORDS:
        return _WORDS[value]
    if value[:1] in _NUMBER_START:  # most values are words: spare them the two patterns
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
    return value


_WORDS: dict[str, Any] = {**dict.fromkeys(_NULLS), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
_NUMBER_START = frozenset("+-.0123456789")  # the characters _INT and _FLOAT can start with
