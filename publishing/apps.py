from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from analysis import downloads as analysis_downloads


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Udgivelse")

    def ready(self) -> None:
        # Registration needs the app registry ready, and publishing.downloads imports the renderers.
        from publishing.downloads import evaluation_report_downloads  # noqa: PLC0415

        analysis_downloads.register(evaluation_report_downloads)
