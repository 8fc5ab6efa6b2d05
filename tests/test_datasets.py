import numpy as np
import pytest

from nnlib import datasets

TWO_D = ["xor", "moons", "circles", "spiral", "gaussians"]


def test_digits_is_split_80_20_standardised_and_keeps_the_raw_images():
    d = datasets.load("digits")
    assert (d.X_train.shape, d.X_val.shape) == ((1437, 64), (360, 64))
    assert d.task == "classification" and d.n_classes == 10 and d.feature_shape == (8, 8)
    assert d.X_train.mean() == pytest.approx(0, abs=1e-12)
    assert d.X_train.std() == pytest.approx(1, abs=1e-12)
    assert d.images_train.shape == (1437, 8, 8)
    assert d.images_train.min() == 0 and d.images_train.max() == 16
    np.testing.assert_allclose(
        d.images_train.reshape(-1, 64), d.X_train * d.options["std"] + d.options["mean"])
    assert d.T_train.dtype.kind == "i" and d.loss == "softmax_cross_entropy"
    for labels in (d.T_train, d.T_val):  # stratified: every digit ~10 %
        assert np.allclose(np.bincount(labels, minlength=10) / len(labels), 0.1, atol=0.01)


def test_digits_split_is_fixed():
    a, b = datasets.load("digits"), datasets.load("digits")
    np.testing.assert_array_equal(a.X_val, b.X_val)


@pytest.mark.parametrize("name", TWO_D)
def test_two_d_sets_shapes_ranges_and_balance(name):
    d = datasets.load(name, n_samples=600, seed=1)
    assert d.X_train.shape == (480, 2) and d.X_val.shape == (120, 2)
    assert d.X_train.dtype == np.float64 and d.T_train.dtype.kind == "i"
    assert np.abs(d.X_train).max() < 4
    counts = np.bincount(d.T_train)
    assert len(counts) == d.n_classes and counts.min() >= 0.9 * counts.max()
    assert d.n_outputs == (1 if d.task == "binary" else d.n_classes)
    assert d.task == ("binary" if d.n_classes == 2 else "classification")


@pytest.mark.parametrize("name", TWO_D + ["regression"])
def test_seed_and_noise_options_change_the_points(name):
    def points(**options):
        d = datasets.load(name, **options)
        return np.column_stack([d.X_train, d.T_train])

    a = points(seed=1)
    np.testing.assert_array_equal(a, points(seed=1))
    assert not np.array_equal(a, points(seed=2))
    assert not np.array_equal(a, points(seed=1, noise=0.3))


@pytest.mark.parametrize("name", ["spiral", "gaussians"])
def test_class_count_option(name):
    d = datasets.load(name, classes=5)
    assert d.n_classes == 5 and d.task == "classification" and d.n_outputs == 5
    assert datasets.load(name, classes=2).task == "binary"


def test_regression_is_a_noisy_sine():
    d = datasets.load("regression", noise=0.0)
    assert d.task == "regression" and d.n_classes == 0 and d.n_outputs == 1
    assert d.X_train.shape == (160, 1) and d.T_train.shape == (160, 1)
    np.testing.assert_allclose(d.T_train, np.sin(d.X_train))
    assert d.loss == "mean_squared_error"


@pytest.mark.parametrize("name,options,fragment", [
    ("mnist_fashion", {}, "Unknown data set 'mnist_fashion'; choose one of: digits, mnist, xor"),
    ("moons", dict(n_samples=10), "n_samples must be a number from 50 to 5000"),
    ("moons", dict(noise=-1), "noise must be a number from 0 to 1"),
    ("moons", dict(noise=float("nan")), "noise"),
    ("moons", dict(n_samples="many"), "n_samples"),
    ("spiral", dict(classes=2.5), "whole number"),
    ("moons", dict(radius=3), "moons has no option 'radius'; its options are: n_samples, noise, seed"),
    ("digits", dict(noise=0.1), "digits has no option 'noise'; its options are: none"),
])
def test_bad_options_get_a_sentence(name, options, fragment):
    with pytest.raises(ValueError, match=fragment):
        datasets.load(name, **options)


def test_every_registry_entry_loads_with_its_defaults():
    for name, info in datasets.DATASETS.items():
        if name == "mnist":
            continue  # downloads; tested in test_mnist.py
        d = datasets.load(name, **{k: o.default for k, o in info.options.items()})
        assert d.name == name and d.description
