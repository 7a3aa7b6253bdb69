"""Form helpers: read an entry page's inputs back, as a browser would post them."""

from __future__ import annotations

import html
import re

from django.test import Client

_INPUT = re.compile(
    r'<input[^>]*? name="((?:was-)?(?:value|num|den|exp|ver)-[^"]+|form_language)"'
    r'[^>]*?value="([^"]*)"'
)
_TEXTAREA = re.compile(r'<textarea[^>]*? name="(exp-[^"]+)"[^>]*>([^<]*)</textarea>')


def entry_form(client: Client, url: str) -> dict[str, str]:
    return page_form(client.get(url).content.decode())


def page_form(page: str) -> dict[str, str]:
    """The entry inputs of a page (values, parts, versions, what the form showed)."""
    fields = {name: html.unescape(value) for name, value in _INPUT.findall(page)}
    for name, text in _TEXTAREA.findall(page):
        fields[name] = html.unescape(text)
    # the language the form was drawn in goes with its inputs; a form without any has none
    return fields if set(fields) - {"form_language"} else {}


def state_of(client: Client, url: str) -> str:
    html_text = client.get(url).content.decode()
    match = re.search(r'id="state">([^<]+)<', html_text)
    assert match, "no state on the page"
    return match.group(1)
