import numpy as np
import pytest

import nnlib
from nnlib.layers import Relu


def test_numerical_gradient_of_a_known_function():
    x = np.array([[3.0, -4.0], [0.5, 2.0]])
    grad = nnlib.numerical_gradient(lambda v: float((v**2).sum() + 3 * v[0, 1]), x)
    np.testing.assert_allclose(grad, 2 * x + np.array([[0, 3], [0, 0]]), rtol=1e-9)


def test_numerical_gradient_restores_x_bit_for_bit():
    x = np.array([0.1, 1e-12, 12345.678, -7.3e5, 1 / 3])
    before = x.copy()
    seen = []
    nnlib.numerical_gradient(lambda v: seen.append(v.copy()) or float(v.sum()), x)
    assert x.tobytes() == before.tobytes()
    assert any(not np.array_equal(v, before) for v in seen)  # f did see the nudged values


def test_relative_error_is_zero_when_both_gradients_are_zero():
    assert nnlib.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert nnlib.relative_error(np.array([1.0, 0.0]), np.array([0.0, 0.0])) == 1.0


def test_correct_network_passes_and_is_left_untouched():
    rng = np.random.default_rng(0)
    net = nnlib.MLP([4, 6, 3], activation="tanh", seed=0, dtype=np.float32)
    before = {k: v.copy() for k, v in net.params.items()}
    errors = nnlib.gradient_check(net, rng.normal(size=(8, 4)), rng.integers(0, 3, 8))
    assert list(errors) == ["W1", "b1", "W2", "b2"]
    assert max(errors.values()) < 1e-7
    for key, value in before.items():
        assert net.params[key].dtype == np.float32
        np.testing.assert_array_equal(net.params[key], value)


class ReluPassingEverythingBack(Relu):
    """A classic bug: forgetting the mask in ReLU's backward pass."""

    def backward(self, dout):
        return dout


def test_a_planted_bug_is_flagged():
    rng = np.random.default_rng(1)
    net = nnlib.MLP([4, 6, 3], seed=0)
    net.activations[0] = ReluPassingEverythingBack()
    errors = nnlib.gradient_check(net, rng.normal(size=(8, 4)), rng.integers(0, 3, 8))
    assert errors["W1"] > 1e-2 and errors["b1"] > 1e-2
    assert errors["W2"] < 1e-7  # the layer above the bug is unaffected


def test_check_rejects_mismatched_data():
    net = nnlib.MLP([4, 3])
    with pytest.raises(ValueError, match=r"shape \(N, 4\)"):
        nnlib.gradient_check(net, np.zeros((2, 5)), [0, 1])
