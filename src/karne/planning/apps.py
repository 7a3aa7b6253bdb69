from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "karne.planning"
    verbose_name = "Plan ve program / Plan and program"
