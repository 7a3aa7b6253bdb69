from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "karne.releases"
    verbose_name = "Yayımlanan belgeler / Published documents"

    def ready(self) -> None:
        from karne.jobs.handlers import register
        from karne.releases import builds

        register(builds.REPORT, builds.build_report_job)
        register(builds.AUDIT, builds.build_audit_job)
