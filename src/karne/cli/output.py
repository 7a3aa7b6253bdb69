"""Printing helpers shared by the commands."""

from __future__ import annotations

import json
import sys


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_problems(exc: Exception) -> None:
    problems = getattr(exc, "problems", [])
    print(
        f"Veri seti geçersiz / invalid dataset: {len(problems)} sorun / problem(s)",
        file=sys.stderr,
    )
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
