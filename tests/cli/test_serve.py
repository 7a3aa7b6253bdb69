"""The `serve` command's refusals (`karne.cli.serve`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


def test_serve_refuses_the_development_key_beyond_loopback(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    from config.settings.base import DEVELOPMENT_KEY

    from karne.cli.serve import serve

    settings.SECRET_KEY = DEVELOPMENT_KEY

    assert serve(host="0.0.0.0", port=9, workers=1, demo=False, reference=Path(".")) == 2
    assert "development secret" in capsys.readouterr().err


def test_stopping_serve_stops_the_server(tmp_path: Path) -> None:
    """`karne serve` becomes gunicorn: the signal that stops it stops the server."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "KARNE_DATA_DIR": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "KARNE_DATABASE_URL", "KARNE_DB_PATH"):
        env.pop(name, None)
    karne = Path(sys.executable).with_name("karne")
    server = subprocess.Popen(
        [str(karne), "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/saglik/hazir/"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    assert answer.read() == b"ok"
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the server never answered")
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=40) == 0
        with pytest.raises(OSError, match="refused"):
            urllib.request.urlopen(url, timeout=2)
    finally:
        if server.poll() is None:
            server.kill()
