from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "karne.monitoring"
    verbose_name = "İzleme / Monitoring"

    def ready(self) -> None:
        from karne.jobs.handlers import register
        from karne.monitoring.workbook import job

        register(job.KIND, job.run_apply)
