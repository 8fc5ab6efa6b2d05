import numpy as np
import pytest

import nnlib
from nnlib.optim import SGD, Adam, Momentum


def one_param(w, b=0.0):
    return {"W1": np.array([w], dtype=float), "b1": np.array([b], dtype=float)}


def grads(gw, gb=0.0):
    return {"W1": np.array([gw]), "b1": np.array([gb])}


def test_sgd_hand_worked():
    params = {"W1": np.array([1.0, 2.0]), "b1": np.array([0.5])}
    SGD(lr=0.1).update(params, {"W1": np.array([0.5, -1.0]), "b1": np.array([2.0])})
    np.testing.assert_allclose(params["W1"], [0.95, 2.1])  # 1 − 0.1·0.5, 2 + 0.1·1
    np.testing.assert_allclose(params["b1"], [0.3])


def test_momentum_hand_worked():
    params, opt = one_param(1.0), Momentum(lr=0.1, momentum=0.9)
    opt.update(params, grads(0.5))   # v = −0.05, W = 0.95
    assert params["W1"][0] == pytest.approx(0.95)
    opt.update(params, grads(0.5))   # v = 0.9·(−0.05) − 0.05 = −0.095, W = 0.855
    assert params["W1"][0] == pytest.approx(0.855)
    opt.update(params, grads(-1.0))  # v = 0.9·(−0.095) + 0.1 = 0.0145, W = 0.8695
    assert params["W1"][0] == pytest.approx(0.8695)


def test_adam_hand_worked():
    params, opt = one_param(1.0), Adam(lr=0.1)  # ε = 1e-8 moves W by ~1e-9 only
    opt.update(params, grads(0.5))
    # m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25: W = 1 − 0.1·0.5/0.5 = 0.9
    assert params["W1"][0] == pytest.approx(0.9, abs=1e-8)
    opt.update(params, grads(0.25))
    # m = 0.045 + 0.025 = 0.07, v = 0.00024975 + 0.0000625 = 0.00031225
    # m̂ = 0.07/0.19 = 0.368421, v̂ = 0.00031225/0.001999 = 0.156203, √v̂ = 0.395225
    # W = 0.9 − 0.1·0.368421/0.395225 = 0.9 − 0.093218 = 0.806782
    assert params["W1"][0] == pytest.approx(0.806782, abs=1e-6)


def test_weight_decay_shrinks_weights_but_not_biases():
    for name in nnlib.OPTIMIZERS:
        params = one_param(1.0, b=1.0)
        nnlib.make_optimizer(name, lr=0.5, weight_decay=0.1).update(params, grads(0.0))
        assert params["W1"][0] < 1.0, name
        assert params["b1"][0] == 1.0, name
    params = one_param(1.0)
    SGD(lr=0.5, weight_decay=0.1).update(params, grads(0.0))
    assert params["W1"][0] == pytest.approx(0.95)  # 1 − 0.5·(0 + 0.1·1)


@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), "0.1", None, True])
def test_bad_learning_rates_get_a_sentence(lr):
    with pytest.raises(ValueError, match="learning rate must be a finite number greater than 0"):
        nnlib.make_optimizer("sgd", lr=lr)


def test_unknown_optimizer_lists_the_valid_ones():
    with pytest.raises(ValueError, match="sgd, momentum, adam"):
        nnlib.make_optimizer("rmsprop", lr=0.1)


def test_negative_weight_decay_is_refused():
    with pytest.raises(ValueError, match="weight_decay"):
        nnlib.make_optimizer("adam", lr=0.1, weight_decay=-1)
