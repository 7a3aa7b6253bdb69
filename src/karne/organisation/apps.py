from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "karne.organisation"
    verbose_name = "Teşkilat / Organisation"
