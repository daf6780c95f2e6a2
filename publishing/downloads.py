"""The evaluation report's downloads on the analysis pages (registered in analysis.downloads)."""

from django.urls import reverse

from publishing import renderers


def evaluation_report_downloads(programme_code: str) -> list[dict]:
    """The evaluation report of the scope in every format publishing renders (its edition — full or
    aggregated — is decided by publishing from the user's permissions)."""
    return [
        {
            "format": fmt.upper(),
            "url": reverse(
                "publishing:evaluation_report", kwargs={"programme": programme_code.lower(), "fmt": fmt}
            ),
        }
        for fmt in renderers.formats()
    ]
