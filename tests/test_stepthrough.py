import numpy as np
import pytest

import nnlib
from nnlib.stepthrough import training_step
from ui.network_figures import matrix_heatmap, network_diagram


def digits_batch(n=5):
    data = nnlib.datasets.load("digits")
    return data.X_train[:n], data.T_train[:n]


@pytest.mark.parametrize("activation", list(nnlib.ACTIVATIONS))
def test_step_matrices_equal_what_the_mlp_computes(activation):
    X, T = digits_batch()
    net = nnlib.MLP([64, 12, 10], activation=activation, seed=3)
    reference = net.copy()
    grads = reference.gradient(X, T)
    step = training_step(net, X, T, lr=0.1)
    shown = {s.name: list(s.matrices.values())[-1] for s in step.steps if s.phase != "update"}
    for name in ("Z1", "A1", "Z2", "Y", "dZ2", "dA1", "dZ1"):
        np.testing.assert_array_equal(shown[name], reference.cache[name])
    for name in ("W1", "W2"):
        np.testing.assert_array_equal(shown[f"d{name}"], grads[name])
    for name in ("b1", "b2"):
        np.testing.assert_array_equal(shown[f"d{name}"].ravel(), grads[name])
    assert step.loss_before == pytest.approx(reference.loss(X, T))


def test_step_order_follows_the_book_and_the_update_lowers_the_loss():
    X, T = digits_batch()
    net = nnlib.MLP([64, 8, 6, 10], activation="sigmoid", seed=0)
    before = {k: v.copy() for k, v in net.params.items()}
    step = training_step(net, X, T, lr=0.5)
    assert [s.name for s in step.steps] == [
        "Z1", "A1", "Z2", "A2", "Z3", "Y",
        "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1",
        "W1", "W2", "W3"]
    assert step.loss_after < step.loss_before
    for key, value in before.items():  # the update ran on a copy
        np.testing.assert_array_equal(net.params[key], value)
    update = step.steps[-1]
    np.testing.assert_allclose(update.matrices["W3 after"],
                               update.matrices["W3 before"] - 0.5 * update.matrices["dW3"])


def test_shapes_are_spelled_out():
    X, T = digits_batch(4)
    step = training_step(nnlib.MLP([64, 8, 10], seed=0), X, T, lr=0.1)
    by_name = {s.name: s for s in step.steps if s.phase != "update"}
    assert by_name["Z1"].shapes == "(4, 64)·(64, 8) + (8,) → (4, 8)"
    assert by_name["dW1"].shapes == "(64, 4)·(4, 8) → (64, 8)"
    assert by_name["dZ1"].code is nnlib.layers.Relu and by_name["dW2"].code is nnlib.layers.Affine


def test_matrix_heatmap_shows_the_values_with_a_symmetric_scale():
    matrix = np.array([[1.0, -3.0], [0.5, 2.0]])
    fig = matrix_heatmap("W1", matrix)
    (trace,) = fig.data
    np.testing.assert_array_equal(trace.z, matrix)
    assert (trace.zmin, trace.zmax) == (-3.0, 3.0)
    assert "W1[%{y}, %{x}]" in trace.hovertemplate


def test_network_diagram_draws_every_unit_and_highlights_the_layer():
    net = nnlib.MLP([3, 4, 2], seed=0)
    fig = network_diagram(net, 2, {k: v for k, v in net.params.items() if k.startswith("W")})
    markers = [t for t in fig.data if t.mode == "markers"]
    assert [len(t.y) for t in markers] == [3, 4, 2]
    lines = [t for t in fig.data if t.mode == "lines"]
    segments = sum(np.isnan(np.asarray(t.x, dtype=float)).sum() for t in lines)
    assert segments == 3 * 4 + 4 * 2
    assert {t.opacity for t in lines} == {0.15, 0.85}


def test_wide_layers_are_thinned_in_the_diagram():
    net = nnlib.MLP([64, 30, 10], seed=0)
    fig = network_diagram(net, 1, {k: v for k, v in net.params.items() if k.startswith("W")})
    markers = [t for t in fig.data if t.mode == "markers"]
    assert len(markers[0].y) <= 24 and len(markers[1].y) <= 24 and len(markers[2].y) == 10


@pytest.mark.parametrize("activation", list(nnlib.ACTIVATIONS))
def test_shown_derivative_times_dA_is_the_engines_dZ(activation):
    X, T = digits_batch()
    step = training_step(nnlib.MLP([64, 7, 10], activation=activation, seed=1), X, T, lr=0.1)
    dA, derivative, dZ = next(s for s in step.steps if s.name == "dZ1").matrices.values()
    np.testing.assert_allclose(dA * derivative, dZ, rtol=1e-12)
