"""Problems found in a dataset: where (file, line, field), what was expected, what was found."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: expected {self.expected}, found {self.found}"


class DatasetInvalid(Exception):
    """Raised with every problem of a dataset; nothing has been loaded when it is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Problems:
    """Collects problems while reading, so that one run reports all of them."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, field_name: str, expected: str, found: str) -> None:
        # What a file said is never echoed at length (a field name or a value could be a
        # megabyte, or the content of a file a link points to).
        self.items.append(
            Problem(file, line, excerpt(field_name, 200), expected, excerpt(found, 100))
        )

    def raise_if_any(self) -> None:
        if self.items:
            raise DatasetInvalid(self.items)


def excerpt(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: object) -> str:
    """How a found value is quoted in a message: text in quotes (a short excerpt), nothing as
    "nothing", a list or mapping by its size (never by its content, which could be huge)."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, str):
        return repr(excerpt(value, 60))
    if isinstance(value, int) and abs(value) >= 10**40:
        return "a whole number of more than 40 digits"
    text = value if isinstance(value, int | float) else type(value).__name__
    return excerpt(f"{text} ({type(value).__name__})", 60)
