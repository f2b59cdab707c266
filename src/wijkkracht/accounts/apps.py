from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wijkkracht.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from wijkkracht.accounts.middleware import stamp_activity_at_login

        user_logged_in.connect(stamp_activity_at_login, dispatch_uid="wk_stamp_activity")
