"""Background jobs: a Job row tracks progress; django-tasks runs the work on any worker.

A runner is a plain function `runner(job, progress)` registered under a kind by its app's
`jobs.py`. Progress is written in autocommit so pages see it while the job runs; a runner that
writes domain data does its reading and checking first and its writes in one transaction at the
end, so a failed job leaves nothing half-written.
"""

import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from thidua.core.models import Job

logger = logging.getLogger(__name__)
Runner = Callable[[Job, "Progress"], None]
_RUNNERS: dict[str, Runner] = {}


def job_runner(kind: str) -> Callable[[Runner], Runner]:
    def register(func: Runner) -> Runner:
        _RUNNERS[kind] = func
        return func

    return register


class Progress:
    """Writes how far a job is; cheap enough to call per item (it writes at most every 1 %)."""

    def __init__(self, job: Job):
        self.job = job
        self._written_percent = -1

    def set_total(self, total: int) -> None:
        self.job.total = total
        Job.objects.filter(pk=self.job.pk).update(total=total)

    def advance(self, done: int, message: str = "") -> None:
        self.job.done = done
        percent = int(100 * done / self.job.total) if self.job.total else 0
        if percent != self._written_percent or message:
            self._written_percent = percent
            fields: dict[str, Any] = {"done": done}
            if message:
                fields["message"] = message[:255]
            Job.objects.filter(pk=self.job.pk).update(**fields)


def job_start(*, kind: str, title: str, params: dict, by: Any, queue: bool = True) -> Job:
    """Create the Job row and queue it; the worker picks it up after the commit.

    With `queue=False` nothing is queued: the caller runs it with `job_execute` (a command).
    """
    if kind not in _RUNNERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title, params=params, created_by=by)
    if queue:
        transaction.on_commit(lambda: run_job.enqueue(job_id=job.pk))
    return job


def job_save_result(job: Job, *, filename: str, content: bytes) -> None:
    job.result_file.save(filename, ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name)


@task()
def run_job(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    job_execute(job, Progress(job))


def job_execute(job: Job, progress: Progress) -> None:
    """Run a job here and now, recording its status like the worker does."""
    job_id = job.pk
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now())
    try:
        _RUNNERS[job.kind](job, progress)
    except Exception:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED,
            error=traceback.format_exc()[-4000:],
            finished_at=timezone.now(),
        )
        raise
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.SUCCEEDED, done=job.total, finished_at=timezone.now()
    )
