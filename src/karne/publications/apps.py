from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "karne.publications"
    verbose_name = "Yayımlanan belgeler / Published documents"
