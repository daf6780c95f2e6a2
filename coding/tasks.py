"""Background jobs of the coding model (django-tasks; `drivkraft worker` runs the queue).

Retraining never blocks a page: the page starts a RetrainingJob and polls its progress.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from audit.services import acting_as
from coding.classifier import store
from coding.models import JobStatus, RetrainingJob

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
