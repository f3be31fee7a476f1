"""Shows that a native call releases the GIL, two ways:

- progress: while one thread is inside the call, another thread keeps running
  Python code (a GIL-holding call would freeze it for the call's duration);
- parallel wall time (the direct evidence, needs two idle cores): two threads
  finish the call in < 1.6x the time of one. Skipped on one CPU, and when the
  machine is too busy to give this process two cores (load average).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Callable

import pytest

import verity

Work = Callable[[], object]


def _wall(fn: Work, threads: int) -> float:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            fn()
        except BaseException as e:  # re-raised below
            errors.append(e)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - start


def calibrate(make_work: Callable[[int], Work], seconds: float = 0.5) -> tuple[Work, float]:
    """Grows ``make_work(scale)`` until one call takes about ``seconds``, or
    until the input would exceed the core's documented limits (8 MiB for one
    document): on a fast machine the largest accepted input is the workload."""
    scale = 1
    work = make_work(scale)
    single = _wall(work, 1)
    while single < seconds and scale < 1 << 20:
        scale *= 2 if single > seconds / 4 else 4
        bigger = make_work(scale)
        try:
            elapsed = _wall(bigger, 1)
        except verity.LimitExceededError:
            break
        work, single = bigger, elapsed
    return work, single


def assert_other_threads_progress(work: Work) -> None:
    """While ``work`` runs in a thread, this thread must keep executing."""
    started = threading.Event()
    done = threading.Event()

    def run() -> None:
        started.set()
        try:
            work()
        finally:
            done.set()

    worker = threading.Thread(target=run)
    began = time.perf_counter()
    worker.start()
    started.wait()
    time.sleep(0.01)  # let the worker get into the native call
    ticks = 0
    gaps: list[float] = []
    last = time.perf_counter()
    while not done.is_set():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        ticks += 1
        time.sleep(0.001)
    worker.join()
    duration = time.perf_counter() - began
    # A held GIL would block this loop for the whole call (one gap as long as
    # the call). Extracting the inputs holds the GIL briefly by design, and a
    # busy machine adds scheduling gaps: allow up to half the call.
    assert ticks >= 20, f"only {ticks} ticks while the call ran: GIL held?"
    assert max(gaps) < max(0.25, duration / 2), (
        f"this thread was blocked {max(gaps):.2f}s of a {duration:.2f}s call: GIL held?"
    )


def assert_runs_in_parallel(make_work: Callable[[int], Work]) -> None:
    work, _ = calibrate(make_work)
    assert_other_threads_progress(work)
    cpus = os.cpu_count() or 1
    if cpus < 2:
        pytest.skip("parallel wall time needs at least 2 CPUs")
    ratios = []
    for _ in range(3):
        single = _wall(work, 1)
        double = _wall(work, 2)
        ratios.append(double / single)
        if ratios[-1] < 1.6:
            return
    if os.getloadavg()[0] > cpus - 1:
        pytest.skip(
            f"machine busy (load {os.getloadavg()[0]:.1f} on {cpus} CPUs): two threads took "
            f"{min(ratios):.2f}x one call; GIL release shown by the progress check"
        )
    pytest.fail(f"two threads took {min(ratios):.2f}x one call (want < 1.6x): GIL not released?")
