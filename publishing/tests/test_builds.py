"""Reports built once per data version by the background task and served from storage."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tests.factories import UserFactory
from fieldwork.models import ImplementationReport
from fieldwork.tests.factories import FactorFactory
from publishing import builds
from publishing.models import BuildStatus, BuiltDocument
from publishing.tasks import build_document
from publishing.tests.factories import build_report_world
from registry.models import Site

pytestmark = pytest.mark.django_db

QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queue_only(settings):
    """Tasks are queued and not run, as with a worker that has not got to them yet."""
    settings.TASKS = QUEUE_ONLY
    build_document.get_backend().clear()
    return build_document.get_backend()


@pytest.fixture
def world():
    return build_report_world()


@pytest.fixture
def evaluator_client(client):
    client.force_login(UserFactory(role=Role.EVALUATOR))
    return client


def _status_url(site, fmt="html"):
    return reverse("publishing:status_report", kwargs={"pk": site.pk, "fmt": fmt})


def _run_queued(backend):
    for result in list(backend.results):
        build_document.call(*result.args)
    backend.clear()


def test_first_request_queues_and_says_not_ready_then_the_file_is_served(evaluator_client, world, queue_only):
    site = Site.objects.get(code="MG1")
    first = evaluator_client.get(_status_url(site))
    assert first.status_code == 202
    assert "ikke klar endnu" in first.content.decode()
    assert '<meta http-equiv="refresh"' in first.content.decode()
    assert len(queue_only.results) == 1

    again = evaluator_client.get(_status_url(site))
    assert again.status_code == 202 and len(queue_only.results) == 1, "one build per data version"

    _run_queued(queue_only)
    served = evaluator_client.get(_status_url(site))
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert b"<html" in b"".join(served.streaming_content).lower()
    assert len(queue_only.results) == 0, "a ready document is served without building again"


def test_a_data_change_queues_a_new_build_and_the_old_file_is_not_served(evaluator_client, world, queue_only):
    site = Site.objects.get(code="MG1")
    evaluator_client.get(_status_url(site))
    _run_queued(queue_only)
    old = BuiltDocument.objects.get(kind=builds.STATUS, scope="MG1")
    assert old.status == BuildStatus.READY

    FactorFactory(report=ImplementationReport.objects.filter(visit__site=site).last())
    after = evaluator_client.get(_status_url(site))
    assert after.status_code == 202, "the document of the older data is not served as current"
    assert len(queue_only.results) == 1

    _run_queued(queue_only)
    assert evaluator_client.get(_status_url(site)).status_code == 200
    assert not BuiltDocument.objects.filter(pk=old.pk).exists(), "the older build is discarded"
    current = BuiltDocument.objects.get(kind=builds.STATUS, scope="MG1")
    assert current.version != old.version


def test_a_change_at_another_site_keeps_the_status_report(evaluator_client, world, queue_only):
    site, other = Site.objects.get(code="MG1"), Site.objects.get(code="RP1")
    evaluator_client.get(_status_url(site))
    _run_queued(queue_only)
    FactorFactory(report=ImplementationReport.objects.filter(visit__site=other).last())
    assert evaluator_client.get(_status_url(site)).status_code == 200
    assert len(queue_only.results) == 0


def test_a_login_keeps_the_status_report(evaluator_client, world, queue_only):
    """A login saves the user's last_login (an audited write of accounts): no change of the data."""
    site = Site.objects.get(code="MG1")
    evaluator_client.get(_status_url(site))
    _run_queued(queue_only)
    user = UserFactory(role=Role.CONSULTANT)
    user.last_login = timezone.now()
    user.save()
    assert evaluator_client.get(_status_url(site)).status_code == 200


def test_each_format_and_language_of_the_evaluation_report_is_its_own_build(
    evaluator_client, world, queue_only
):
    for fmt in ("html", "docx"):
        url = reverse("publishing:evaluation_report", kwargs={"programme": "all", "fmt": fmt})
        assert evaluator_client.get(url).status_code == 202
        assert evaluator_client.get(url + "?lang=en").status_code == 202
    assert len(queue_only.results) == 4
    _run_queued(queue_only)
    docx = evaluator_client.get(
        reverse("publishing:evaluation_report", kwargs={"programme": "all", "fmt": "docx"})
    )
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_failed_build_says_so_and_does_not_refresh(evaluator_client, world, queue_only, monkeypatch):
    site = Site.objects.get(code="MG1")
    evaluator_client.get(_status_url(site))

    def broken(row):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(builds, "_render", broken)
    with pytest.raises(RuntimeError):
        _run_queued(queue_only)
    page = evaluator_client.get(_status_url(site))
    assert page.status_code == 500
    assert "kunne ikke laves" in page.content.decode()
    assert "refresh" not in page.content.decode()


def test_unknown_programme_queues_nothing(evaluator_client, world, queue_only):
    url = reverse("publishing:evaluation_report", kwargs={"programme": "xx", "fmt": "html"})
    assert evaluator_client.get(url).status_code == 404
    assert not BuiltDocument.objects.exists() and not queue_only.results


def test_a_ready_document_whose_file_is_gone_is_built_again(evaluator_client, world, queue_only):
    """Storage cleared or restored apart from the database: the reader is told the document is being
    built (not an error), one build is queued, and then the file is served."""
    site = Site.objects.get(code="MG1")
    evaluator_client.get(_status_url(site))
    _run_queued(queue_only)
    row = BuiltDocument.objects.get(kind=builds.STATUS, scope="MG1")
    default_storage.delete(row.path)

    lost = evaluator_client.get(_status_url(site))
    assert lost.status_code == 202 and "ikke klar endnu" in lost.content.decode()
    assert len(queue_only.results) == 1
    assert BuiltDocument.objects.get(pk=row.pk).status == BuildStatus.QUEUED

    _run_queued(queue_only)
    served = evaluator_client.get(_status_url(site))
    assert served.status_code == 200 and b"<html" in b"".join(served.streaming_content).lower()
