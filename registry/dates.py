"""Plausible dates: after 2000, not decades ahead, and within a site's membership of the project.

The messages say what is wrong with the date, not how to write one; forms and services share them.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def _day(date: datetime.date) -> str:
    return date.strftime("%d.%m.%Y")


def date_problem(date: datetime.date | None, *, site=None, today: datetime.date | None = None) -> str | None:
    """Why `date` is implausible (for the site, when given), or None when it is fine."""
    if date is None:
        return None
    today = today or timezone.localdate()
    if date < EARLIEST:
        return _("Datoen ligger før år 2000.")
    if date.year > today.year + YEARS_AHEAD:
        return _("Datoen ligger mere end %(years)d år ude i fremtiden.") % {"years": YEARS_AHEAD}
    if site is not None and site.joined_on and date < site.joined_on:
        return _("Datoen ligger før, at stedet kom med i projektet %(date)s.") % {
            "date": _day(site.joined_on)
        }
    if site is not None and site.left_on and date > site.left_on:
        return _("Datoen ligger efter, at stedet forlod projektet %(date)s.") % {"date": _day(site.left_on)}
    return None


def left_notice(site) -> str | None:
    """Why a site takes no new visits, or None while it is in the project."""
    if site.left_on is None:
        return None
    return _("Stedet forlod projektet %(date)s (%(reason)s) og får ikke flere besøg.") % {
        "date": _day(site.left_on),
        "reason": site.left_reason,
    }
