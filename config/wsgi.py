"""WSGI entry point for a production server (gunicorn config.wsgi).

It refuses to start without DJANGO_SETTINGS_MODULE: a server started by hand must say which
settings it runs with (config.settings.production for a deployment), never fall back to the
development ones. `karne serve` sets it.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    raise ImproperlyConfigured(
        "DJANGO_SETTINGS_MODULE is not set: use config.settings.production for a deployment "
        "(docs/deployment.md), or start the server with `karne serve`"
    )
application = get_wsgi_application()
