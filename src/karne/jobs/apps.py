from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "karne.jobs"
    verbose_name = "İşler / Jobs"
