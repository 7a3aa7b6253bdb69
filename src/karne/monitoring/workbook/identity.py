"""Which form a workbook is, in its custom document properties, signed with the SECRET_KEY.

The properties name the administration, the form, the year, the period, the unit and the
declared range, and carry a digest of every row's key and state — its version and shown values,
in the sheet's hidden state column: a custom property holds at most 255 characters in Excel,
too few for the versions of a form of hundreds of rows. The signature (`django.core.signing`, HMAC
with the SECRET_KEY) covers them all, so a workbook for another unit or quarter is refused by
name, and one whose identity, versions or shown values were edited is refused as altered.
Sheet protection only keeps a person from changing a locked cell by mistake; nothing the
server relies on depends on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare

SALT = "karne.workbook.v2"
PREFIX = "karne."
FIELDS = ("administration", "form", "year", "period", "unit", "sheet", "range", "rows")


@dataclass(frozen=True)
class Identity:
    administration: str
    form: str
    year: int
    period: str  # the form's own word for its period: "1"–"4" (quarters), "H1"/"Y" (the plan's)
    unit: str
    sheet: str
    range: str  # the declared range, "A5:R40": the header row and every indicator row
    rows: str  # sha256 of the rows' keys, versions and shown values (see `rows_digest`)

    def values(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in FIELDS}

    def payload(self) -> str:
        return "\n".join(f"{name}={value}" for name, value in self.values().items())

    def signature(self) -> str:
        return signing.Signer(salt=SALT).signature(self.payload())

    def properties(self) -> dict[str, str]:
        """The custom document properties that carry this identity."""
        return {
            **{PREFIX + name: value for name, value in self.values().items()},
            PREFIX + "signature": self.signature(),
        }


class NotSigned(ValueError):
    """The workbook's properties are missing, malformed or do not match their signature."""


def read_identity(properties: Mapping[str, str]) -> Identity:
    """The identity the properties carry, once their signature is checked."""
    missing = [name for name in (*FIELDS, "signature") if PREFIX + name not in properties]
    if missing:
        raise NotSigned(", ".join(PREFIX + name for name in missing))
    try:
        identity = Identity(
            administration=properties[PREFIX + "administration"],
            form=properties[PREFIX + "form"],
            year=int(properties[PREFIX + "year"]),
            period=properties[PREFIX + "period"],
            unit=properties[PREFIX + "unit"],
            sheet=properties[PREFIX + "sheet"],
            range=properties[PREFIX + "range"],
            rows=properties[PREFIX + "rows"],
        )
    except ValueError:
        raise NotSigned("year") from None
    if identity.values() != {name: properties[PREFIX + name] for name in FIELDS}:
        raise NotSigned("values")  # "02" for "2": not what was signed
    if not constant_time_compare(identity.signature(), properties[PREFIX + "signature"]):
        raise NotSigned("signature")
    return identity


def rows_digest(rows: Iterable[tuple[str, ...]]) -> str:
    """The digest of the rows' technical values, whatever order the rows are in (a row is
    read by its key, so rows sorted in the sheet are still the rows that were exported)."""
    lines = sorted("\t".join(row) for row in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def text_digest(text: str) -> str:
    """A short digest of an explanation as exported: only equality is ever asked of it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
