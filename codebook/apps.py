from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodebookConfig(AppConfig):
    """The codebook: drivers, mechanisms and attention points, and their versions."""

    name = "codebook"
    verbose_name = _("Kodebog")
