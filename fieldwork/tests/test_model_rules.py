import datetime

import pytest
from django.db import IntegrityError, transaction

from fieldwork.models import ImplementationReport, TrialAction, Visit
from fieldwork.tests.factories import ReportFactory, TrialActionFactory, VisitFactory
from registry.tests.factories import SiteFactory

pytestmark = pytest.mark.django_db


def test_one_report_per_visit():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ImplementationReport.objects.create(visit=report.visit)


def test_held_visit_needs_held_date():
    site = SiteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(site=site, planned_on=datetime.date(2018, 3, 1), status="held")


def test_cancelled_visit_needs_reason():
    site = SiteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(site=site, planned_on=datetime.date(2018, 3, 1), status="cancelled")
    Visit.objects.create(
        site=site, planned_on=datetime.date(2018, 3, 1), status="cancelled", cancel_reason="Sygdom"
    )


def test_anchoring_is_one_to_five():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(anchoring=6)


def test_trial_action_followed_up_at_later_visit_of_same_site():
    first = VisitFactory(planned_on=datetime.date(2018, 3, 1))
    later = VisitFactory(site=first.site, planned_on=datetime.date(2018, 6, 1))
    action = TrialActionFactory(agreed_at=first)
    action.followed_up_at, action.outcome = later, "done"
    action.save()
    assert TrialAction.objects.get(pk=action.pk).outcome == "done"


def test_trial_action_cannot_be_followed_up_before_it_was_agreed():
    later = VisitFactory(planned_on=datetime.date(2018, 6, 1))
    earlier = VisitFactory(site=later.site, planned_on=datetime.date(2018, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        TrialActionFactory(agreed_at=later, followed_up_at=earlier, outcome="done")


def test_trial_action_cannot_be_followed_up_at_another_site():
    first = VisitFactory(planned_on=datetime.date(2018, 3, 1))
    elsewhere = VisitFactory(planned_on=datetime.date(2018, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        TrialActionFactory(agreed_at=first, followed_up_at=elsewhere, outcome="done")


def test_follow_up_needs_outcome():
    first = VisitFactory(planned_on=datetime.date(2018, 3, 1))
    later = VisitFactory(site=first.site, planned_on=datetime.date(2018, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        TrialActionFactory(agreed_at=first, followed_up_at=later, outcome="")


def test_deleting_the_follow_up_visit_reopens_the_trial_action():
    first = VisitFactory(planned_on=datetime.date(2018, 3, 1))
    later = VisitFactory(site=first.site, planned_on=datetime.date(2018, 6, 1))
    action = TrialActionFactory(agreed_at=first, followed_up_at=later, outcome="done")
    later.delete()
    action.refresh_from_db()
    assert action.followed_up_at is None and action.outcome == ""
