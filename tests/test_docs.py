"""Documentation that is checked: what exists in code must be written down."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from karne.cli.main import build_parser
from karne.core.policy import Policy
from karne.dataformat.tables import FILES

ROOT = Path(__file__).resolve().parent.parent


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    readme = read("README.md")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sub.choices is not None
    for command in sub.choices:
        assert f"`karne {command}" in readme, command


def test_the_readme_gives_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = read("README.md")
    assert "make demo" in readme
    assert "make test" in readme
    assert re.search(r"^(?:[A-Z_]+=\S+ )*make test\b", read(".ci/run"), re.MULTILINE)


def test_every_file_of_the_format_is_documented() -> None:
    spec = read("docs/data-format.md")
    yaml_files = [
        "dataset.yaml",
        "administration.yaml",
        "strategic_plan.yaml",
        "programs.yaml",
        "narrative.yaml",
    ]
    for name in [*FILES, *yaml_files]:
        assert f"`{name}`" in spec, name
    for name, columns in FILES.items():
        header = ",".join(c.name for c in columns)
        if name not in {"budget_activity.csv", "budget_unit.csv"}:
            assert header in spec, name


def test_every_policy_setting_is_documented() -> None:
    rules = read("docs/computation.md")
    for field in dataclasses.fields(Policy):
        assert f"`{field.name}`" in rules, field.name


def test_every_environment_variable_is_documented() -> None:
    used = set()
    for path in (ROOT / "config").rglob("*.py"):
        used |= set(re.findall(r'"(KARNE_[A-Z_]+)"', path.read_text(encoding="utf-8")))
    for name in ("main.py", "database.py"):  # the entry point, and where the demo database is
        used |= set(re.findall(r'"(KARNE_[A-Z_]+)"', read(f"src/karne/cli/{name}")))
    documented = read("docs/configuration.md")
    assert {"KARNE_DATA_DIR", "KARNE_DB_PATH"} <= used  # the CLI's own are found
    for name in used:
        assert f"`{name}`" in documented, name


def test_the_permission_table_in_the_docs_is_the_code_s() -> None:
    from karne.core.permissions import PERMISSIONS, Scope
    from karne.core.workflow import Role

    words = {"all": Scope.ALL, "own units": Scope.OWN, "–": Scope.NONE}
    columns = (Role.ADMIN, Role.HEAD, Role.CLERK, Role.READER)
    documented = {}
    section = read("docs/web.md").split("## Roles and what they may do")[1].split("\n## ")[0]
    for line in section.splitlines():
        match = re.match(r"^\| `([a-z_.]+)` \|[^|]*\|(.*)\|$", line)
        if match:
            cells = [c.strip() for c in match.group(2).split("|")]
            documented[match.group(1)] = dict(zip(columns, (words[c] for c in cells), strict=True))
    in_code = {p.value: dict(scopes) for p, scopes in PERMISSIONS.items()}
    assert documented == in_code
