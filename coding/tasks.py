"""Background jobs of the coding model (django-tasks; `drivkraft worker` runs the queue).

Retraining never blocks a page: the page starts a RetrainingJob and polls its progress. A bulk
run of suggestions over many reports (`suggestion_job_start`) is a SuggestionJob whose progress is
counted in sentences.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from audit.services import acting_as
from coding.classifier import store
from coding.models import JobStatus, RetrainingJob, SuggestionJob
from fieldwork.models import ImplementationReport

# A job queued or running longer than this lost its worker; a new request starts afresh.
STALE_AFTER = datetime.timedelta(hours=2)


@task()
def retrain_coder(job_id: int) -> str:
    """Train and activate a new model version, storing the progress on the job row."""
    job = RetrainingJob.objects.get(pk=job_id)
    RetrainingJob.objects.filter(pk=job_id).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), progress=1, message=""
    )

    def progress(step: str, fraction: float) -> None:
        RetrainingJob.objects.filter(pk=job_id).update(
            progress=min(99, max(1, round(fraction * 100))), message=step
        )

    try:
        with acting_as(job.requested_by, name="retrain-coder"):
            row = store.train_and_store(progress=progress)
    except Exception as exc:
        RetrainingJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=str(exc)[:300]
        )
        raise
    RetrainingJob.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, progress=100, finished_at=timezone.now(), coder_model=row, message=row.version
    )
    return row.version


def retraining_start(*, user) -> RetrainingJob:
    """Queue a retraining unless a recent one is already queued or running (then that one is returned)."""
    with transaction.atomic():
        running = RetrainingJob.objects.filter(
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING], created_at__gte=timezone.now() - STALE_AFTER
        ).first()
        if running is not None:
            return running
        job = RetrainingJob(requested_by=user if getattr(user, "pk", None) else None)
        job.full_clean()
        job.save()
    retrain_coder.enqueue(job.pk)
    job.refresh_from_db()
    return job


@task()
def suggest_reports(job_id: int, report_ids: list[int]) -> int:
    """Suggest codes for every sentence of the reports, counting sentences done on the job row."""
    from coding import suggestions  # noqa: PLC0415 - import cycle inside coding: suggestions queues tasks

    job = SuggestionJob.objects.get(pk=job_id)
    SuggestionJob.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=timezone.now())
    done = 0
    try:
        with acting_as(job.requested_by, name="suggest-reports"):
            for report in ImplementationReport.objects.filter(pk__in=report_ids).order_by("pk").iterator():
                suggestions.suggestions_create_for_report(report=report)
                done += len(suggestions.report_sentences(report))
                SuggestionJob.objects.filter(pk=job_id).update(done=min(done, job.total))
    except Exception as exc:
        SuggestionJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=str(exc)[:300]
        )
        raise
    SuggestionJob.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, done=job.total, finished_at=timezone.now()
    )
    return done


def suggestion_job_start(*, user, reports) -> SuggestionJob:
    """Queue suggestions for the reports (a queryset); the job knows its total number of sentences."""
    from coding import suggestions  # noqa: PLC0415 - import cycle inside coding: suggestions queues tasks

    reports = list(reports)
    total = sum(len(suggestions.report_sentences(report)) for report in reports)
    job = SuggestionJob(requested_by=user if getattr(user, "pk", None) else None, total=total)
    job.full_clean()
    job.save()
    suggest_reports.enqueue(job.pk, [report.pk for report in reports])
    job.refresh_from_db()
    return job
