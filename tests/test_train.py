import numpy as np
import pytest

import nnlib
from nnlib.datasets import load

DIGITS = load("digits")


def digits_trainer(**overrides):
    net_args = dict(activation="relu", init="he", seed=0, dtype=np.float32)
    settings = dict(lr=0.05, batch_size=100, epochs=3, seed=0)
    for key in list(overrides):
        if key in net_args:
            net_args[key] = overrides.pop(key)
    settings.update(overrides)
    return nnlib.Trainer(nnlib.MLP([64, 20, 10], **net_args), DIGITS, **settings)


def assert_same_run(a, b):
    assert a.iteration == b.iteration and a.status == b.status
    for key in a.net.params:
        assert a.net.params[key].tobytes() == b.net.params[key].tobytes(), key
    assert a.history.series() == b.history.series()


@pytest.mark.parametrize("optimizer,weight_decay", [("sgd", 0.0), ("momentum", 1e-3), ("adam", 1e-4)])
def test_chunked_training_is_bit_identical_to_one_run(optimizer, weight_decay):
    settings = dict(optimizer=optimizer, weight_decay=weight_decay, eval_every=7,
                    lr=0.01 if optimizer == "adam" else 0.05)
    whole = digits_trainer(**settings)
    whole.run()
    chunked = digits_trainer(**settings)
    chunked.step()
    chunked.run(steps=10)
    while not chunked.done:
        chunked.run(seconds=0.002)
        chunked.step()
    assert whole.status == "done"
    assert_same_run(whole, chunked)


def test_save_and_load_resume_bit_identically(tmp_path):
    whole = digits_trainer(optimizer="adam", lr=0.01)
    whole.run()
    first = digits_trainer(optimizer="adam", lr=0.01)
    first.run(steps=23)
    first.save(tmp_path / "run.npz")
    resumed = nnlib.Trainer.load(tmp_path / "run.npz", DIGITS)
    assert resumed.iteration == 23 and len(resumed.history.batch_loss) == 23
    resumed.run()
    assert_same_run(whole, resumed)


def test_loading_a_corrupted_file_says_so(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValueError, match="Could not read the saved training run"):
        nnlib.Trainer.load(path, DIGITS)


def test_counts_evaluations_and_status():
    tr = digits_trainer(batch_size=500, epochs=2, eval_every=2)
    assert tr.batches_per_epoch == 3  # 1437 samples: 500, 500, 437
    assert tr.status == "ready" and tr.history.eval_iteration == [0]
    assert tr.step() is not None and tr.iteration == 1 and tr.epoch == 0
    tr.run()
    assert tr.done and tr.status == "done" and tr.epoch == 2 and tr.progress == 1.0
    assert tr.history.eval_iteration == [0, 2, 3, 4, 6]
    assert tr.history.eval_epoch == [0, 2 / 3, 1, 4 / 3, 2]
    assert len(tr.history.batch_loss) == 6
    assert tr.step() is None and tr.run() == 0


def test_run_with_a_time_budget_returns_and_can_continue():
    tr = digits_trainer(batch_size=10, epochs=50)
    steps = tr.run(seconds=0.05)
    assert 0 < steps < tr.total_iterations and tr.status == "ready"
    assert tr.run(steps=5) == 5 and tr.iteration == steps + 5


def test_every_sample_is_seen_once_per_epoch():
    tr = digits_trainer(batch_size=100)
    seen = np.concatenate([tr._batch(i)[1] for i in range(tr.batches_per_epoch)])
    np.testing.assert_array_equal(np.bincount(seen), np.bincount(tr.T_train))


def test_exploding_loss_is_reported_not_raised():
    tr = digits_trainer(lr=10_000, activation="relu")
    tr.run()
    assert tr.status == "diverged" and not tr.done
    assert "exploded at iteration" in tr.message and "lower the learning rate" in tr.message
    assert "try 1000" in tr.message
    assert all(np.isfinite(p).all() for p in tr.net.params.values())
    assert tr.step() is None and tr.run() == 0


def test_non_finite_loss_keeps_the_last_finite_weights():
    tr = digits_trainer(lr=1e39)
    tr.run()
    assert tr.status == "diverged" and "no longer a number" in tr.message
    assert all(np.isfinite(p).all() for p in tr.net.params.values())
    assert all(np.isfinite(tr.history.batch_loss))


@pytest.mark.parametrize("seed", range(5))
def test_book_settings_reach_95_percent_on_digits(seed):
    net = nnlib.MLP([64, 30, 10], activation="relu", init="he", seed=seed, dtype=np.float32)
    tr = nnlib.Trainer(net, DIGITS, lr=0.03, batch_size=30, epochs=30, seed=seed)
    tr.run()
    assert tr.history.val_score[-1] >= 0.95


@pytest.mark.parametrize("seed", range(3))
def test_xor_is_solved_by_a_small_sigmoid_network(seed):
    data = load("xor", noise=0.05, seed=seed)
    net = nnlib.MLP([2, 4, 1], activation="sigmoid", loss="sigmoid_binary_cross_entropy",
                    init="xavier", seed=seed)
    tr = nnlib.Trainer(net, data, lr=3.0, batch_size=20, epochs=500, seed=seed)
    tr.run()
    assert tr.history.val_score[-1] >= 0.97


def test_regression_reports_r2_and_fits_the_sine():
    data = load("regression")
    net = nnlib.MLP([1, 30, 1], activation="tanh", loss="mean_squared_error", init="xavier")
    tr = nnlib.Trainer(net, data, optimizer="adam", lr=0.01, batch_size=20, epochs=200)
    tr.run()
    assert tr.history.score_name == "R²"
    assert tr.history.val_score[0] < 0.5 < 0.9 < tr.history.val_score[-1]


def test_training_subset_keeps_evaluations_quick_without_copying():
    tr = digits_trainer(eval_train_size=500)
    assert len(tr.X_eval) == 479  # every 3rd of 1437
    assert np.shares_memory(tr.X_eval, tr.X_train)


@pytest.mark.parametrize("overrides,fragment", [
    (dict(batch_size=0), "batch size must be a whole number"),
    (dict(batch_size=2.5), "batch size must be a whole number"),
    (dict(epochs=0), "epochs must be a whole number"),
    (dict(lr=0), "learning rate"),
    (dict(lr=float("nan")), "learning rate"),
    (dict(optimizer="lbfgs"), "sgd, momentum, adam"),
    (dict(eval_every=0), "eval_every"),
])
def test_bad_settings_get_a_sentence(overrides, fragment):
    with pytest.raises(ValueError, match=fragment):
        digits_trainer(**overrides)


def test_network_that_does_not_fit_the_data_gets_a_sentence():
    with pytest.raises(ValueError, match="64 features"):
        nnlib.Trainer(nnlib.MLP([2, 10]), DIGITS)
    with pytest.raises(ValueError, match="10 classes"):
        nnlib.Trainer(nnlib.MLP([64, 3]), DIGITS)
    with pytest.raises(ValueError, match="needs two classes"):
        nnlib.Trainer(nnlib.MLP([64, 1], loss="sigmoid_binary_cross_entropy"), DIGITS)
    with pytest.raises(ValueError, match="regression data set"):
        nnlib.Trainer(nnlib.MLP([1, 2]), load("regression"))


def test_evaluation_interval_keeps_evaluations_cheap():
    assert nnlib.evaluation_interval(1437, 360, 30) is None  # digits: once per epoch is cheap
    every = nnlib.evaluation_interval(600_000, 1_000, 10)  # a huge training set
    assert every is not None and (5_000 + 1_000) / 3 / (every * 10) <= 0.1 + 1e-9
    assert nnlib.evaluation_interval(50_000, 10_000, 100) is None
