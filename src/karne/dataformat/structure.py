"""The YAML files of a dataset: dataset, administration, strategic plan, programs, narrative."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from karne.core import records
from karne.core.policy import Policy
from karne.core.table_kinds import TableKind
from karne.dataformat import values as v
from karne.dataformat.errors import Problems, shown
from karne.dataformat.yamlfiles import Fields, LineDict, R, field_names, load_yaml

FORMAT = "karne-dataset/1"


Children = Callable[[Fields, LineDict], dict[str, Any]]


def _records(
    f: Fields,
    raw: Any,
    key: str,
    record: type[R],
    what: str,
    *,
    children: Children | None = None,
    line: int | None = None,
    list_what: str = "a list",
    keep: Callable[[Fields, LineDict, R], bool] | None = None,
) -> list[R]:
    """The records of a YAML list (`key` names it in messages: `<where>.<key>[i]`); an item
    with a problem is reported and left out. `children` reads an item's nested lists."""
    out = []
    prefix = f"{f.where}.{key}" if f.where else key
    for i, item in enumerate(f.sequence(raw, list_what, line)):
        g = f.at(f"{prefix}[{i}]")
        mapping = g.mapping(item, what)
        if mapping is None:
            continue
        g.unknown_keys(mapping, field_names(record))
        built = g.build(mapping, record, **(children(g, mapping) if children else {}))
        if built is not None and (keep is None or keep(g, mapping, built)):
            out.append(built)
    return out


def _nested(key: str, record: type[R], what: str, children: Children | None = None) -> Children:
    """`children` for an item holding one list of records under `key`."""

    def read(g: Fields, mapping: LineDict) -> dict[str, Any]:
        items = _records(
            g, mapping.get(key), key, record, what, children=children, line=mapping.line
        )
        return {key: tuple(items)}

    return read


def read_manifest(folder: Path, problems: Problems) -> tuple[str, tuple[records.Document, ...]]:
    name = "dataset.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    what = "a mapping with format, administration, documents"
    root = None if data is None else f.mapping(data, what)
    if root is None:
        return "", ()
    f.unknown_keys(root, {"format", "administration", "documents"})
    fmt = f.get(root, "format", v.required_text, required=True)
    if fmt is not None and fmt != FORMAT:
        problems.add(name, root.line, "format", repr(FORMAT), repr(fmt))
    admin = f.get(root, "administration", v.required_text, required=True) or ""

    def tables(g: Fields, doc: LineDict) -> dict[str, Any]:
        return {"tables": _table_kinds(g.at(f"{g.where}.tables"), doc.get("tables"), doc.line)}

    documents = _records(
        f,
        root.get("documents"),
        "documents",
        records.Document,
        "a mapping with code, kind, year, title",
        children=tables,
        line=root.line,
        list_what="a list of documents",
    )
    return admin, tuple(documents)


def _table_kinds(f: Fields, raw: Any, line: int) -> tuple[tuple[str, TableKind], ...]:
    if raw is None:
        return ()
    mapping = f.mapping(raw, "a mapping of table labels to table kinds")
    if mapping is None:
        return ()
    parse = v.enum(TableKind)
    out = []
    for label, kind in mapping.items():
        try:
            out.append((str(label), parse(kind)))
        except v.BadValue as exc:
            f.problems.add(
                f.filename, mapping.line or line, f"{f.where}.{label}", exc.expected, shown(kind)
            )
    return tuple(out)


def read_administration(folder: Path, problems: Problems) -> records.Administration | None:
    name = "administration.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    root = None if data is None else f.mapping(data, "a mapping with code and name")
    if root is None:
        return None
    f.unknown_keys(root, field_names(records.Administration))
    abbreviations = _nested(
        "abbreviations", records.Abbreviation, "a mapping with code and meaning"
    )
    policy = Policy()
    raw_policy = root.get("policy")
    if raw_policy is not None:
        mapping = f.at("policy").mapping(raw_policy, "a mapping of policy settings")
        if mapping is not None and not all(isinstance(key, str) for key in mapping):
            expected = "policy settings by name"
            problems.add(name, mapping.line, "policy", expected, "a key that is not a text")
        elif mapping is not None:
            try:
                policy = Policy.from_mapping(dict(mapping))
            except ValueError as exc:
                problems.add(name, mapping.line, "policy", "valid policy settings", str(exc))
    return f.build(root, records.Administration, **abbreviations(f, root), policy=policy)


_OBJECTIVES = _nested("objectives", records.Objective, "a mapping with code and statement")
_AIMS = _nested("aims", records.Aim, "a mapping with code, title, objectives", _OBJECTIVES)


def read_strategic_plans(folder: Path, problems: Problems) -> tuple[records.StrategicPlan, ...]:
    name = "strategic_plan.yaml"
    data = load_yaml(folder, name, problems)
    if data is None:
        return ()
    items = [data] if isinstance(data, LineDict) else data
    f = Fields(problems, name, "")

    def ordered(g: Fields, mapping: LineDict, plan: records.StrategicPlan) -> bool:
        if plan.end_year < plan.start_year:
            expected = f"a year ≥ {plan.start_year}"
            problems.add(name, mapping.line, "end_year", expected, str(plan.end_year))
            return False
        return True

    what = "a mapping with code, title, start_year, end_year, aims"
    plans = _records(
        f,
        items,
        "",
        records.StrategicPlan,
        what,
        children=_AIMS,
        list_what="a plan mapping or a list of plans",
        keep=ordered,
    )
    return tuple(plans)


def _sub_program_lists(g: Fields, sub: LineDict) -> dict[str, Any]:
    objectives = _nested(
        "objectives", records.SubProgramObjective, "a mapping with code, text, sp_aims"
    )
    activities = _nested(
        "activities",
        records.Activity,
        "a mapping with code, name, responsible_unit, description, objectives",
    )
    return {**objectives(g, sub), **activities(g, sub)}


_SUB_PROGRAMS = _nested(
    "sub_programs",
    records.SubProgram,
    "a mapping with code, name, rationale, objective_statement, objectives, activities",
    _sub_program_lists,
)
_PROGRAMS = _nested(
    "programs", records.Program, "a mapping with code, name, sub_programs", _SUB_PROGRAMS
)


def read_programs(folder: Path, problems: Problems) -> tuple[records.ProgramStructure, ...]:
    name = "programs.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    what = "a mapping with year and programs"
    return tuple(
        _records(
            f,
            data,
            "",
            records.ProgramStructure,
            what,
            children=_PROGRAMS,
            list_what="a list of {year, programs}",
        )
    )


def read_narratives(folder: Path, problems: Problems) -> tuple[records.Narrative, ...]:
    name = "narrative.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    toc = _nested("toc", records.TocEntry, "a mapping with title and page")

    def parts(g: Fields, entry: LineDict) -> dict[str, Any]:
        sections: list[records.NarrativeSection] = []
        _sections(g.at(f"{g.where}.sections"), entry.get("sections"), None, sections, entry.line)
        return {"sections": tuple(sections), **toc(g, entry)}

    what = "a mapping with document, sections, toc"
    return tuple(
        _records(
            f,
            data,
            "",
            records.Narrative,
            what,
            children=parts,
            list_what="a list of {document, sections, toc}",
        )
    )


def _sections(
    f: Fields, raw: Any, parent: str | None, out: list[records.NarrativeSection], line: int
) -> None:
    """Sections may nest through `sections`; they are kept flat with their parent's id."""
    for j, raw_s in enumerate(f.sequence(raw, "a list of sections", line)):
        g = f.at(f"{f.where}[{j}]")
        section = g.mapping(raw_s, "a mapping with id, number, title, summary")
        if section is None:
            continue
        g.unknown_keys(section, field_names(records.NarrativeSection, "sections") - {"parent"})
        built = g.build(section, records.NarrativeSection, parent=parent)
        if built is None:
            continue
        out.append(built)
        if "sections" in section:
            _sections(g.at(f"{g.where}.sections"), section["sections"], built.id, out, section.line)


__all__ = ["FORMAT", "shown"]
