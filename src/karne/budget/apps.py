from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "karne.budget"
    verbose_name = "Bütçe / Budget"
