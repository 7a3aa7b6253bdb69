"""`karne createadmin`: the first strategy-unit administrator, on an empty database too.

The password is typed twice at a terminal (getpass: never echoed, never an argument, never in
the shell's history); a script may pipe it as one line on standard input. What is missing and
cannot be asked (standard input is not a terminal) is a clear error, not a traceback.
"""

from __future__ import annotations

import getpass
import sys

from karne.cli.database import migrate, when_unlocked

REFUSED = 2


class _Missing(Exception):
    pass


def _ask(prompt: str, option: str) -> str:
    if not sys.stdin.isatty():
        raise _Missing(
            f"{option} verin (standart girdi bir terminal değil) / give {option} "
            "(standard input is not a terminal)"
        )
    return input(prompt).strip()


def _password() -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise _Missing(
                "parola yok: bir terminalde yazın ya da standart girdiden tek satır verin / "
                "no password: type it at a terminal or give it as one line on standard input"
            )
        return line
    first = getpass.getpass("Parola / password: ")
    second = getpass.getpass("Parola (tekrar) / password (again): ")
    if first != second:
        raise _Missing("iki parola aynı değil / the two passwords differ")
    return first


def createadmin(*, administration: str | None, name: str | None, username: str | None) -> int:
    from karne.accounts.errors import MemberRefused
    from karne.accounts.selectors import administration_codes
    from karne.accounts.services import admin_create

    migrate()
    try:
        if not administration_codes():
            if administration is None:
                administration = _ask("İdare kodu / administration code: ", "--administration")
            if name is None:
                name = _ask("İdare adı / administration name: ", "--name")
        if username is None:
            username = _ask("Kullanıcı adı / user name: ", "--username")
        password = _password()
    except _Missing as exc:
        print(
            f"karne createadmin: {exc}. Hiçbir şey değişmedi / nothing was changed.",
            file=sys.stderr,
        )
        return REFUSED
    except (EOFError, KeyboardInterrupt):
        print("\nkarne createadmin: vazgeçildi / cancelled; nothing was changed.", file=sys.stderr)
        return REFUSED
    try:
        membership = when_unlocked(
            lambda: admin_create(
                administration=administration, name=name, username=username, password=password
            )
        )
    except MemberRefused as exc:
        print(
            f"karne createadmin: {exc} Hiçbir şey değişmedi / nothing was changed.", file=sys.stderr
        )
        return REFUSED
    admin = membership.administration
    print(
        f"{username}: strateji birimi yöneticisi oluşturuldu / strategy unit administrator "
        f"created — {admin.code} ({admin.name}). Giriş / sign in: karne serve"
    )
    return 0
