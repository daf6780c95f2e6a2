from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Konti")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save  # noqa: PLC0415

        from accounts import permissions  # noqa: PLC0415

        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(permissions.forget, dispatch_uid=f"permissions_forget_{name}")
