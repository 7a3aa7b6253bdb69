"""Cross-file checks: every code once, every reference to something that exists.

They run on rows that already parsed, so each problem can name its file and line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from karne.core.budget import ECONOMIC_CODES
from karne.core.indicators import IndicatorKind
from karne.core.periods import PeriodCode
from karne.core.records import Dataset
from karne.core.schema import Kind, field_specs
from karne.dataformat.csvfiles import Row, Rows
from karne.dataformat.errors import Problems, shown
from karne.dataformat.tables import TABLES

Key = Callable[[Row], tuple[object, ...]]  # texts, enum values and years


def _unique(rows: Rows, key: Key, label: str, problems: Problems) -> None:
    seen: dict[tuple[object, ...], int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            problems.add(
                row.file,
                row.line,
                label,
                f"a {label} used once (first used on line {seen[k]})",
                repr("/".join(map(str, k))),
            )
        else:
            seen[k] = row.line


def _unique_codes(codes: Iterable[str], file: str, label: str, problems: Problems) -> None:
    for code, count in Counter(codes).items():
        if count > 1:
            problems.add(file, None, label, f"each {label} once", f"{code!r} {count} times")


def _refs(rows: Rows, column: str, known: set[str], what: str, problems: Problems) -> None:
    for row in rows:
        value = row[column]
        if value and value not in known:
            problems.add(row.file, row.line, column, what, shown(value))


# How a reference's expectation is worded, by the list it names (else "a code of <list>.csv").
_REF_WHAT = {
    "units": "the code of a unit in units.csv",
    "documents": "a document code of dataset.yaml",
}


def _references(dataset: Dataset, rows: dict[str, Rows], problems: Problems) -> None:
    """Every field a record type marks as naming another record (`schema.Ref`) names one."""
    codes: dict[str, set[str]] = {}
    for table in TABLES:
        for spec in field_specs(table.record):
            if spec.ref is None:
                continue
            if spec.ref not in codes:
                codes[spec.ref] = {getattr(r, "code") for r in getattr(dataset, spec.ref)}  # noqa: B009
            what = _REF_WHAT.get(spec.ref, f"a code of {spec.ref}.csv")
            _refs(rows[table.file], spec.name, codes[spec.ref], what, problems)


_ACTIVITY = "an activity of the {} programme"


def _refs_in_year(
    rows: Rows,
    column: str,
    year_of: Callable[[Row], int | None],
    known: set[tuple[int, str]],
    what: str,
    problems: Problems,
) -> None:
    """References to codes that are unique only within a year's programme structure."""
    for row in rows:
        year = year_of(row)
        if year is not None and (year, row[column]) not in known:
            expected = what.format(year) + " in programs.yaml"
            problems.add(row.file, row.line, column, expected, repr(row[column]))


def check_dataset(dataset: Dataset, rows: dict[str, Rows], problems: Problems) -> None:
    units = {u.code for u in dataset.units}
    documents = {d.code for d in dataset.documents}
    _references(dataset, rows, problems)
    _unique_codes((d.code for d in dataset.documents), "dataset.yaml", "document code", problems)
    _unique(rows["units.csv"], lambda r: (r["code"],), "unit code", problems)
    _unit_tree(rows["units.csv"], problems)
    _unit_years(rows["units.csv"], problems)
    _unit_years(rows["duties.csv"], problems)
    _duties_within_units(dataset, rows["duties.csv"], problems)
    _years(dataset, rows, problems)

    _unique_codes(
        (p.code for p in dataset.strategic_plans), "strategic_plan.yaml", "plan code", problems
    )
    for plan in dataset.strategic_plans:
        if plan.end_year < plan.start_year:
            expected = f"a year ≥ {plan.start_year}"
            problems.add("strategic_plan.yaml", None, "end_year", expected, str(plan.end_year))
    aims = [a for plan in dataset.strategic_plans for a in plan.aims]
    objectives = [o for a in aims for o in a.objectives]
    _unique_codes((a.code for a in aims), "strategic_plan.yaml", "aim code", problems)
    _unique_codes((o.code for o in objectives), "strategic_plan.yaml", "objective code", problems)
    for objective in objectives:
        for unit in (*objective.responsible_units, *objective.coordinating_units):
            if unit not in units:
                problems.add(
                    "strategic_plan.yaml",
                    None,
                    f"{objective.code}.units",
                    "the code of a unit in units.csv",
                    repr(unit),
                )
    objective_codes = {o.code for o in objectives}
    aim_codes = {a.code for a in aims}

    sp = rows["sp_indicators.csv"]
    _unique(sp, lambda r: (r["code"],), "SP indicator code", problems)
    _refs(sp, "objective", objective_codes, "an objective code of strategic_plan.yaml", problems)
    spv = rows["sp_indicator_values.csv"]
    _unique(spv, lambda r: (r["indicator"], r["year"]), "indicator and year", problems)

    _check_programs(dataset, units, aim_codes, problems)
    sub_programs = {
        (s.year, sub.code)
        for s in dataset.program_structures
        for p in s.programs
        for sub in p.sub_programs
    }
    activities = {
        (s.year, a.code)
        for s in dataset.program_structures
        for p in s.programs
        for sub in p.sub_programs
        for a in sub.activities
    }

    pp = rows["pp_indicators.csv"]
    _unique(pp, lambda r: (r["code"],), "indicator code", problems)
    _refs_in_year(
        pp, "sub_program", lambda r: r["year"], sub_programs, "a sub-program of year {}", problems
    )
    kinds = {r["code"]: r["kind"] for r in pp}

    ppv = rows["pp_indicator_values.csv"]
    _unique(
        ppv,
        lambda r: (r["indicator"], r["year"], r["measure"].value, r["source"]),
        "indicator, year, measure and source",
        problems,
    )

    real = rows["realizations.csv"]
    _unique(
        real,
        lambda r: (r["indicator"], r["year"], r["period"].value),
        "indicator, year and period",
        problems,
    )
    for row in real:
        if row["period"] is PeriodCode.YEAR and kinds.get(row["indicator"]) not in (
            None,
            IndicatorKind.RATIO,
        ):
            problems.add(
                row.file,
                row.line,
                "period",
                "Q1…Q4 (a whole-year value is only for ratio indicators)",
                "'Y'",
            )
        parts = (row["numerator"] is None, row["denominator"] is None)
        if parts[0] != parts[1]:
            problems.add(
                row.file, row.line, "denominator", "numerator and denominator together", "only one"
            )

    _check_budget(rows, activities, documents, dataset, problems)
    _check_documents(rows, documents, dataset, problems)


def _unit_tree(units: Rows, problems: Problems) -> None:
    """Units form a tree: no unit is its own parent, nor above itself through others (the
    organisation chart and every roll-up by unit walk up the parents)."""
    parent = {r["code"]: r["parent"] for r in units}
    for row in units:
        code, seen, up = row["code"], set(), row["parent"]
        while up is not None and up not in seen and up != code:
            seen.add(up)
            up = parent.get(up)
        if up == code:
            found = "the unit itself" if row["parent"] == code else f"a cycle through {code!r}"
            problems.add(row.file, row.line, "parent", "a unit above this one, not below", found)


def _unit_years(units: Rows, problems: Problems) -> None:
    """A unit's (a duty's) validity ends no earlier than it starts (either end may be open)."""
    for row in units:
        start, end = row["valid_from"], row["valid_to"]
        if start is not None and end is not None and end < start:
            problems.add(row.file, row.line, "valid_to", f"a year ≥ {start}", str(end))


def _ordered(start: int | None, end: int | None) -> bool:
    return start is None or end is None or start <= end


def _duties_within_units(dataset: Dataset, duties: Rows, problems: Problems) -> None:
    """A duty holds only while its unit exists: its years lie within the unit's."""
    units = {u.code: u for u in dataset.units}
    twice = {code for code, n in Counter(u.code for u in dataset.units).items() if n > 1}
    for row in duties:
        unit = units.get(row["unit"])
        if unit is None or unit.code in twice or not _ordered(unit.valid_from, unit.valid_to):
            continue  # an unknown or ambiguous unit, or its broken years: another check's message
        start, end = row["valid_from"], row["valid_to"]
        if unit.valid_from is not None and (start is None or start < unit.valid_from):
            expected = f"a year ≥ {unit.valid_from} (the unit's first year)"
            problems.add(row.file, row.line, "valid_from", expected, str(start or "empty"))
        if unit.valid_to is not None and (end is None or end > unit.valid_to):
            expected = f"a year ≤ {unit.valid_to} (the unit's last year)"
            problems.add(row.file, row.line, "valid_to", expected, str(end or "empty"))


# How far a table's year may lie from the years of the dataset's documents and programmes: a
# programme prints actual figures two years back and forecasts two years ahead, and the budget
# tables compare a year with the one before and after.
YEAR_MARGIN = 3


def _years(dataset: Dataset, rows: dict[str, Rows], problems: Problems) -> None:
    """Years within the plan (docs/data-format.md, "Years"): a realization is reported in a year
    of programs.yaml; a strategic-plan value falls within a plan's years; every other year of
    a table lies within YEAR_MARGIN of a document's or a programme's year."""
    programmes = {s.year for s in dataset.program_structures}
    known = programmes | {d.year for d in dataset.documents}
    plans = [(p.start_year, p.end_year) for p in dataset.strategic_plans]
    for table in TABLES:
        for spec in field_specs(table.record):
            if spec.kind is not Kind.YEAR:
                continue
            for row in rows[table.file]:
                year = row[spec.name]
                if table.attr == "realizations":
                    if year not in programmes:
                        expected = "a year of programs.yaml"
                        problems.add(row.file, row.line, spec.name, expected, str(year))
                elif table.attr == "sp_indicator_values":
                    if not any(start <= year <= end for start, end in plans):
                        expected = "a year of a strategic plan"
                        problems.add(row.file, row.line, spec.name, expected, str(year))
                elif known and not min(known) - YEAR_MARGIN <= year <= max(known) + YEAR_MARGIN:
                    expected = (
                        f"a year from {min(known) - YEAR_MARGIN} to {max(known) + YEAR_MARGIN}"
                    )
                    problems.add(row.file, row.line, spec.name, expected, str(year))


def _check_programs(dataset: Dataset, units: set[str], aims: set[str], problems: Problems) -> None:
    file = "programs.yaml"
    _unique_codes((str(s.year) for s in dataset.program_structures), file, "year", problems)
    for structure in dataset.program_structures:
        programs = structure.programs
        subs = [sub for p in programs for sub in p.sub_programs]
        codes = [
            *(p.code for p in programs),
            *(s.code for s in subs),
            *(o.code for s in subs for o in s.objectives),
            *(a.code for s in subs for a in s.activities),
        ]
        _unique_codes(codes, file, f"code in year {structure.year}", problems)
        for sub in subs:
            for objective in sub.objectives:
                for aim in objective.sp_aims:
                    if aim not in aims:
                        problems.add(
                            file, None, f"{objective.code}.sp_aims", "an aim code", repr(aim)
                        )
            own = {o.code for o in sub.objectives}
            for activity in sub.activities:
                for objective_code in activity.objectives:
                    if objective_code not in own:
                        problems.add(
                            file,
                            None,
                            f"{activity.code}.objectives",
                            f"an objective code of {sub.code}",
                            repr(objective_code),
                        )
                if activity.responsible_unit and activity.responsible_unit not in units:
                    problems.add(
                        file,
                        None,
                        f"{activity.code}.responsible_unit",
                        "the code of a unit in units.csv",
                        repr(activity.responsible_unit),
                    )


def _check_budget(
    rows: dict[str, Rows],
    activities: set[tuple[int, str]],
    documents: set[str],
    dataset: Dataset,
    problems: Problems,
) -> None:
    economic = set(ECONOMIC_CODES)
    what_code = "a level-1 economic code 01…09"
    costs = rows["activity_costs.csv"]
    _unique(
        costs,
        lambda r: (
            r["year"],
            r["activity"],
            r["economic_code"],
            r["source"].value,
            r["measure"].value,
            r["document"],
        ),
        "cost cell",
        problems,
    )
    year_of = {d.code: d.year for d in dataset.documents}
    # A programme's costs span several years; the activity belongs to the programme's year.
    _refs_in_year(
        costs, "activity", lambda r: year_of.get(r["document"]), activities, _ACTIVITY, problems
    )
    _refs(costs, "economic_code", economic, what_code, problems)
    be = rows["budget_economic.csv"]
    _unique(
        be,
        lambda r: (r["year"], r["economic_code"], r["source"].value),
        "year, economic code and source",
        problems,
    )
    _refs(be, "economic_code", economic, what_code, problems)
    ba = rows["budget_activity.csv"]
    _unique(ba, lambda r: (r["year"], r["activity"]), "year and activity", problems)
    _refs_in_year(ba, "activity", lambda r: r["year"], activities, _ACTIVITY, problems)
    bu = rows["budget_unit.csv"]
    _unique(bu, lambda r: (r["year"], r["unit"]), "year and unit", problems)
    spending = {u.code for u in dataset.units if u.is_spending_unit}
    _refs(bu, "unit", spending, "a spending unit (is_spending_unit true in units.csv)", problems)
    carried = rows["budget_carryover.csv"]
    _unique(carried, lambda r: (r["year"], r["from_year"], r["purpose"]), "carry-over", problems)
    for row in carried:
        year, source = row["year"], row["from_year"]
        if year is not None and source is not None and source >= year:
            problems.add(
                row.file,
                row.line,
                "from_year",
                f"a year before the year it is carried into ({year})",
                str(source),
            )


def _check_documents(
    rows: dict[str, Rows], documents: set[str], dataset: Dataset, problems: Problems
) -> None:
    what = "a document code of dataset.yaml"
    resources = rows["resources.csv"]
    _unique(
        resources,
        lambda r: (r["document"], r["table"], r["category"].value, r["item"]),
        "resource item",
        problems,
    )
    claims = rows["claims.csv"]
    _unique(claims, lambda r: (r["document"], r["claim"]), "claim id", problems)
    printed = rows["printed.csv"]
    _unique(
        printed,
        lambda r: (r["document"], r["table"], r["row"], r["column"]),
        "printed cell",
        problems,
    )
    for narrative in dataset.narratives:
        if narrative.document not in documents:
            problems.add("narrative.yaml", None, "document", what, repr(narrative.document))
        _unique_codes(
            (s.id for s in narrative.sections),
            "narrative.yaml",
            f"{narrative.document} section id",
            problems,
        )
