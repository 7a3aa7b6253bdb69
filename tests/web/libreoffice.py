"""A workbook saved again by LibreOffice Calc, as a person whose office suite is not Excel
does: what every workbook's round-trip test reads back."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# CI may set KARNE_REQUIRE_LIBREOFFICE=1: there a missing LibreOffice is a failure, not a skip.
if os.environ.get("KARNE_REQUIRE_LIBREOFFICE") == "1" and not SOFFICE:
    raise RuntimeError("soffice is required (KARNE_REQUIRE_LIBREOFFICE=1)")


def saved_by_calc(source: Path, folder: Path) -> bytes:
    """The workbook at `source` as Calc saves it again in .xlsx (written into `folder`, whose
    `profile` holds LibreOffice's own settings)."""
    assert SOFFICE is not None
    profile = f"-env:UserInstallation=file://{folder}/profile"
    convert = ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder)]
    subprocess.run(
        [SOFFICE, "--headless", profile, *convert, str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (folder / source.name).read_bytes()
