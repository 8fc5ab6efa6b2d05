"""Data sets, one registry entry each: `load(name, **options)` returns a `Dataset`.

scikit-learn supplies the bundled digits, the 2-D generators and the seeded, stratified splits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
from sklearn.datasets import load_digits, make_blobs, make_circles, make_moons
from sklearn.model_selection import train_test_split

from . import mnist
from .registry import lookup

TASK_LOSS = {
    "classification": "softmax_cross_entropy",
    "binary": "sigmoid_binary_cross_entropy",
    "regression": "mean_squared_error",
}
VAL_FRACTION = 0.2


@dataclass
class Dataset:
    """Inputs X (N, n_features) and targets T: integer labels, or (N, 1) values for regression."""

    name: str
    task: str  # "classification" | "binary" | "regression"
    X_train: np.ndarray
    T_train: np.ndarray
    X_val: np.ndarray
    T_val: np.ndarray
    n_classes: int  # 0 for regression
    feature_shape: tuple[int, ...]
    description: str
    X_test: np.ndarray | None = None
    T_test: np.ndarray | None = None
    images_train: np.ndarray | None = None  # raw pixels, for display only
    images_val: np.ndarray | None = None
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def n_features(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_outputs(self) -> int:
        """Output units of a network for this task: one per class, or one unit."""
        return self.n_classes if self.task == "classification" else 1

    @property
    def loss(self) -> str:
        """The loss that matches the task."""
        return TASK_LOSS[self.task]


@dataclass(frozen=True)
class Option:
    """A numeric option of a data set, with the range the UI offers and the loader accepts."""

    default: float
    low: float
    high: float
    help: str
    integer: bool = False


@dataclass(frozen=True)
class DatasetInfo:
    title: str
    description: str
    loader: Callable[..., Dataset]
    options: dict[str, Option] = field(default_factory=dict)
    extra_options: tuple[str, ...] = ()  # non-numeric keyword arguments passed straight through


def _split(name, task, X, T, seed, description, options, **extra) -> Dataset:
    stratify = T if task != "regression" else None
    X_train, X_val, T_train, T_val = train_test_split(
        X, T, test_size=VAL_FRACTION, random_state=seed, stratify=stratify
    )
    n_classes = int(T.max()) + 1 if task != "regression" else 0
    return Dataset(
        name=name, task=task, X_train=X_train, T_train=T_train, X_val=X_val, T_val=T_val,
        n_classes=n_classes, feature_shape=(X.shape[1],), description=description,
        options=options, **extra,
    )


def _task_for(classes: int) -> str:
    return "binary" if classes == 2 else "classification"


def load_digits_dataset() -> Dataset:
    digits = load_digits()
    indices = np.arange(len(digits.target))
    train_idx, val_idx = train_test_split(
        indices, test_size=VAL_FRACTION, random_state=0, stratify=digits.target
    )
    # One mean and one standard deviation over all training pixels: a per-pixel scaler would blow
    # the rarely-inked border pixels up to dozens of standard deviations on new images.
    mean, std = digits.data[train_idx].mean(), digits.data[train_idx].std()
    return Dataset(
        name="digits",
        task="classification",
        X_train=(digits.data[train_idx] - mean) / std,
        T_train=digits.target[train_idx],
        X_val=(digits.data[val_idx] - mean) / std,
        T_val=digits.target[val_idx],
        n_classes=10,
        feature_shape=(8, 8),
        description=(
            f"scikit-learn's handwritten digits: {len(indices)} images of 8×8 pixels "
            f"(0–16), {len(train_idx)} for training and {len(val_idx)} for validation; "
            f"pixels standardised with the training set's mean ({mean:.2f}) and standard "
            f"deviation ({std:.2f})."
        ),
        images_train=digits.images[train_idx],
        images_val=digits.images[val_idx],
        options=dict(mean=float(mean), std=float(std)),
    )


def load_xor(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n_samples, 2))
    X += 0.1 * np.sign(X)  # a margin around the axes, as in TensorFlow Playground
    T = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(np.int64)
    X += rng.normal(0, noise, size=X.shape)
    return _split("xor", "binary", X, T, seed,
                  "XOR: class 1 where exactly one coordinate is positive; no straight line "
                  "separates the classes, so it needs a hidden layer.",
                  dict(n_samples=n_samples, noise=noise, seed=seed))


def load_moons(n_samples: int = 400, noise: float = 0.2, seed: int = 0) -> Dataset:
    X, T = make_moons(n_samples=n_samples, noise=noise, random_state=seed)
    X = X - np.array([0.5, 0.25])
    return _split("moons", "binary", X, T, seed,
                  "Two interleaving half circles (scikit-learn's make_moons).",
                  dict(n_samples=n_samples, noise=noise, seed=seed))


def load_circles(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    X, T = make_circles(n_samples=n_samples, noise=noise, factor=0.5, random_state=seed)
    return _split("circles", "binary", X, T, seed,
                  "A small circle inside a large one (scikit-learn's make_circles).",
                  dict(n_samples=n_samples, noise=noise, seed=seed))


def load_spiral(n_samples: int = 450, noise: float = 0.2, classes: int = 3, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    per_class = max(n_samples // classes, 1)
    radius = np.tile(np.linspace(0.05, 1, per_class), classes)
    arm = np.repeat(np.arange(classes), per_class)
    angle = (radius * 4 + arm * 2 * np.pi / classes) + rng.normal(0, noise, size=radius.shape)
    X = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return _split("spiral", _task_for(classes), X, arm.astype(np.int64), seed,
                  f"{classes} interleaved spiral arms, one class each (the CS231n spiral).",
                  dict(n_samples=n_samples, noise=noise, classes=classes, seed=seed))


def load_gaussians(n_samples: int = 400, noise: float = 0.5, classes: int = 3, seed: int = 0) -> Dataset:
    angles = 2 * np.pi * np.arange(classes) / classes
    centers = 1.5 * np.column_stack([np.cos(angles), np.sin(angles)])
    X, T = make_blobs(n_samples=n_samples, centers=centers, cluster_std=noise, random_state=seed)
    return _split("gaussians", _task_for(classes), X, T.astype(np.int64), seed,
                  f"{classes} Gaussian clouds on a circle (scikit-learn's make_blobs); "
                  "noise is their standard deviation.",
                  dict(n_samples=n_samples, noise=noise, classes=classes, seed=seed))


def load_regression(n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3, 3, size=(n_samples, 1))
    T = np.sin(X) + rng.normal(0, noise, size=X.shape)
    return _split("regression", "regression", X, T, seed,
                  "y = sin(x) + noise on x ∈ [−3, 3]: a curve for the mean-squared-error head.",
                  dict(n_samples=n_samples, noise=noise, seed=seed))


def _pixels(images: np.ndarray) -> np.ndarray:
    return np.divide(images, np.float32(255), dtype=np.float32)


def load_mnist(data_dir=None, progress=None, val_size: int = 10_000, seed: int = 0,
               mirrors=None, checksums=None, timeout: float = 30.0) -> Dataset:
    """MNIST from disk or the mirrors (see nnlib.mnist); pixels float32 in [0, 1], flattened."""
    train_images, train_labels, test_images, test_labels = mnist.load_arrays(
        data_dir, progress, mirrors, checksums, timeout)
    n = len(train_labels)
    if val_size >= n:
        raise ValueError(f"mnist: val_size must be smaller than the {n} training images.")
    indices = np.arange(n)
    if val_size:  # split the uint8 images first, so each float32 array is made only once
        train_idx, val_idx = train_test_split(
            indices, test_size=val_size, random_state=seed, stratify=train_labels)
    else:
        train_idx, val_idx = indices, indices[:0]
    X_train, X_val = _pixels(train_images[train_idx]), _pixels(train_images[val_idx])
    return Dataset(
        name="mnist",
        task="classification",
        X_train=X_train, T_train=train_labels[train_idx].astype(np.int64),
        X_val=X_val, T_val=train_labels[val_idx].astype(np.int64),
        X_test=_pixels(test_images), T_test=test_labels.astype(np.int64),
        n_classes=10,
        feature_shape=(28, 28),
        description=(
            f"MNIST handwritten digits (LeCun, Cortes & Burges; CC BY-SA 3.0): 28×28 pixels in "
            f"[0, 1]; {len(train_idx)} training images, {len(val_idx)} held out for validation "
            f"and the official {len(test_labels)} test images."
        ),
        images_train=X_train.reshape(-1, 28, 28),
        images_val=X_val.reshape(-1, 28, 28),
        options=dict(val_size=val_size, seed=seed),
    )


_N_SAMPLES = Option(400, 50, 5000, "number of points", integer=True)
_SEED = Option(0, 0, 2**31 - 1, "random seed for the points and the split", integer=True)
_CLASSES = Option(3, 2, 6, "number of classes", integer=True)


def _noise(default: float, high: float = 1.0) -> Option:
    return Option(default, 0.0, high, "standard deviation of the noise added to each point")


DATASETS: dict[str, DatasetInfo] = {
    "digits": DatasetInfo("Digits (8×8)", "scikit-learn's handwritten digits, bundled", load_digits_dataset),
    "mnist": DatasetInfo("MNIST (28×28)", "70 000 handwritten digits, downloaded once", load_mnist,
                         dict(val_size=Option(10_000, 0, 30_000, "training images held out for "
                                              "validation", integer=True),
                              seed=Option(0, 0, 2**31 - 1, "seed of the validation split",
                                          integer=True)),
                         extra_options=("data_dir", "progress", "mirrors", "checksums", "timeout")),
    "xor": DatasetInfo("XOR", "four quadrants, opposite ones alike", load_xor,
                       dict(n_samples=_N_SAMPLES, noise=_noise(0.1), seed=_SEED)),
    "moons": DatasetInfo("Moons", "two interleaving half circles", load_moons,
                         dict(n_samples=_N_SAMPLES, noise=_noise(0.2), seed=_SEED)),
    "circles": DatasetInfo("Circles", "a circle inside a circle", load_circles,
                           dict(n_samples=_N_SAMPLES, noise=_noise(0.1), seed=_SEED)),
    "spiral": DatasetInfo("Spiral", "interleaved spiral arms", load_spiral,
                          dict(n_samples=Option(450, 50, 5000, "number of points", integer=True),
                               noise=_noise(0.2), classes=_CLASSES, seed=_SEED)),
    "gaussians": DatasetInfo("Gaussians", "Gaussian clouds", load_gaussians,
                             dict(n_samples=_N_SAMPLES, noise=_noise(0.5, 2.0), classes=_CLASSES,
                                  seed=_SEED)),
    "regression": DatasetInfo("Regression (sin)", "a noisy sine curve", load_regression,
                              dict(n_samples=Option(200, 50, 5000, "number of points", integer=True),
                                   noise=_noise(0.1), seed=_SEED)),
}


def _check_option(dataset: str, key: str, value, option: Option):
    numeric = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not numeric or not math.isfinite(value) or not option.low <= value <= option.high:
        raise ValueError(
            f"{dataset}: {key} must be a number from {option.low:g} to {option.high:g} "
            f"({option.help}); got {value!r}."
        )
    if option.integer:
        if value != int(value):
            raise ValueError(f"{dataset}: {key} must be a whole number; got {value!r}.")
        return int(value)
    return float(value)


def load(name: str, **options) -> Dataset:
    """Build the named data set; options are checked against the registry's ranges."""
    info = lookup(DATASETS, name, "data set")
    checked = {}
    for key, value in options.items():
        if key in info.options:
            checked[key] = _check_option(name, key, value, info.options[key])
        elif key in info.extra_options:
            checked[key] = value
        else:
            valid = ", ".join([*info.options, *info.extra_options]) or "none"
            raise ValueError(f"{name} has no option {key!r}; its options are: {valid}.")
    return info.loader(**checked)
