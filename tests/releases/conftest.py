from tests.jobs.conftest import admin

__all__ = ["admin"]
