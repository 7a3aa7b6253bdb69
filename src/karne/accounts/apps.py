from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "karne.accounts"
    verbose_name = "Hesaplar / Accounts"
