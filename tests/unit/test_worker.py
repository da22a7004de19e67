"""Background work: results and errors come back through `deliver`, timeouts and cancellation hold."""
from __future__ import annotations

import threading

import pytest

from kiosk.threads import LOCAL, PLATFORM, PLATFORM_WORKERS, BackgroundWork, ManualDelivery, WorkTimeout


@pytest.fixture
def delivery():
    return ManualDelivery()


@pytest.fixture
def work(delivery):
    w = BackgroundWork(delivery)
    yield w
    w.shutdown()


def run(work, delivery, fn, timeout=5.0, scope="session"):
    outcome = {}
    job = work.submit(fn, name="t", timeout=timeout, scope=scope,
                      on_result=lambda r: outcome.setdefault("result", (r, threading.current_thread())),
                      on_error=lambda e: outcome.setdefault("error", (e, threading.current_thread())))
    return job, outcome


def test_result_arrives_on_the_delivering_thread(work, delivery):
    job, outcome = run(work, delivery, lambda job: 42)
    assert job.wait(5)
    assert outcome == {}  # nothing runs until the UI thread drains
    delivery.drain(wait=5)
    assert outcome["result"] == (42, threading.current_thread())


def test_work_runs_off_the_calling_thread(work, delivery):
    caller = threading.current_thread()
    job, outcome = run(work, delivery, lambda job: threading.current_thread())
    job.wait(5)
    delivery.drain(wait=5)
    assert outcome["result"][0] is not caller


def test_errors_are_delivered_not_raised(work, delivery):
    def boom(job):
        raise OSError("port vanished")
    job, outcome = run(work, delivery, boom)
    job.wait(5)
    delivery.drain(wait=5)
    error, thread = outcome["error"]
    assert isinstance(error, OSError) and thread is threading.current_thread()


def test_timeout_reports_and_drops_the_late_result(work, delivery):
    release = threading.Event()
    job, outcome = run(work, delivery, lambda job: release.wait(5) and "late", timeout=0.05)
    assert job.wait(5)
    delivery.drain(wait=5)
    assert isinstance(outcome["error"][0], WorkTimeout)
    release.set()
    delivery.drain(wait=0.3)
    assert "result" not in outcome


def test_cancelling_the_session_scope_drops_pending_results(work, delivery):
    release = threading.Event()
    seen = []
    job, outcome = run(work, delivery, lambda job: (release.wait(5), seen.append(job.cancelled))[0])
    other, other_outcome = run(work, delivery, lambda job: release.wait(5) and "device", scope="device")
    assert work.cancel_scope("session") == 1
    release.set()
    other.wait(5)
    delivery.drain(wait=1)
    delivery.drain(wait=0.2)
    assert outcome == {}
    assert seen == [True]  # the work itself could see it was cancelled
    assert other_outcome["result"][0] == "device"


def test_a_result_queued_before_cancel_is_still_dropped(work, delivery):
    job, outcome = run(work, delivery, lambda job: "for the previous citizen")
    job.wait(5)
    job.cancel()
    delivery.drain(wait=1)
    assert outcome == {}


def test_progress_reaches_the_ui_thread(work, delivery):
    notes = []

    def slow(job):
        job.progress(0.5, "half")
        return "done"
    job = work.submit(slow, name="p", timeout=5, on_result=notes.append, on_error=notes.append,
                      on_progress=lambda f, n: notes.append((f, n)))
    job.wait(5)
    delivery.drain(wait=5)
    assert notes == [(0.5, "half"), "done"]


# ---- lanes: the platform cannot take the workers of the terminal's own work -----------------------

def test_platform_jobs_that_never_end_leave_the_local_workers_free(work, delivery):
    release = threading.Event()
    started = threading.Semaphore(0)

    def hang(job):
        started.release()
        release.wait(10)
        return "late"
    try:
        stuck = [work.submit(hang, name=f"platform {i}", timeout=30, on_result=lambda r: None,
                             on_error=lambda e: None, lane=PLATFORM) for i in range(PLATFORM_WORKERS + 3)]
        for _ in range(PLATFORM_WORKERS):
            assert started.acquire(timeout=5)
        # The platform lane is full (and three more wait for it); local work runs at once.
        job, outcome = run(work, delivery, lambda job: "pin checked")
        assert job.wait(5)
        delivery.drain(wait=5)
        assert outcome["result"][0] == "pin checked"
        assert not started.acquire(timeout=0.2)          # the platform lane's size holds
        assert not any(j.done for j in stuck)
    finally:
        release.set()


def test_each_lane_runs_on_threads_of_its_own(work, delivery):
    names = {}
    for lane in (LOCAL, PLATFORM):
        job = work.submit(lambda job: threading.current_thread().name, name=lane, timeout=5,
                          on_result=lambda r, lane=lane: names.setdefault(lane, r), on_error=lambda e: None, lane=lane)
        job.wait(5)
    delivery.drain(wait=5)
    assert names[LOCAL].startswith("kiosk-local") and names[PLATFORM].startswith("kiosk-platform")


def test_an_unknown_lane_is_refused_before_anything_runs(work):
    with pytest.raises(ValueError, match="no lane 'printer'"):
        work.submit(lambda job: None, name="x", timeout=5, on_result=print, on_error=print, lane="printer")
    assert work.pending() == 0
