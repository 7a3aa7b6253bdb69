"""The YAML files of a dataset: dataset, administration, strategic plan, programs, narrative."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from karne.core.policy import Policy
from karne.core.records import (
    Abbreviation,
    Activity,
    Administration,
    Aim,
    Document,
    Narrative,
    NarrativeSection,
    Objective,
    Program,
    ProgramStructure,
    StrategicPlan,
    SubProgram,
    SubProgramObjective,
    TocEntry,
)
from karne.core.table_kinds import TableKind
from karne.dataformat import values as v
from karne.dataformat.errors import Problems, shown
from karne.dataformat.yamlfiles import Fields, LineDict, R, field_names, load_yaml

FORMAT = "karne-dataset/1"


def read_manifest(folder: Path, problems: Problems) -> tuple[str, tuple[Document, ...]]:
    name = "dataset.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    root = f.mapping(data, "a mapping with format, administration, documents") if data else None
    if root is None:
        return "", ()
    f.unknown_keys(root, {"format", "administration", "documents"})
    fmt = f.get(root, "format", v.required_text, required=True)
    if fmt is not None and fmt != FORMAT:
        problems.add(name, root.line, "format", repr(FORMAT), repr(fmt))
    admin = f.get(root, "administration", v.required_text, required=True) or ""
    documents = []
    for i, item in enumerate(f.sequence(root.get("documents"), "a list of documents", root.line)):
        g = f.at(f"documents[{i}]")
        doc = g.mapping(item, "a mapping with code, kind, year, title")
        if doc is None:
            continue
        g.unknown_keys(doc, field_names(Document))
        tables = _table_kinds(g.at(f"documents[{i}].tables"), doc.get("tables"), doc.line)
        document = g.build(doc, Document, tables=tables)
        if document is not None:
            documents.append(document)
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


def read_administration(folder: Path, problems: Problems) -> Administration | None:
    name = "administration.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    root = f.mapping(data, "a mapping with code and name") if data else None
    if root is None:
        return None
    f.unknown_keys(root, field_names(Administration))
    abbreviations = []
    for i, item in enumerate(f.sequence(root.get("abbreviations"), "a list", root.line)):
        g = f.at(f"abbreviations[{i}]")
        entry = g.mapping(item, "a mapping with code and meaning")
        if entry is None:
            continue
        g.unknown_keys(entry, field_names(Abbreviation))
        abbreviation = g.build(entry, Abbreviation)
        if abbreviation is not None:
            abbreviations.append(abbreviation)
    policy = Policy()
    raw_policy = root.get("policy")
    if raw_policy is not None:
        mapping = f.at("policy").mapping(raw_policy, "a mapping of policy settings")
        if mapping is not None:
            try:
                policy = Policy.from_mapping(dict(mapping))
            except ValueError as exc:
                problems.add(name, mapping.line, "policy", "valid policy settings", str(exc))
    return f.build(root, Administration, abbreviations=tuple(abbreviations), policy=policy)


def read_strategic_plans(folder: Path, problems: Problems) -> tuple[StrategicPlan, ...]:
    name = "strategic_plan.yaml"
    data = load_yaml(folder, name, problems)
    if data is None:
        return ()
    items = [data] if isinstance(data, LineDict) else data
    f = Fields(problems, name, "")
    plans = []
    for i, item in enumerate(f.sequence(items, "a plan mapping or a list of plans")):
        g = f.at(f"[{i}]")
        plan = g.mapping(item, "a mapping with code, title, start_year, end_year, aims")
        if plan is None:
            continue
        g.unknown_keys(plan, field_names(StrategicPlan))
        aims = tuple(
            a
            for j, raw in enumerate(g.sequence(plan.get("aims"), "a list of aims", plan.line))
            if (a := _aim(g.at(f"aims[{j}]"), raw)) is not None
        )
        built = g.build(plan, StrategicPlan, aims=aims)
        if built is not None and built.end_year < built.start_year:
            problems.add(
                name, plan.line, "end_year", f"a year ≥ {built.start_year}", str(built.end_year)
            )
        elif built is not None:
            plans.append(built)
    return tuple(plans)


def _aim(f: Fields, raw: Any) -> Aim | None:
    aim = f.mapping(raw, "a mapping with code, title, objectives")
    if aim is None:
        return None
    f.unknown_keys(aim, field_names(Aim))
    objectives = []
    for k, raw_obj in enumerate(f.sequence(aim.get("objectives"), "a list", aim.line)):
        g = f.at(f"{f.where}.objectives[{k}]")
        obj = g.mapping(raw_obj, "a mapping with code and statement")
        if obj is None:
            continue
        g.unknown_keys(obj, field_names(Objective))
        objective = g.build(obj, Objective)
        if objective is not None:
            objectives.append(objective)
    return f.build(aim, Aim, objectives=tuple(objectives))


def read_programs(folder: Path, problems: Problems) -> tuple[ProgramStructure, ...]:
    name = "programs.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    structures = []
    for i, raw in enumerate(f.sequence(data, "a list of {year, programs}")):
        g = f.at(f"[{i}]")
        entry = g.mapping(raw, "a mapping with year and programs")
        if entry is None:
            continue
        g.unknown_keys(entry, field_names(ProgramStructure))
        programs = []
        for j, raw_p in enumerate(g.sequence(entry.get("programs"), "a list", entry.line)):
            program = _program(g.at(f"[{i}].programs[{j}]"), raw_p)
            if program is not None:
                programs.append(program)
        structure = g.build(entry, ProgramStructure, programs=tuple(programs))
        if structure is not None:
            structures.append(structure)
    return tuple(structures)


def _program(f: Fields, raw: Any) -> Program | None:
    data = f.mapping(raw, "a mapping with code, name, sub_programs")
    if data is None:
        return None
    f.unknown_keys(data, field_names(Program))
    subs = []
    for k, raw_s in enumerate(f.sequence(data.get("sub_programs"), "a list", data.line)):
        g = f.at(f"{f.where}.sub_programs[{k}]")
        sub = g.mapping(raw_s, "a mapping with code, name, objectives, activities")
        if sub is None:
            continue
        g.unknown_keys(sub, field_names(SubProgram))
        objectives = _items(
            g, sub, "objectives", SubProgramObjective, "a mapping with code, text, sp_aims"
        )
        activities = _items(
            g,
            sub,
            "activities",
            Activity,
            "a mapping with code, name, responsible_unit, description",
        )
        built = g.build(sub, SubProgram, objectives=objectives, activities=activities)
        if built is not None:
            subs.append(built)
    return f.build(data, Program, sub_programs=tuple(subs))


def _items(f: Fields, data: LineDict, key: str, record: type[R], what: str) -> tuple[R, ...]:
    """A list of flat records under `key` of a mapping."""
    out = []
    for n, raw in enumerate(f.sequence(data.get(key), "a list", data.line)):
        g = f.at(f"{f.where}.{key}[{n}]")
        item = g.mapping(raw, what)
        if item is None:
            continue
        g.unknown_keys(item, field_names(record))
        built = g.build(item, record)
        if built is not None:
            out.append(built)
    return tuple(out)


def read_narratives(folder: Path, problems: Problems) -> tuple[Narrative, ...]:
    name = "narrative.yaml"
    data = load_yaml(folder, name, problems)
    f = Fields(problems, name, "")
    narratives = []
    for i, raw in enumerate(f.sequence(data, "a list of {document, sections, toc}")):
        g = f.at(f"[{i}]")
        entry = g.mapping(raw, "a mapping with document, sections, toc")
        if entry is None:
            continue
        g.unknown_keys(entry, field_names(Narrative))
        sections: list[NarrativeSection] = []
        _sections(g.at(f"[{i}].sections"), entry.get("sections"), None, sections, entry.line)
        toc = _items(g.at(f"[{i}]"), entry, "toc", TocEntry, "a mapping with title and page")
        narrative = g.build(entry, Narrative, sections=tuple(sections), toc=toc)
        if narrative is not None:
            narratives.append(narrative)
    return tuple(narratives)


def _sections(
    f: Fields, raw: Any, parent: str | None, out: list[NarrativeSection], line: int
) -> None:
    """Sections may nest through `sections`; they are kept flat with their parent's id."""
    for j, raw_s in enumerate(f.sequence(raw, "a list of sections", line)):
        g = f.at(f"{f.where}[{j}]")
        section = g.mapping(raw_s, "a mapping with id, number, title, summary")
        if section is None:
            continue
        g.unknown_keys(section, field_names(NarrativeSection, "sections") - {"parent"})
        built = g.build(section, NarrativeSection, parent=parent)
        if built is None:
            continue
        out.append(built)
        if "sections" in section:
            _sections(g.at(f"{g.where}.sections"), section["sections"], built.id, out, section.line)


__all__ = ["FORMAT", "shown"]
