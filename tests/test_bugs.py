import numpy as np
import pytest

import nnlib
from nnlib import bugs


def batch(n_in=4, n_out=3, n=6, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n_in)), rng.integers(0, n_out, n)


def lab_network(sizes=(4, 6, 5, 3), activation="relu"):
    net = nnlib.MLP(list(sizes), activation=activation, seed=0)
    bugs.jitter_biases(net)
    return net


def network_for(name, sizes=(4, 6, 5, 3)):
    return lab_network(sizes, bugs.BUGS[name].needs_activation or "relu")


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "leaky_relu"])
def test_clean_network_passes_every_parameter(activation):
    result = bugs.check(lab_network(activation=activation), *batch())
    assert result.passed and not result.error and not result.near_kink
    assert max(p.relative_error for p in result.params.values()) < bugs.THRESHOLD


@pytest.mark.parametrize("name", list(bugs.BUGS))
def test_every_planted_bug_is_flagged(name):
    result = bugs.check(network_for(name), *batch(), bugs=[name])
    assert not result.passed
    failing = [p for p in result.params.values() if not p.passed]
    assert result.error or failing
    for p in failing:
        assert not np.isfinite(p.relative_error) or p.relative_error > 1e-3


def test_bugs_point_at_their_layer():
    result = bugs.check(network_for("bias_mean"), *batch(), bugs=["bias_mean"])
    assert {k for k, p in result.params.items() if not p.passed} == {"b1", "b2", "b3"}
    result = bugs.check(network_for("relu_inplace"), *batch(), bugs=["relu_inplace"])
    assert {k for k, p in result.params.items() if not p.passed} == {"W1", "b1", "W2", "b2"}
    assert result.params["W3"].passed  # above the last ReLU the gradient is still right


def test_missing_transpose_crashes_on_non_square_and_fails_on_square_layers():
    crashed = bugs.check(network_for("missing_transpose"), *batch(), bugs=["missing_transpose"])
    assert "Backprop crashed" in crashed.error
    square = bugs.check(network_for("missing_transpose", sizes=(4, 5, 5, 5)), *batch(n_out=5),
                        bugs=["missing_transpose"])
    assert not square.error and not square.params["W1"].passed


def test_softmax_without_max_hides_on_small_scores_and_shows_on_large_ones():
    net = network_for("softmax_no_max")
    hidden = bugs.plant(net, [])
    hidden.last_layer = bugs.SoftmaxWithoutMax()
    X, T = batch()
    assert nnlib.gradient_check(hidden, X, T)["W1"] < 1e-7  # ordinary scores: no symptom
    result = bugs.check(net, X, T, bugs=["softmax_no_max"])
    assert not result.passed  # the lab's large scores expose it


def test_several_bugs_at_once_and_the_original_is_untouched():
    net = network_for("no_batch_mean")
    before = {k: v.copy() for k, v in net.params.items()}
    layers_before = [type(layer) for layer in net.layers]
    result = bugs.check(net, *batch(), bugs=["no_batch_mean", "bias_mean"])
    assert not result.passed
    assert [type(layer) for layer in net.layers] == layers_before
    for key, value in before.items():
        np.testing.assert_array_equal(net.params[key], value)
    assert bugs.check(net, *batch()).passed


def test_planting_a_bug_in_a_layer_the_network_lacks_says_how_to_get_it():
    with pytest.raises(ValueError, match="Choose sigmoid as the activation"):
        bugs.plant(nnlib.MLP([4, 5, 3], activation="relu"), ["sigmoid_from_input"])
    with pytest.raises(ValueError, match="choose softmax_cross_entropy"):
        bugs.plant(nnlib.MLP([4, 5, 1], loss="sigmoid_binary_cross_entropy"), ["softmax_sign"])


def test_every_bug_explains_itself():
    assert len(bugs.BUGS) >= 6
    for bug in bugs.BUGS.values():
        assert bug.title and len(bug.why) > 40 and len(bug.how_caught) > 30


def test_zero_biases_can_put_relu_on_its_kink_and_the_check_says_so():
    net = nnlib.MLP([4, 6, 5, 3], activation="relu", seed=0)  # biases 0: a dead row gives Z = 0
    result = bugs.check(net, *batch())
    assert result.near_kink and not result.passed
