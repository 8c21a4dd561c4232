"""Run build jobs: in this process, or in a pool of worker processes that each build a producer once.

Workers are forked where the platform allows it (cheap to start, nothing to pickle but the jobs), and
each builds its producer (the template environment, the Word shell) once, in the pool initializer. Results
come back as they finish; a worker that dies (killed, out of memory) fails only the projects it had.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from coprod.errors import CoprodError
from coprod.pipeline.fingerprint import Hasher
from coprod.pipeline.producer import Producer, ProducerFactory
from coprod.pipeline.worker import Job, JobRequest, JobResult

_PR_SET_PDEATHSIG = 1
_producer: Producer | None = None
_hasher = Hasher({})
_broken: str = "worker used before its initializer ran"


def _describe(error: Exception) -> str:
    return str(error) if isinstance(error, CoprodError) else f"{type(error).__name__}: {error}"


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the build that started it dies (a SIGKILL leaves no one else)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker exits when its queue breaks
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _init_worker(factory: ProducerFactory, parent: int) -> None:
    """Pool initializer: build this worker's producer once (a failure is kept to report per job)."""
    global _producer, _broken  # one producer per worker process is the point
    _die_with_parent(parent)
    try:
        _producer = factory()
    except Exception as error:
        _broken = f"cannot start the renderers: {_describe(error)}"


def _run_in_worker(request: JobRequest) -> JobResult:
    if _producer is None:
        return JobResult(request.slug, failures=(("*", _broken),))
    return Job(_producer, _hasher, request).run()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_jobs(requests: Sequence[JobRequest], factory: ProducerFactory, jobs: int,
             producer: Producer | None = None) -> Iterator[JobResult]:
    """Yield the result of every request, in the order they finish.

    With one job (or one request) everything runs here, using *producer* if one is given.
    """
    if not requests:
        return
    if jobs <= 1 or len(requests) == 1:
        try:
            local = producer if producer is not None else factory()
        except Exception as error:
            for request in requests:
                yield JobResult(request.slug,
                                failures=(("*", f"cannot start the renderers: {_describe(error)}"),))
            return
        hasher = Hasher({})
        for request in requests:
            yield Job(local, hasher, request).run()
        return
    workers = min(jobs, len(requests))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker,
                             initargs=(factory, os.getpid())) as pool:
        futures: dict[Future[JobResult], JobRequest] = {
            pool.submit(_run_in_worker, request): request for request in requests}
        for future in as_completed(futures):
            request = futures[future]
            try:
                yield future.result()
            except BrokenProcessPool:
                yield JobResult(request.slug, failures=(("*", "a worker process died while building it"),))
            except Exception as error:
                yield JobResult(request.slug,
                                failures=(("*", f"internal error: {type(error).__name__}: {error}"),))
