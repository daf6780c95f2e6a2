from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site pages: start pages and site pages that combine every app below them."""

    name = "pages"
    verbose_name = _("Sider")
