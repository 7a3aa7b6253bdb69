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
        self.items.append(Problem(file, line, field_name, expected, found))

    def raise_if_any(self) -> None:
        if self.items:
            raise DatasetInvalid(self.items)


def shown(value: object) -> str:
    """How a found value is quoted in a message: text in quotes, nothing as "nothing"."""
    if value is None or value == "":
        return "nothing"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return repr(text) if isinstance(value, str) else f"{text} ({type(value).__name__})"
