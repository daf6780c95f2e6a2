from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from analysis import downloads as analysis_downloads
from analysis import page_figures as analysis_page_figures


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Udgivelse")

    def ready(self) -> None:
        # Registration needs the app registry ready: publishing.downloads imports the renderers and
        # publishing.pages the codebook's models.
        from publishing.downloads import evaluation_report_downloads  # noqa: PLC0415
        from publishing.pages import analysis_page_figures as page_figures  # noqa: PLC0415

        analysis_downloads.register(evaluation_report_downloads)
        analysis_page_figures.register(page_figures)
