"""Problems are data: where, how bad, a stable code, what is wrong and what to write instead.

Code that acts on a problem reads its structure (`code`, `field`, `related`), never its words:
`message` and `hint` are for people, and may be reworded or translated.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field as dataclass_field

ERROR = "error"
WARNING = "warning"

FieldPath = tuple  # the path of keys and list indexes to a value: ("compensation", "amount"), ("skills", 0)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file.

    field: the path to the value or key it is about, () when it is about the whole file; for a missing
      key, the path the key would have.
    related: another file it is about, e.g. the posting that already has the title, or the
      organization.yaml a posting depends on; "" when none.
    """

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    hint: str = ""
    field: FieldPath = dataclass_field(default=(), compare=False)  # str keys and int indexes do not order
    related: str = ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["field"] = list(self.field)
        return data

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def field_name(path: FieldPath, whole: str = "the posting") -> str:
    """A field as an employer writes it, in backquotes: `compensation.amount`, `skills[0]`; `whole` for ()."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`" if text else whole
