"""One background training thread per session; the page only reads its snapshots.

The thread trains in slices of SLICE seconds. It holds its lock only while stepping, and after
each slice publishes a Snapshot (counters and a copy of the weights) by swapping one reference,
so the page never waits for training and never sees half an update. Pause takes effect between
two steps. A page that stops sending heartbeats (the tab was closed) stops the thread after
IDLE_TIMEOUT; Start brings a thread back for the same Trainer, so nothing is lost.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

import nnlib

SLICE = 0.05
IDLE_TIMEOUT = 10.0

# One BLAS thread per training thread. Measured here: with OpenBLAS's default of one thread
# per core, a browser redrawing the charts on the same two cores made each step ~100× slower
# (its threads wait on each other at every matrix product); sessions scale across cores
# instead, since NumPy releases the GIL inside each product.
threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class Snapshot:
    iteration: int
    epoch: int
    status: str
    message: str
    elapsed: float  # seconds of training so far
    samples_per_second: float
    params: dict[str, np.ndarray]
    lengths: tuple[int, int, int]  # published lengths: batch losses, evaluations, gradient records


class TrainingWorker:
    def __init__(self, trainer: nnlib.Trainer):
        self.trainer = trainer
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._running = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self.steps_per_second = 0  # 0: as fast as possible; otherwise a pace to watch it by
        self.last_seen = time.monotonic()
        self.snapshot = self._take_snapshot()

    # ---- called by the page ----

    @property
    def running(self) -> bool:
        return self._running and not self.trainer.stopped

    def touch(self) -> None:
        """The page's heartbeat."""
        self.last_seen = time.monotonic()

    def start(self) -> None:
        if self.trainer.stopped or self._closed:
            return
        self.touch()
        self._running = True
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="training", daemon=True)
            self._thread.start()
        self._wake.set()

    def pause(self) -> None:
        self._running = False
        self._wake.set()  # cut a paced wait short

    def step(self) -> None:
        """Exactly one mini-batch, with training paused."""
        self.pause()
        with self._lock:
            self.trainer.step()
            self.snapshot = self._take_snapshot()

    def close(self) -> None:
        """Stop for good (reset, or a new model): the thread ends after its current step."""
        self._closed = True
        self._running = False
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ---- the thread ----

    def _loop(self) -> None:
        while not self._closed:
            if time.monotonic() - self.last_seen > IDLE_TIMEOUT:
                self._running = False  # nobody is watching: the session has ended
                return
            if not self._running:
                self._wake.wait(timeout=1.0)
                self._wake.clear()
                continue
            pace = self.steps_per_second
            started = time.monotonic()
            with self._lock:
                self.trainer.run(seconds=SLICE, steps=max(1, round(pace * SLICE)) if pace else None,
                                 interrupted=lambda: not self._running or self._closed)
                self.snapshot = self._take_snapshot()
            if self.trainer.stopped:
                self._running = False
            if pace:  # wait out the rest of the slice; pause and close wake us early
                self._wake.wait(timeout=max(0.0, SLICE - (time.monotonic() - started)))
                self._wake.clear()
            else:
                time.sleep(0.001)  # hand the interpreter to the page between slices

    def _take_snapshot(self) -> Snapshot:
        tr = self.trainer
        seen = tr.iteration * tr.batch_size
        return Snapshot(
            iteration=tr.iteration, epoch=tr.epoch, status=tr.status, message=tr.message,
            elapsed=tr.elapsed,
            samples_per_second=seen / tr.elapsed if tr.elapsed > 0 else 0.0,
            params={k: v.copy() for k, v in tr.net.params.items()},
            lengths=(len(tr.history.batch_loss), len(tr.history.eval_iteration),
                     len(tr.history.gradient_iteration)),
        )
