"""Form helpers: read an entry page's inputs back, as a browser would post them."""

from __future__ import annotations

import re

from django.test import Client


def entry_form(client: Client, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    fields = dict(re.findall(r'name="((?:value|num|den|ver)-[^"]+)"[^>]*?value="([^"]*)"', html))
    for name, text in re.findall(
        r'<textarea id="[^"]+" name="(exp-[^"]+)" rows="2">([^<]*)</textarea>', html
    ):
        fields[name] = text
    return fields


def state_of(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    match = re.search(r'id="state">([^<]+)<', html)
    assert match, "no state on the page"
    return match.group(1)
