import time

import numpy as np

import nnlib
from ui import worker as worker_module
from ui.worker import TrainingWorker

DIGITS = nnlib.datasets.load("digits")


def slow_trainer(epochs=400):
    net = nnlib.MLP([64, 30, 10], seed=0, dtype=np.float32)
    return nnlib.Trainer(net, DIGITS, lr=0.03, batch_size=10, epochs=epochs, seed=0)


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_start_pause_and_snapshots():
    worker = TrainingWorker(slow_trainer())
    worker.start()
    wait_until(lambda: worker.snapshot.iteration > 50)
    worker.pause()
    time.sleep(0.2)  # the current step finishes, then nothing more
    stopped_at = worker.trainer.iteration
    time.sleep(0.3)
    assert worker.trainer.iteration == stopped_at and not worker.running
    assert worker.snapshot.iteration == stopped_at
    assert set(worker.snapshot.params) == {"W1", "b1", "W2", "b2"}
    worker.close()
    assert not worker.alive


def test_step_is_exactly_one_iteration():
    worker = TrainingWorker(slow_trainer())
    worker.step()
    worker.step()
    assert worker.trainer.iteration == 2 and worker.snapshot.iteration == 2


def test_worker_training_equals_headless_training():
    worker = TrainingWorker(slow_trainer(epochs=3))
    worker.start()
    wait_until(lambda: worker.trainer.stopped)
    headless = slow_trainer(epochs=3)
    headless.run()
    for key, value in headless.net.params.items():
        assert worker.trainer.net.params[key].tobytes() == value.tobytes()
    assert worker.trainer.history.series() == headless.history.series()
    wait_until(lambda: not worker.running)


def test_thread_stops_when_the_page_stops_watching(monkeypatch):
    monkeypatch.setattr(worker_module, "IDLE_TIMEOUT", 0.3)
    worker = TrainingWorker(slow_trainer())
    worker.start()
    wait_until(lambda: not worker.alive, timeout=5)  # no heartbeat: the session is gone
    progress = worker.trainer.iteration
    assert 0 < progress < worker.trainer.total_iterations
    worker.start()  # the same trainer continues where it was
    wait_until(lambda: worker.trainer.iteration > progress)
    worker.close()


def test_close_joins_the_thread():
    worker = TrainingWorker(slow_trainer())
    worker.start()
    wait_until(lambda: worker.trainer.iteration > 0)
    worker.close()
    assert not worker.alive
    worker.start()  # a closed worker stays closed: Reset builds a new one
    assert not worker.alive


def test_a_pace_limits_the_steps_per_second_without_changing_the_result():
    paced = TrainingWorker(slow_trainer(epochs=3))
    paced.steps_per_second = 50
    paced.start()
    time.sleep(0.5)
    paced.touch()
    assert paced.trainer.iteration <= 50  # at most 0.5 s × 50 steps/s (+ one slice)
    paced.steps_per_second = 0  # back to full speed: the run ends as if never paced
    wait_until(lambda: paced.trainer.stopped)
    headless = slow_trainer(epochs=3)
    headless.run()
    assert paced.trainer.history.series() == headless.history.series()
