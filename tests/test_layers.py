import numpy as np
import pytest

from nnlib import layers
from nnlib.gradcheck import numerical_gradient, relative_error

rng = np.random.default_rng(0)


def away_from_zero(shape):
    """Inputs at least 0.05 away from ReLU's kink, so central differences are exact enough."""
    x = rng.normal(size=shape)
    return x + 0.05 * np.sign(x)


@pytest.mark.parametrize("name", list(layers.ACTIVATIONS))
def test_activation_backward_equals_numerical_gradient(name):
    layer = layers.ACTIVATIONS[name]()
    x = away_from_zero((4, 5))
    dout = rng.normal(size=(4, 5))
    layer.forward(x)
    dx = layer.backward(dout)
    numerical = numerical_gradient(lambda v: float((layer.forward(v) * dout).sum()), x.copy())
    assert relative_error(dx, numerical) < 1e-7


def test_affine_backward_equals_numerical_gradients():
    W, b, x = rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(5, 3))
    dout = rng.normal(size=(5, 4))
    affine = layers.Affine(W, b)
    affine.forward(x)
    dx = affine.backward(dout)
    f = lambda _: float((affine.forward(x) * dout).sum())  # noqa: E731
    assert relative_error(affine.dW, numerical_gradient(f, W)) < 1e-7
    assert relative_error(affine.db, numerical_gradient(f, b)) < 1e-7
    assert relative_error(dx, numerical_gradient(f, x)) < 1e-7


def test_first_affine_skips_the_unused_input_gradient():
    affine = layers.Affine(np.ones((2, 3)), np.zeros(3), need_dx=False)
    affine.forward(np.ones((4, 2)))
    assert affine.backward(np.ones((4, 3))) is None
    assert affine.dW.shape == (2, 3)


def loss_cases():
    scores = rng.normal(size=(6, 3))
    labels = np.array([0, 2, 1, 1, 0, 2])
    yield "softmax labels", layers.SoftmaxWithLoss, scores, labels
    yield "softmax one-hot", layers.SoftmaxWithLoss, scores, np.eye(3)[labels]
    column = rng.normal(size=(6, 1))
    yield "sigmoid labels", layers.SigmoidWithLoss, column, np.array([0, 1, 1, 0, 1, 0])
    yield "sigmoid column", layers.SigmoidWithLoss, column, np.array([[0], [1], [1], [0], [1], [0]])
    yield "mse values", layers.MeanSquaredError, scores, rng.normal(size=(6, 3))
    yield "mse labels", layers.MeanSquaredError, scores, labels


@pytest.mark.parametrize("case", list(loss_cases()), ids=lambda c: c[0])
def test_loss_backward_equals_numerical_gradient(case):
    _, cls, x, t = case
    layer = cls()
    layer.forward(x, t)
    dx = layer.backward()
    numerical = numerical_gradient(lambda v: layer.forward(v, t), x.copy())
    assert relative_error(dx, numerical) < 1e-7


@pytest.mark.parametrize("case", list(loss_cases()), ids=lambda c: c[0])
def test_loss_is_the_mean_over_the_batch(case):
    _, cls, x, t = case
    whole = cls().forward(x, t)
    per_sample = [cls().forward(x[i:i + 1], t[i:i + 1]) for i in range(len(x))]
    assert whole == pytest.approx(np.mean(per_sample), rel=1e-12)


def test_label_and_one_hot_targets_agree():
    x = rng.normal(size=(5, 4))
    labels = np.array([3, 0, 1, 2, 3])
    a, b = layers.SoftmaxWithLoss(), layers.SoftmaxWithLoss()
    assert a.forward(x, labels) == pytest.approx(b.forward(x, np.eye(4)[labels]), rel=1e-14)
    np.testing.assert_allclose(a.backward(), b.backward(), rtol=1e-14)


ALL_LAYERS = [
    *(cls() for cls in layers.ACTIVATIONS.values()),
    layers.Affine(rng.normal(size=(5, 5)), rng.normal(size=5)),
]


@pytest.mark.parametrize("layer", ALL_LAYERS, ids=lambda layer: type(layer).__name__)
def test_forward_and_backward_leave_their_arguments_untouched(layer):
    x = away_from_zero((3, 5))
    dout = rng.normal(size=(3, 5))
    x_before, dout_before = x.copy(), dout.copy()
    out = layer.forward(x)
    out_before = out.copy()
    layer.backward(dout)
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(dout, dout_before)
    np.testing.assert_array_equal(out, out_before)


@pytest.mark.parametrize("case", list(loss_cases()), ids=lambda c: c[0])
def test_loss_layers_leave_scores_and_targets_untouched(case):
    _, cls, x, t = case
    x_before, t_before = x.copy(), t.copy()
    layer = cls()
    layer.forward(x, t)
    layer.backward()
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(t, t_before)


def test_softmax_loss_on_extreme_logits_matches_the_direct_formula():
    x = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, 1000.0], [1000.0, 1000.0, 999.0]])
    t = np.array([1, 2, 2])
    # −log softmax(x)_t = logsumexp(x) − x_t, with logsumexp from NumPy's logaddexp
    direct = np.mean([np.logaddexp.reduce(row) - row[label] for row, label in zip(x, t)])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        layer = layers.SoftmaxWithLoss()
        loss = layer.forward(x, t)
        dx = layer.backward()
    assert loss == pytest.approx(direct, rel=1e-12)
    assert loss == pytest.approx((2000 + 0 + 1 + np.log(2 + np.exp(-1))) / 3, rel=1e-12)
    assert np.isfinite(dx).all()


def test_sigmoid_loss_on_extreme_logits_matches_the_direct_formula():
    x = np.array([[1000.0], [-1000.0], [1000.0], [-1000.0], [0.0]])
    t = np.array([0, 1, 1, 0, 1])
    # −t log σ(x) − (1−t) log(1 − σ(x)) = log(1 + e^x) − t·x
    direct = np.mean([np.logaddexp(0, v) - label * v for v, label in zip(x.ravel(), t)])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        layer = layers.SigmoidWithLoss()
        loss = layer.forward(x, t)
        dx = layer.backward()
    assert loss == pytest.approx(direct, rel=1e-12)
    assert loss == pytest.approx((1000 + 1000 + 0 + 0 + np.log(2)) / 5, rel=1e-12)
    np.testing.assert_allclose(dx.ravel(), [0.2, -0.2, 0, 0, -0.1], atol=1e-15)


def test_sigmoid_activation_does_not_overflow():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        y = layers.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(y, [0.0, 0.5, 1.0])


def test_layers_keep_float32():
    x = rng.normal(size=(3, 4)).astype(np.float32)
    for cls in layers.ACTIVATIONS.values():
        layer = cls()
        assert layer.forward(x).dtype == np.float32
        assert layer.backward(x).dtype == np.float32
    loss = layers.SoftmaxWithLoss()
    loss.forward(x, np.array([0, 1, 2]))
    assert loss.backward().dtype == np.float32
