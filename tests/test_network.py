import itertools

import numpy as np
import pytest

import nnlib
from nnlib.gradcheck import numerical_gradient, relative_error

HIDDEN = {1: [4], 2: [4, 3], 3: [3, 4, 3]}
OUTPUTS = {"softmax_cross_entropy": 3, "sigmoid_binary_cross_entropy": 1, "mean_squared_error": 2}


def targets(loss, kind, n, rng):
    n_out = OUTPUTS[loss]
    if loss == "sigmoid_binary_cross_entropy":
        labels = rng.integers(0, 2, n)
        return labels if kind == "labels" else labels[:, None].astype(float)
    if loss == "mean_squared_error" and kind == "values":
        return rng.normal(size=(n, n_out))
    labels = rng.integers(0, n_out, n)
    return labels if kind == "labels" else np.eye(n_out)[labels]


def batch_away_from_kinks(net, loss, kind, rng):
    """A batch whose hidden pre-activations all lie ≥ 1e-3 from ReLU's kink at 0: a central
    difference with h = 1e-4 that straddles the kink measures neither slope."""
    for _ in range(100):
        X, T = rng.normal(size=(5, 3)), targets(loss, kind, 5, rng)
        net.loss(X, T)
        if all(np.abs(net.cache[f"Z{i}"]).min() > 1e-3 for i in range(1, net.n_layers)):
            return X, T
    raise AssertionError("no batch away from the kinks")


CASES = [
    (act, loss, init, depth, kind)
    for act, loss, init, depth in itertools.product(nnlib.ACTIVATIONS, nnlib.LOSSES, nnlib.INITS, HIDDEN)
    for kind in (["labels", "values"] if loss == "mean_squared_error" else ["labels", "one-hot"])
]


@pytest.mark.parametrize("activation,loss,init,depth,kind", CASES)
def test_backprop_equals_numerical_gradient(activation, loss, init, depth, kind):
    rng = np.random.default_rng(depth)
    net = nnlib.MLP([3, *HIDDEN[depth], OUTPUTS[loss]], activation=activation, loss=loss,
                    init=init, seed=1)
    if init == "normal":  # std 0.01 makes every gradient tiny; scale up so the check is meaningful
        for value in net.params.values():
            value *= 100
    X, T = batch_away_from_kinks(net, loss, kind, rng)
    grads = net.gradient(X, T)
    for key, param in net.params.items():
        numerical = numerical_gradient(lambda _: net.loss(X, T), param)
        assert relative_error(grads[key], numerical) < 1e-7, key


def test_params_are_ordered_with_the_books_shapes():
    net = nnlib.MLP([64, 30, 20, 10], seed=0, dtype=np.float32)
    assert list(net.params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [v.shape for v in net.params.values()] == [(64, 30), (30,), (30, 20), (20,), (20, 10), (10,)]
    assert all(v.dtype == np.float32 for v in net.params.values())
    assert all(not v.any() for k, v in net.params.items() if k.startswith("b"))


def test_same_seed_same_weights_and_float32_rounds_float64():
    a = nnlib.MLP([5, 4, 2], seed=3)
    b = nnlib.MLP([5, 4, 2], seed=3)
    c = nnlib.MLP([5, 4, 2], seed=4)
    f32 = nnlib.MLP([5, 4, 2], seed=3, dtype=np.float32)
    np.testing.assert_array_equal(a.params["W1"], b.params["W1"])
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    np.testing.assert_array_equal(f32.params["W1"], a.params["W1"].astype(np.float32))


@pytest.mark.parametrize("init,expected_std", [
    ("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(2 / 600)), ("normal", 0.01),
    ("uniform", 1 / np.sqrt(400) / np.sqrt(3)),
])
def test_initialisations_have_their_documented_spread(init, expected_std):
    W = nnlib.MLP([400, 200, 2], init=init, loss="mean_squared_error", seed=0).params["W1"]
    assert W.std() == pytest.approx(expected_std, rel=0.02)
    assert abs(W.mean()) < expected_std / 20


def test_cache_holds_every_intermediate_under_its_textbook_name():
    rng = np.random.default_rng(0)
    net = nnlib.MLP([4, 5, 3], activation="sigmoid", seed=0)
    X, T = rng.normal(size=(6, 4)), rng.integers(0, 3, 6)
    grads = net.gradient(X, T)
    c, p = net.cache, net.params
    np.testing.assert_allclose(c["Z1"], X @ p["W1"] + p["b1"])
    np.testing.assert_allclose(c["A1"], 1 / (1 + np.exp(-c["Z1"])))
    np.testing.assert_allclose(c["Z2"], c["A1"] @ p["W2"] + p["b2"])
    Y = np.exp(c["Z2"]) / np.exp(c["Z2"]).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(c["Y"], Y)
    np.testing.assert_allclose(c["dZ2"], (Y - np.eye(3)[T]) / 6)
    np.testing.assert_allclose(grads["W2"], c["A1"].T @ c["dZ2"])
    np.testing.assert_allclose(c["dA1"], c["dZ2"] @ p["W2"].T)
    np.testing.assert_allclose(c["dZ1"], c["dA1"] * c["A1"] * (1 - c["A1"]))
    np.testing.assert_allclose(grads["W1"], X.T @ c["dZ1"])
    np.testing.assert_allclose(grads["b1"], c["dZ1"].sum(axis=0))


def test_predict_output_and_accuracy():
    net = nnlib.MLP([2, 2], activation="identity", seed=0)
    net.params["W1"][...] = np.eye(2)
    X = np.array([[2.0, 1.0], [0.0, 3.0], [1.0, 0.0], [1.0, 2.0]])
    np.testing.assert_array_equal(net.predict(X), X)
    np.testing.assert_allclose(net.output(X).sum(axis=1), 1)
    assert net.accuracy(X, [0, 1, 0, 0]) == 0.75
    assert net.accuracy(X, np.eye(2)[[0, 1, 0, 0]]) == 0.75


def test_binary_accuracy_thresholds_the_score_at_zero():
    net = nnlib.MLP([1, 1], activation="identity", loss="sigmoid_binary_cross_entropy", seed=0)
    net.params["W1"][...] = 1
    assert net.accuracy([[-2.0], [3.0], [0.5]], [0, 1, 0]) == pytest.approx(2 / 3)


def test_copy_is_independent_and_can_change_dtype():
    net = nnlib.MLP([3, 4, 2], seed=0, dtype=np.float32)
    twin = net.copy(dtype=np.float64)
    twin.params["W1"] += 1
    assert twin.params["W1"].dtype == np.float64
    assert twin.affines[0].W is twin.params["W1"]
    assert not np.array_equal(net.params["W1"], twin.params["W1"].astype(np.float32))


@pytest.mark.parametrize("sizes,fragment", [
    ([64], "input first and output last"),
    ("64,10", "input first and output last"),
    ([64, 0, 10], "entry 1 is 0"),
    ([64, -3, 10], "entry 1 is -3"),
    ([64, 2.5, 10], "entry 1 is 2.5"),
    ([64, True, 10], "entry 1 is True"),
    ([100_000, 100_000, 10], "more than"),
])
def test_bad_sizes_get_a_sentence(sizes, fragment):
    with pytest.raises(ValueError, match=fragment):
        nnlib.MLP(sizes)


@pytest.mark.parametrize("kwargs,fragment", [
    (dict(activation="relu6"), "relu, leaky_relu, sigmoid, tanh, identity"),
    (dict(loss="hinge"), "softmax_cross_entropy, sigmoid_binary_cross_entropy, mean_squared_error"),
    (dict(init="zeros"), "he, xavier, normal, uniform"),
    (dict(dtype=np.int32), "float32 or float64"),
    (dict(seed=-1), "seed"),
    (dict(loss="sigmoid_binary_cross_entropy"), "exactly one output unit"),
])
def test_bad_settings_get_a_sentence(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        nnlib.MLP([4, 3, 2], **kwargs)


def test_softmax_needs_two_outputs():
    with pytest.raises(ValueError, match="at least two output units"):
        nnlib.MLP([4, 1])


@pytest.mark.parametrize("X,T,fragment", [
    (np.zeros((5, 3)), [0] * 5, r"shape \(N, 4\)"),
    (np.zeros(4), [0], r"shape \(N, 4\)"),
    (np.zeros((0, 4)), [], "empty"),
    (np.zeros((5, 4)), [0] * 4, "one target per sample"),
    (np.zeros((2, 4)), [0, 3], "0…2"),
    (np.zeros((2, 4)), [0.5, 1], "whole numbers"),
    (np.zeros((2, 4)), np.zeros((2, 2)), r"\(2, 3\)"),
])
def test_mismatched_data_gets_a_sentence(X, T, fragment):
    net = nnlib.MLP([4, 5, 3])
    with pytest.raises(ValueError, match=fragment):
        net.loss(X, T)


def test_binary_targets_outside_zero_one_are_refused():
    net = nnlib.MLP([2, 1], loss="sigmoid_binary_cross_entropy")
    with pytest.raises(ValueError, match="between 0 and 1"):
        net.loss(np.zeros((2, 2)), [0, 2])


def test_regression_network_has_no_accuracy():
    net = nnlib.MLP([1, 4, 1], loss="mean_squared_error")
    with pytest.raises(ValueError, match="accuracy is for classification"):
        net.accuracy([[0.0]], [[1.0]])


def test_squared_error_on_classes_has_an_argmax_accuracy():
    net = nnlib.MLP([2, 2], activation="identity", loss="mean_squared_error", seed=0)
    net.params["W1"][...] = np.eye(2)
    assert net.accuracy(np.array([[2.0, 1.0], [0.0, 3.0]]), [0, 0]) == 0.5
