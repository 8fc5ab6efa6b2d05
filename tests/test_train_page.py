"""The live training page with Streamlit's AppTest (the worker thread is real)."""

import time

from conftest import open_page
from streamlit.testing.v1 import AppTest


def open_train_page(**query):
    return open_page("pages/train.py", **query)


def status(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Epoch"))


def iteration(at: AppTest) -> int:
    return int(status(at).split("iteration ")[1].split(" of")[0].replace(",", ""))


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def worker(at: AppTest):
    return at.session_state["train_worker"]


def wait_for(at: AppTest, condition, timeout=20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.1)
    at.run()


def test_defaults_then_start_trains_digits_above_90_percent():
    at = open_train_page()
    assert status(at).startswith("**Epoch 0 of 30** · iteration 0 of 1,440")
    button(at, "Start").click().run()
    wait_for(at, lambda: worker(at).trainer.stopped)
    assert iteration(at) == 1440
    assert "Finished: validation accuracy" in at.success[0].value
    assert worker(at).trainer.history.val_score[-1] > 0.9


def test_pause_step_and_reset():
    at = open_train_page(epochs="1000", batch_size="1")
    button(at, "Start").click().run()
    wait_for(at, lambda: worker(at).trainer.iteration > 100)
    button(at, "Pause").click().run()
    paused_at = worker(at).trainer.iteration
    time.sleep(0.3)
    at.run()
    assert worker(at).trainer.iteration == paused_at == iteration(at)
    button(at, "Step").click().run()
    assert iteration(at) == paused_at + 1
    assert not at.code  # nothing stray (a magic "None") written by the callbacks
    button(at, "Reset").click().run()
    assert iteration(at) == 0 and not at.exception


def test_a_settings_change_resets_the_model_and_smoothing_does_not():
    at = open_train_page()
    button(at, "Step").click().run()
    assert iteration(at) == 1
    at.slider(key="train_smoothing").set_value(0.9).run()
    assert iteration(at) == 1
    at.select_slider(key="train_lr").set_value(0.1).run()
    assert iteration(at) == 0
    assert "model was reset" in at.toast[0].value
    assert at.query_params["lr"] == "0.1"


def test_huge_learning_rate_ends_in_the_diverged_warning():
    at = open_train_page(lr="10")
    button(at, "Start").click().run()
    wait_for(at, lambda: worker(at).trainer.stopped)
    assert not at.exception
    assert "exploded" in at.warning[0].value and "lower the learning rate" in at.warning[0].value.lower()


def test_query_params_restore_settings_and_garbage_gets_a_notice():
    at = open_train_page(dataset="moons", hidden="8-4", activation="tanh", lr="0.3",
                         epochs="bogus")
    assert at.selectbox(key="train_dataset").value == "moons"
    assert at.number_input(key="train_layers").value == 2
    assert at.number_input(key="train_units1").value == 4
    assert at.select_slider(key="train_lr").value == 0.3
    assert any("epochs='bogus'" in w.value for w in at.warning)
    assert status(at).startswith("**Epoch 0 of 30**")
    assert at.query_params["hidden"] == "8-4"


def test_two_d_and_regression_sets_draw_their_picture():
    # loss, accuracy, the picture, gradient norms, activations
    at = open_train_page(dataset="spiral")
    button(at, "Step").click().run()
    assert not at.exception and len(at.get("plotly_chart")) == 5
    at = open_train_page(dataset="regression")
    assert not at.exception and len(at.get("plotly_chart")) == 5


def test_offline_mnist_shows_the_loaders_message(monkeypatch, tmp_path):
    import socket

    with socket.socket() as sock:  # a port where nothing listens: refused at once
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("BACKPROP_EXPLORER_MNIST_DIR", str(tmp_path / "mnist"))
    monkeypatch.setenv("BACKPROP_EXPLORER_MNIST_MIRRORS", f"http://127.0.0.1:{port}/")
    at = open_train_page(dataset="mnist")
    assert not at.exception
    message = at.error[0].value
    assert "Could not download" in message and str(tmp_path / "mnist") in message


def test_finished_runs_are_compared():
    at = open_train_page(epochs="3")
    button(at, "Start").click().run()
    wait_for(at, lambda: worker(at).trainer.stopped)
    at.run()
    at.select_slider(key="train_lr").set_value(0.1).run()
    button(at, "Start").click().run()
    wait_for(at, lambda: worker(at).trainer.stopped)
    at.run()
    assert len(at.session_state["train_runs"]) == 2
    assert any(b.label == "Forget these runs" for b in at.button)
