"""Run build jobs: in this process, or in a pool of worker processes that each build a producer once.

Workers are forked where the platform allows it (cheap to start, nothing to pickle but the jobs), and
each builds its producer (the template environment, the Word shell) once, in the pool initializer. Results
come back as they finish. A worker that dies (killed, out of memory, a crash in a library) takes the pool
with it: the projects left unfinished are built again one at a time in a fresh worker, and only a project
that kills a worker twice fails. Workers ignore Ctrl-C; the build answers it and kills them. The pool also
renders the Word index page, so the parent process never has to import the Word renderer.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from coprod.errors import BuildError
from coprod.pipeline.fingerprint import Hasher
from coprod.pipeline.producer import Producer, ProducerFactory, describe_failure
from coprod.pipeline.worker import Job, JobRequest, JobResult

_PR_SET_PDEATHSIG = 1
_producer: Producer | None = None
_hasher = Hasher({})
_broken: str = "worker used before its initializer ran"


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the build that started it dies (a SIGKILL leaves no one else)."""
    if not sys.platform.startswith("linux"):  # elsewhere the worker exits when its queue breaks
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError, TypeError):  # a C library without prctl
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


DIED = "a worker process died twice while building it (the project or a template crashes it or exhausts "\
       "its memory); the other projects were built in fresh workers"
"""The failure of a project that killed a worker twice."""


def _init_worker(factory: ProducerFactory, parent: int) -> None:
    """Pool initializer: build this worker's producer once (a failure is kept to report per job)."""
    global _producer, _broken  # one producer per worker process is the point
    # Ctrl-C reaches every process of the terminal's group: the build alone answers it (one line, exit
    # 130) and stops its workers; a worker printing its own KeyboardInterrupt traceback would be noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    try:
        _producer = factory()
    except Exception as error:  # reported with each job rather than breaking the pool
        _broken = f"cannot start the renderers: {describe_failure(error)}"
    # The modules and templates just loaded live as long as the worker: moved out of the collector's
    # sight, they are not traversed again by every collection a render's garbage triggers.
    gc.freeze()


def _run_in_worker(request: JobRequest) -> JobResult:
    if _producer is None:
        return JobResult(request.slug, failures=(("*", _broken),))
    return Job(_producer, _hasher, request).run()


def _page_word_in_worker(markdown: str, title: str, date: str) -> bytes:
    if _producer is None:
        raise BuildError(_broken)
    return _producer.page_word(markdown, title, date)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes at once (their jobs write only temporary files, swept after)."""
    processes = getattr(pool, "_processes", None) or {}  # no public way to reach them
    for process in list(processes.values()):
        with contextlib.suppress(OSError, AttributeError):
            process.kill()
    for process in list(processes.values()):
        with contextlib.suppress(OSError, AttributeError, AssertionError):
            process.join(5)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class Workers:
    """Where jobs run: a process pool for several projects, or this process for one (or ``--jobs 1``).

    Use as a context manager; the pool (if any) starts on entry and is shut down on exit.
    """

    def __init__(self, factory: ProducerFactory, jobs: int, projects: int,
                 local: Callable[[], Producer]) -> None:
        self._factory = factory
        self._workers = min(jobs, projects)
        self._local = local
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker,
                                   initargs=(self._factory, os.getpid()))

    def __enter__(self) -> Workers:
        if self._workers > 1:
            self._pool = self._new_pool(self._workers)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is None:
            return
        if error is not None:  # Ctrl-C or a fault in the parent: stop the workers now, not after their jobs
            _stop(self._pool)
        self._pool.shutdown(cancel_futures=True)

    def run(self, requests: Sequence[JobRequest]) -> Iterator[JobResult]:
        """Yield the result of every request, in the order they finish."""
        if self._pool is None:
            yield from self._run_here(requests)
            return
        unfinished = yield from self._run_pool(self._pool, requests)
        if unfinished:
            yield from self._retry(unfinished)

    def _run_pool(self, pool: ProcessPoolExecutor,
                  requests: Sequence[JobRequest]) -> Generator[JobResult, None, list[JobRequest]]:
        """Yield the results of *requests*; return those left unfinished when a worker died."""
        futures: dict[Future[JobResult], JobRequest] = {
            pool.submit(_run_in_worker, request): request for request in requests}
        unfinished: list[JobRequest] = []
        for future in as_completed(futures):
            request = futures[future]
            try:
                yield future.result()
            except BrokenProcessPool:  # one worker died: the pool gives up every job it had not finished
                unfinished.append(request)
            except Exception as error:  # a crash in a worker fails its project, not the build
                yield JobResult(request.slug, failures=(("*", f"internal error: {describe_failure(error)}"),))
        return unfinished

    def _retry(self, requests: Sequence[JobRequest]) -> Iterator[JobResult]:
        """Build the projects a dead worker left, one at a time in a fresh worker, to find the culprit.

        A project whose job kills its worker is given one more fresh worker; killing that one too, it
        fails. Every other project is built as if nothing had happened.
        """
        assert self._pool is not None
        _stop(self._pool)
        self._pool.shutdown(cancel_futures=True)
        self._pool = self._new_pool(1)
        queue = list(requests)
        deaths: dict[str, int] = {}
        while queue:
            request = queue.pop(0)
            try:
                yield self._pool.submit(_run_in_worker, request).result()
                continue
            except BrokenProcessPool:
                deaths[request.slug] = deaths.get(request.slug, 0) + 1
            except Exception as error:  # as in `_run_pool`
                yield JobResult(request.slug, failures=(("*", f"internal error: {describe_failure(error)}"),))
                continue
            self._pool.shutdown(cancel_futures=True)
            self._pool = self._new_pool(1)
            if deaths[request.slug] >= 2:
                yield JobResult(request.slug, failures=(("*", DIED),))
            else:
                queue.insert(0, request)

    def _run_here(self, requests: Sequence[JobRequest]) -> Iterator[JobResult]:
        try:
            producer = self._local()
        except Exception as error:  # same report as a worker that cannot start
            for request in requests:
                yield JobResult(request.slug,
                                failures=(("*", f"cannot start the renderers: {describe_failure(error)}"),))
            return
        hasher = Hasher({})
        for request in requests:
            yield Job(producer, hasher, request).run()

    def page_word(self, markdown: str, title: str, date: str) -> bytes:
        """Render a build page to Word in a worker (or here, without a pool).

        Raises:
            CoprodError: the renderer failed.
        """
        if self._pool is None:
            return self._local().page_word(markdown, title, date)
        try:
            return self._pool.submit(_page_word_in_worker, markdown, title, date).result()
        except BrokenProcessPool:
            raise BuildError("a worker process died while rendering the index") from None
