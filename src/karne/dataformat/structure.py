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
    DocumentKind,
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
from karne.dataformat.yamlfiles import Fields, LineDict, load_yaml

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
        g.unknown_keys(doc, {"code", "kind", "year", "title", "tables"})
        code = g.get(doc, "code", v.required_text, required=True)
        kind = g.get(doc, "kind", v.enum(DocumentKind), required=True)
        year = g.get(doc, "year", v.year, required=True)
        title = g.get(doc, "title", v.text, default="")
        tables = _table_kinds(g.at(f"documents[{i}].tables"), doc.get("tables"), doc.line)
        if code and kind and year:
            documents.append(Document(code, kind, year, title, tables))
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
    allowed = {"code", "name", "short_name", "parent", "address", "mission", "vision", "values"}
    f.unknown_keys(root, allowed | {"duties", "abbreviations", "policy"})
    abbreviations = []
    for i, item in enumerate(f.sequence(root.get("abbreviations"), "a list", root.line)):
        g = f.at(f"abbreviations[{i}]")
        entry = g.mapping(item, "a mapping with code and meaning")
        if entry is None:
            continue
        g.unknown_keys(entry, {"code", "meaning", "documents"})
        abbreviations.append(
            Abbreviation(
                g.get(entry, "code", v.required_text, required=True) or "",
                g.get(entry, "meaning", v.required_text, required=True) or "",
                g.get(entry, "documents", v.code_list, default=()),
            )
        )
    policy = Policy()
    raw_policy = root.get("policy")
    if raw_policy is not None:
        mapping = f.at("policy").mapping(raw_policy, "a mapping of policy settings")
        if mapping is not None:
            try:
                policy = Policy.from_mapping(dict(mapping))
            except ValueError as exc:
                problems.add(name, mapping.line, "policy", "valid policy settings", str(exc))
    code = f.get(root, "code", v.required_text, required=True)
    admin_name = f.get(root, "name", v.required_text, required=True)
    if not code or not admin_name:
        return None
    return Administration(
        code=code,
        name=admin_name,
        short_name=f.get(root, "short_name", v.text, default=""),
        parent=f.get(root, "parent", v.text, default=""),
        address=f.get(root, "address", v.text, default=""),
        mission=f.get(root, "mission", v.text, default=""),
        vision=f.get(root, "vision", v.text, default=""),
        values=f.get(root, "values", v.text_list, default=()),
        duties=f.get(root, "duties", v.text_list, default=()),
        abbreviations=tuple(abbreviations),
        policy=policy,
    )


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
        g.unknown_keys(plan, {"code", "title", "start_year", "end_year", "aims"})
        aims = tuple(
            a
            for j, raw in enumerate(g.sequence(plan.get("aims"), "a list of aims", plan.line))
            if (a := _aim(g.at(f"aims[{j}]"), raw)) is not None
        )
        code = g.get(plan, "code", v.required_text, required=True)
        start = g.get(plan, "start_year", v.year, required=True)
        end = g.get(plan, "end_year", v.year, required=True)
        if start and end and end < start:
            problems.add(name, plan.line, "end_year", f"a year ≥ {start}", str(end))
        if code and start and end:
            title = g.get(plan, "title", v.text, default="")
            plans.append(StrategicPlan(code, title, start, end, aims))
    return tuple(plans)


def _aim(f: Fields, raw: Any) -> Aim | None:
    aim = f.mapping(raw, "a mapping with code, title, objectives")
    if aim is None:
        return None
    f.unknown_keys(aim, {"code", "title", "statement", "objectives"})
    objectives = []
    for k, raw_obj in enumerate(f.sequence(aim.get("objectives"), "a list", aim.line)):
        g = f.at(f"{f.where}.objectives[{k}]")
        obj = g.mapping(raw_obj, "a mapping with code and statement")
        if obj is None:
            continue
        keys = {"code", "short_title", "statement", "responsible_units", "coordinating_units"}
        g.unknown_keys(obj, keys | {"deviation_reason", "measures"})
        code = g.get(obj, "code", v.required_text, required=True)
        if code:
            objectives.append(
                Objective(
                    code=code,
                    short_title=g.get(obj, "short_title", v.text, default=""),
                    statement=g.get(obj, "statement", v.text, default=""),
                    responsible_units=g.get(obj, "responsible_units", v.code_list, default=()),
                    coordinating_units=g.get(obj, "coordinating_units", v.code_list, default=()),
                    deviation_reason=g.get(obj, "deviation_reason", v.text, default=""),
                    measures=g.get(obj, "measures", v.text, default=""),
                )
            )
    code = f.get(aim, "code", v.required_text, required=True)
    if not code:
        return None
    return Aim(
        code,
        f.get(aim, "title", v.text, default=""),
        f.get(aim, "statement", v.text, default=""),
        tuple(objectives),
    )


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
        g.unknown_keys(entry, {"year", "programs"})
        year = g.get(entry, "year", v.year, required=True)
        programs = []
        for j, raw_p in enumerate(g.sequence(entry.get("programs"), "a list", entry.line)):
            program = _program(g.at(f"[{i}].programs[{j}]"), raw_p)
            if program is not None:
                programs.append(program)
        if year:
            structures.append(ProgramStructure(year, tuple(programs)))
    return tuple(structures)


def _program(f: Fields, raw: Any) -> Program | None:
    data = f.mapping(raw, "a mapping with code, name, sub_programs")
    if data is None:
        return None
    f.unknown_keys(data, {"code", "name", "sub_programs"})
    subs = []
    for k, raw_s in enumerate(f.sequence(data.get("sub_programs"), "a list", data.line)):
        g = f.at(f"{f.where}.sub_programs[{k}]")
        sub = g.mapping(raw_s, "a mapping with code, name, objectives, activities")
        if sub is None:
            continue
        g.unknown_keys(sub, {"code", "name", "rationale", "objectives", "activities"})
        objectives = []
        for n, raw_o in enumerate(g.sequence(sub.get("objectives"), "a list", sub.line)):
            h = g.at(f"{g.where}.objectives[{n}]")
            obj = h.mapping(raw_o, "a mapping with code, text, sp_aims")
            if obj is None:
                continue
            h.unknown_keys(obj, {"code", "text", "sp_aims"})
            code = h.get(obj, "code", v.required_text, required=True)
            if code:
                objectives.append(
                    SubProgramObjective(
                        code,
                        h.get(obj, "text", v.text, default=""),
                        h.get(obj, "sp_aims", v.code_list, default=()),
                    )
                )
        activities = []
        for n, raw_a in enumerate(g.sequence(sub.get("activities"), "a list", sub.line)):
            h = g.at(f"{g.where}.activities[{n}]")
            act = h.mapping(raw_a, "a mapping with code, name, responsible_unit, description")
            if act is None:
                continue
            h.unknown_keys(act, {"code", "name", "responsible_unit", "description"})
            code = h.get(act, "code", v.required_text, required=True)
            act_name = h.get(act, "name", v.required_text, required=True)
            if code and act_name:
                activities.append(
                    Activity(
                        code,
                        act_name,
                        h.get(act, "responsible_unit", v.optional_code),
                        h.get(act, "description", v.text, default=""),
                    )
                )
        code = g.get(sub, "code", v.required_text, required=True)
        sub_name = g.get(sub, "name", v.required_text, required=True)
        if code and sub_name:
            rationale = g.get(sub, "rationale", v.text, default="")
            subs.append(SubProgram(code, sub_name, rationale, tuple(objectives), tuple(activities)))
    code = f.get(data, "code", v.required_text, required=True)
    program_name = f.get(data, "name", v.required_text, required=True)
    if not code or not program_name:
        return None
    return Program(code, program_name, tuple(subs))


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
        g.unknown_keys(entry, {"document", "sections", "toc"})
        document = g.get(entry, "document", v.required_text, required=True)
        sections: list[NarrativeSection] = []
        _sections(g.at(f"[{i}].sections"), entry.get("sections"), None, sections, entry.line)
        toc = []
        for j, raw_t in enumerate(g.sequence(entry.get("toc"), "a list", entry.line)):
            h = g.at(f"[{i}].toc[{j}]")
            item = h.mapping(raw_t, "a mapping with title and page")
            if item is None:
                continue
            h.unknown_keys(item, {"title", "page", "list"})
            title = h.get(item, "title", v.required_text, required=True)
            if title:
                page = h.get(item, "page", v.text, default="")
                toc.append(TocEntry(title, page, h.get(item, "list", v.text, default="")))
        if document:
            narratives.append(Narrative(document, tuple(sections), tuple(toc)))
    return tuple(narratives)


_SIGNED = ("signatory", "signatory_title", "place", "date")


def _sections(
    f: Fields, raw: Any, parent: str | None, out: list[NarrativeSection], line: int
) -> None:
    """Sections may nest through `sections`; they are kept flat with their parent's id."""
    for j, raw_s in enumerate(f.sequence(raw, "a list of sections", line)):
        g = f.at(f"{f.where}[{j}]")
        section = g.mapping(raw_s, "a mapping with id, number, title, summary")
        if section is None:
            continue
        g.unknown_keys(section, {"id", "number", "title", "summary", "items", "sections", *_SIGNED})
        section_id = g.get(section, "id", v.required_text, required=True)
        title = g.get(section, "title", v.required_text, required=True)
        if not section_id or not title:
            continue
        out.append(
            NarrativeSection(
                id=section_id,
                number=g.get(section, "number", v.text, default=""),
                title=title,
                summary=g.get(section, "summary", v.text, default=""),
                items=g.get(section, "items", v.text_list, default=()),
                **{key: g.get(section, key, v.text, default="") for key in _SIGNED},
                parent=parent,
            )
        )
        if "sections" in section:
            _sections(
                g.at(f"{g.where}.sections"), section["sections"], section_id, out, section.line
            )


__all__ = ["FORMAT", "shown"]
