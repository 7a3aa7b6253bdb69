from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "karne.web"
    verbose_name = "Web"
