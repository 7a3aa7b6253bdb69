from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "karne.monitoring"
    verbose_name = "İzleme / Monitoring"
