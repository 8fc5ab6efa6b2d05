"""Data sets, one registry entry each: `load(name, **options)` returns a `Dataset`.

scikit-learn supplies the bundled digits, the 2-D generators and the seeded, stratified splits.
"""

from __future__ import annotations

import csv
import io
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


# ---------------------------------------------------------------- a learner's own CSV

CSV_MAX_BYTES = 1_000_000
CSV_MAX_ROWS = 10_000
CSV_MIN_ROWS = 10
CSV_MAX_CLASSES = 10
REGRESSION_NAMES = ("target", "y", "value")


class CSVProblem(ValueError):
    """One thing wrong with an uploaded CSV: `code` names it, `details` fill in the sentence
    (so a page can say it in the learner's language), `str()` is the English sentence."""

    def __init__(self, code: str, message: str, **details):
        super().__init__(message)
        self.code = code
        self.details = details


def _number_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def from_csv(content: bytes, name: str = "upload", seed: int = 0) -> Dataset:
    """A data set from CSV text: two input columns and a label (or a regression target).

    A first row that is not all numbers is a header; a third column named target, y or value
    means regression, anything else a class label (numbers or words). Inputs (and a regression
    target) are standardised with the training rows' mean and standard deviation, as the
    built-in sets are scaled, so the default learning rates work. Raises CSVProblem.
    """
    if len(content) > CSV_MAX_BYTES:
        raise CSVProblem("too_big", f"The file is {len(content) / 1e6:.1f} MB; the limit is "
                         f"{CSV_MAX_BYTES / 1e6:g} MB.", size=len(content) / 1e6,
                         limit=CSV_MAX_BYTES / 1e6)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CSVProblem("not_text", "The file is not UTF-8 text; save it as CSV (UTF-8).") from None
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise CSVProblem("empty", "The file has no rows.")
    header = None
    if any(_number_or_none(cell) is None for cell in rows[0][:2]) or (
            len(rows[0]) >= 3 and rows[0][2].strip().lower() in ("label", "class", *REGRESSION_NAMES)):
        header, rows = [cell.strip() for cell in rows[0]], rows[1:]
    for number, row in enumerate(rows, start=2 if header else 1):
        if len(row) != 3:
            raise CSVProblem("columns", f"Row {number} has {len(row)} columns; every row needs "
                             "3: x1, x2 and a label (or a target).", row=number, count=len(row))
    if len(rows) > CSV_MAX_ROWS:
        raise CSVProblem("too_many_rows", f"The file has {len(rows):,} rows; the limit is "
                         f"{CSV_MAX_ROWS:,}.", count=len(rows), limit=CSV_MAX_ROWS)
    if len(rows) < CSV_MIN_ROWS:
        raise CSVProblem("too_few_rows", f"The file has {len(rows)} data rows; at least "
                         f"{CSV_MIN_ROWS} are needed to train and validate.", count=len(rows),
                         minimum=CSV_MIN_ROWS)
    first = 2 if header else 1
    X = np.empty((len(rows), 2))
    for i, row in enumerate(rows):
        for j in range(2):
            value = _number_or_none(row[j])
            if value is None or not math.isfinite(value):
                cell = row[j].strip()
                code = "missing" if cell == "" or (value is not None) else "not_a_number"
                message = (f"Row {i + first}, column {j + 1} is empty or not finite ({cell!r})."
                           if code == "missing" else
                           f"Row {i + first}, column {j + 1} is not a number: {cell!r}.")
                raise CSVProblem(code, message, row=i + first, column=j + 1, cell=cell)
            X[i, j] = value
    labels = [row[2].strip() for row in rows]
    regression = header is not None and header[2].lower() in REGRESSION_NAMES
    if regression:
        T = np.empty((len(rows), 1))
        for i, label in enumerate(labels):
            value = _number_or_none(label)
            if value is None or not math.isfinite(value):
                raise CSVProblem("bad_target", f"Row {i + first}: the target {label!r} is not a "
                                 "finite number.", row=i + first, cell=label)
            T[i, 0] = value
        classes = []
    else:
        if "" in labels:
            row = labels.index("") + first
            raise CSVProblem("missing", f"Row {row}, column 3 (the label) is empty.", row=row,
                             column=3, cell="")
        numeric = [_number_or_none(label) for label in labels]
        if all(v is not None and float(v).is_integer() for v in numeric):
            labels = [str(int(float(v))) for v in numeric]
            classes = sorted(set(labels), key=int)
        else:
            classes = sorted(set(labels))
        if len(classes) < 2:
            raise CSVProblem("one_class", f"Every row has the label {classes[0]!r}: a classifier "
                             "needs at least two classes.", label=classes[0])
        if len(classes) > CSV_MAX_CLASSES:
            raise CSVProblem("too_many_classes", f"The labels name {len(classes)} classes; the "
                             f"limit is {CSV_MAX_CLASSES}. For a numeric target, name the third "
                             "column 'target'.", count=len(classes), limit=CSV_MAX_CLASSES)
        index = {label: i for i, label in enumerate(classes)}
        T = np.array([index[label] for label in labels], dtype=np.int64)
        counts = np.bincount(T, minlength=len(classes))
        if counts.min() < 2:
            rare = classes[int(counts.argmin())]
            raise CSVProblem("rare_class", f"The class {rare!r} has only one row; every class "
                             "needs at least two (one may go to validation).", label=rare)
    task = "regression" if regression else _task_for(len(classes))
    data = _split(name, task, X, T, seed, "", dict(classes=classes, rows=len(rows),
                                                    columns=header or ["x1", "x2", "label"]))
    mean, std = data.X_train.mean(axis=0), data.X_train.std(axis=0)
    std[std == 0] = 1.0
    data.X_train, data.X_val = (data.X_train - mean) / std, (data.X_val - mean) / std
    if regression:
        t_mean, t_std = data.T_train.mean(), data.T_train.std() or 1.0
        data.T_train, data.T_val = (data.T_train - t_mean) / t_std, (data.T_val - t_mean) / t_std
    kind = "a regression target" if regression else f"{len(classes)} classes ({', '.join(classes)})"
    data.description = (f"Your CSV: {len(rows):,} points with {kind}; "
                        f"{len(data.X_train)} for training and {len(data.X_val)} for validation; "
                        "inputs standardised with the training rows' mean and standard deviation.")
    return data
