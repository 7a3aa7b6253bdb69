"""`karne workbook`: a unit's entry form as a workbook, and an uploaded one back: the quarterly
form (`--quarter`), the strategic plan's (`--half H1|Y`) or next year's proposal (`--preparation
targets|costs`); an import knows its form itself.

The command acts as a named person (`--user`), with that person's permissions, so that the
trail names who saved; it prints the same preview as the web page, as text or JSON.

Exit codes: 0 written, previewed without errors, or applied (also: nothing to apply);
1 refused with errors by cell (nothing was saved); 2 the file is not this form (not a
workbook, too large unpacked, altered, another installation's); 3 no such user, no
permission, or no such period, unit or form.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from karne.cli.database import migrate, when_unlocked
from karne.cli.output import print_json

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from karne.monitoring.workbook import Preview

EXIT_ERRORS = 1
EXIT_NOT_THIS_FORM = 2
EXIT_NOT_ALLOWED = 3


def _user(username: str) -> AbstractBaseUser | None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        print(f"karne workbook: '{username}' adlı kullanıcı yok / no such user", file=sys.stderr)
    return user


def export(*, year: int, form: str, period: str, unit: str, username: str, out: Path) -> int:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from karne.monitoring.workbook import Exported, workbook_export
    from karne.monitoring.workbook.kinds import QUARTERLY, STRATEGIC
    from karne.monitoring.workbook.prep import COSTS, TARGETS, prep_workbook_export

    migrate()
    user = _user(username)
    if user is None:
        return EXIT_NOT_ALLOWED
    try:
        exported: Exported
        if form.startswith("prep-"):
            prep = TARGETS if form == "prep-targets" else COSTS
            exported = prep_workbook_export(user=user, year=year, unit=unit, form=prep)
        else:
            exported = workbook_export(
                user=user,
                year=year,
                period=period,
                unit=unit,
                form=STRATEGIC if form == "sp" else QUARTERLY,
            )
    except PermissionDenied:
        print(
            f"karne workbook: {username} bu birimin formunu göremez / may not see this unit's form",
            file=sys.stderr,
        )
        return EXIT_NOT_ALLOWED
    except Http404:
        print(
            f"karne workbook: {year}/{period} dönemi ya da {unit} formu yok / "
            "no such period or form",
            file=sys.stderr,
        )
        return EXIT_NOT_ALLOWED
    out.write_bytes(exported.content)
    print(f"{out}: {exported.rows} satır / rows ({unit}, {year}/{period})")
    return 0


def import_(*, path: Path, username: str, confirm: bool, as_json: bool) -> int:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from karne.monitoring.workbook import (
        WorkbookRefused,
        preview_json,
        workbook_apply,
        workbook_preview,
    )
    from karne.monitoring.workbook.prep import FORMS, prep_workbook_apply, prep_workbook_preview
    from karne.monitoring.workbook.reader import form_of

    migrate()
    user = _user(username)
    if user is None:
        return EXIT_NOT_ALLOWED
    try:
        content = path.read_bytes()
    except OSError as exc:
        print(f"karne workbook: {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_NOT_THIS_FORM
    try:
        prep = form_of(content) in FORMS  # next year's proposal; else an entry form
        apply = prep_workbook_apply if prep else workbook_apply
        read = prep_workbook_preview if prep else workbook_preview
        if confirm:
            applied = when_unlocked(lambda: apply(user=user, content=content, filename=path.name))
            preview, saved = applied.preview, applied.saved
        else:
            preview, saved = read(user=user, content=content, filename=path.name), None
    except WorkbookRefused as exc:
        if as_json:
            print_json({"file": path.name, "ok": False, "refused": str(exc)})
        print(f"karne workbook: {path.name}: {exc}", file=sys.stderr)
        return EXIT_NOT_THIS_FORM
    except PermissionDenied:
        print(
            f"karne workbook: {username} bu formu değiştiremez / may not change this form",
            file=sys.stderr,
        )
        return EXIT_NOT_ALLOWED
    except Http404:
        print("karne workbook: bu dönem ya da form yok / no such period or form", file=sys.stderr)
        return EXIT_NOT_ALLOWED
    if as_json:
        print_json(preview_json(preview, saved))
    else:
        sys.stdout.write(render_preview(preview, saved))
    return 0 if preview.ok else EXIT_ERRORS


def render_preview(preview: Preview, saved: int | None) -> str:
    """The preview as the web page lists it: every row with its status, then every error."""
    from karne.core.decimals import decimal_text
    from karne.monitoring.workbook import STATUS_LABELS

    identity = preview.identity
    lines = [
        f"{preview.filename}: {preview.unit_name} ({identity.unit}), "
        f"{identity.year}/{identity.period}"
    ]
    counts = preview.counts()
    lines.append(
        "  " + ", ".join(f"{STATUS_LABELS[s]} / {s.value}: {n}" for s, n in counts.items())
    )
    for row in preview.rows:
        before = "-" if row.stored[0] is None else decimal_text(row.stored[0])
        after = "-" if row.uploaded[0] is None else decimal_text(row.uploaded[0])
        change = f"{before} → {after}" if row.status.value in ("new", "changed") else before
        lines.append(f"  {row.status.value:<9} {row.code:<12} {change}")
    if preview.errors:
        lines.append(
            f"Hatalar / errors: {len(preview.errors)} (hiçbir şey kaydedilmedi / nothing was saved)"
        )
        for e in preview.errors:
            place = f"{e.sheet}!{e.cell}" if e.cell else e.sheet
            lines.append(
                f"  {place} {e.indicator}: {e.message} "
                f"(beklenen / expected: {e.expected}; bulunan / found: {e.found})"
            )
    elif saved:
        lines.append(f"Kaydedildi / saved: {saved} satır / rows")
    elif preview.entries:
        lines.append(
            f"Onaylanırsa {len(preview.entries)} satır kaydedilir / rows to save with --confirm"
        )
    else:
        lines.append("Kaydedilecek değişiklik yok / nothing to save")
    return "\n".join(lines) + "\n"
