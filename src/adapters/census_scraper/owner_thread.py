"""A single daemon thread that runs jobs one at a time: the home of one browser driver."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

_T = TypeVar("_T")
_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


class OwnerThread:
    """Like a one-worker ThreadPoolExecutor, but a daemon: a thread wedged in a browser
    call never keeps the process from exiting (the driver, and Chromium with it, then
    go away with their parent)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def submit(self, function: Callable[..., _T], *args: Any) -> Future[_T]:
        future: Future[_T] = Future()
        with self._lock:
            # Started on first use, and again in a forked child (threads do not survive
            # a fork: a worker process that inherited this object gets its own thread).
            if self._thread is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._jobs = queue.SimpleQueue()
                self._thread = threading.Thread(
                    target=self._run, args=(self._jobs,), name=self._name, daemon=True
                )
                self._thread.start()
            self._jobs.put((future, function, args))
        return future

    def stop(self) -> None:
        """Finish the queued jobs, then end the thread (without waiting for it)."""
        with self._lock:
            if self._thread is not None:
                self._jobs.put(None)
                self._thread = None

    @staticmethod
    def _run(jobs: queue.SimpleQueue[_Job | None]) -> None:
        while (job := jobs.get()) is not None:
            future, function, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = function(*args)
            except BaseException as error:  # handed to the caller, like an executor does
                future.set_exception(error)
            else:
                future.set_result(result)
