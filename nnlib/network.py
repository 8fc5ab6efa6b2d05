"""A multi-layer perceptron built from the layers in `layers.py`.

    Affine1 → f → Affine2 → f → … → AffineL → output-and-loss layer

After `gradient(X, T)` the network keeps every intermediate array under its textbook name in
`net.cache` (A0 = X, Z1, A1, …, ZL = scores, Y = output, dZL, dA(L−1), dZ(L−1), …, dZ1), so the
step-through views can show one training step without computing it a second time.
"""

from __future__ import annotations

import copy
from typing import Callable, Sequence

import numpy as np

from .layers import ACTIVATIONS, LOSSES, Affine, MeanSquaredError, SigmoidWithLoss, SoftmaxWithLoss
from .registry import lookup

MAX_PARAMETERS = 20_000_000  # keeps a typo such as 40000 hidden units from exhausting a shared server


def init_he(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """He (Kaiming) normal: std = √(2 / n_in), suited to ReLU."""
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))


def init_xavier(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Xavier (Glorot) normal: std = √(2 / (n_in + n_out)), suited to sigmoid and tanh."""
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out))


def init_normal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Normal with std 0.01, the book's default weight_init_std."""
    return rng.normal(0.0, 0.01, size=(n_in, n_out))


def init_uniform(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Uniform on [−1/√n_in, 1/√n_in] (LeCun uniform, PyTorch's default for Linear)."""
    limit = 1.0 / np.sqrt(n_in)
    return rng.uniform(-limit, limit, size=(n_in, n_out))


INITS: dict[str, Callable[[int, int, np.random.Generator], np.ndarray]] = {
    "he": init_he,
    "xavier": init_xavier,
    "normal": init_normal,
    "uniform": init_uniform,
}

DTYPES = {"float32": np.float32, "float64": np.float64}


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(
            "sizes must list the number of units of each layer, input first and output last, "
            f"e.g. [64, 30, 10]; got {sizes!r}."
        )
    checked = []
    for position, size in enumerate(sizes):
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(
                f"Layer sizes must be positive whole numbers; entry {position} is {size!r}."
            )
        checked.append(int(size))
    n_params = sum((a + 1) * b for a, b in zip(checked[:-1], checked[1:]))
    if n_params > MAX_PARAMETERS:
        raise ValueError(
            f"sizes {checked} give {n_params:,} parameters, more than the {MAX_PARAMETERS:,} "
            "this app allows; use fewer or smaller layers."
        )
    return checked


def _check_dtype(dtype) -> type:
    for candidate in DTYPES.values():
        if np.dtype(dtype) == candidate:
            return candidate
    raise ValueError(f"dtype must be float32 or float64; got {dtype!r}.")


class MLP:
    """Fully connected network; W_i has shape (n_in, n_out) and b_i shape (n_out,), as in the book."""

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "relu",
        loss: str = "softmax_cross_entropy",
        init: str = "he",
        seed: int = 0,
        dtype=np.float64,
    ):
        self.sizes = _check_sizes(sizes)
        self.activation = activation
        self.loss_name = loss
        self.init = init
        self.seed = seed
        self.dtype = _check_dtype(dtype)
        activation_class = lookup(ACTIVATIONS, activation, "activation")
        loss_class = lookup(LOSSES, loss, "loss")
        init_weights = lookup(INITS, init, "initialisation")
        if loss_class is SigmoidWithLoss and self.sizes[-1] != 1:
            raise ValueError(
                "sigmoid_binary_cross_entropy needs exactly one output unit "
                f"(the probability of class 1); the output layer has {self.sizes[-1]}."
            )
        if loss_class is SoftmaxWithLoss and self.sizes[-1] < 2:
            raise ValueError(
                "softmax_cross_entropy needs at least two output units (one per class); "
                "for two classes with one unit use sigmoid_binary_cross_entropy."
            )
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed must be a whole number ≥ 0; got {seed!r}.")

        rng = np.random.default_rng(seed)
        self.params: dict[str, np.ndarray] = {}
        for i, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:]), start=1):
            self.params[f"W{i}"] = init_weights(n_in, n_out, rng).astype(self.dtype)
            self.params[f"b{i}"] = np.zeros(n_out, dtype=self.dtype)
        self.affines = [Affine(None, None) for _ in range(self.n_layers)]
        self.activations = [activation_class() for _ in range(self.n_layers - 1)]
        self.last_layer = loss_class()
        self._bind_params()
        self.cache: dict[str, np.ndarray] = {}

    @property
    def n_layers(self) -> int:
        """Number of Affine layers (hidden layers + 1)."""
        return len(self.sizes) - 1

    @property
    def layers(self) -> list:
        """All layers in order: Affine1, activation1, …, AffineL, output-and-loss layer."""
        ordered = []
        for i, affine in enumerate(self.affines):
            ordered.append(affine)
            if i < len(self.activations):
                ordered.append(self.activations[i])
        return ordered + [self.last_layer]

    def _bind_params(self) -> None:
        for i, affine in enumerate(self.affines, start=1):
            affine.W = self.params[f"W{i}"]
            affine.b = self.params[f"b{i}"]
            affine.need_dx = i > 1

    def copy(self, dtype=None) -> "MLP":
        """An independent deep copy (layers included), optionally with parameters cast to dtype."""
        cache, self.cache = self.cache, {}
        try:
            twin = copy.deepcopy(self)
        finally:
            self.cache = cache
        if dtype is not None:
            twin.dtype = _check_dtype(dtype)
            twin.params = {k: v.astype(twin.dtype) for k, v in twin.params.items()}
            twin._bind_params()
        return twin

    # ---- input checks (public methods check; the Trainer checks its data once) ----

    def check_X(self, X) -> np.ndarray:
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must have shape (N, {self.sizes[0]}) for this network's input layer; "
                f"got shape {X.shape}."
            )
        if X.shape[0] == 0:
            raise ValueError("X is empty; give at least one sample.")
        if not np.issubdtype(X.dtype, np.number):
            raise ValueError(f"X must be numeric; got dtype {X.dtype}.")
        return X.astype(self.dtype, copy=False)

    def check_T(self, T, n: int) -> np.ndarray:
        T = np.asarray(T)
        n_out = self.sizes[-1]
        if T.shape[0:1] != (n,):
            raise ValueError(f"T must have one target per sample ({n}); got shape {T.shape}.")
        if isinstance(self.last_layer, SoftmaxWithLoss) or (
            isinstance(self.last_layer, MeanSquaredError) and n_out > 1 and T.ndim == 1
        ):
            if T.ndim == 1:
                if not np.issubdtype(T.dtype, np.integer) and not (
                    np.issubdtype(T.dtype, np.floating) and np.all(T == np.round(T))
                ):
                    raise ValueError("Class labels T must be whole numbers 0, 1, 2, …")
                T = T.astype(np.int64, copy=False)
                if T.min() < 0 or T.max() >= n_out:
                    raise ValueError(
                        f"Class labels must lie in 0…{n_out - 1} for {n_out} output units; "
                        f"got labels from {T.min()} to {T.max()}."
                    )
                return T
            if T.shape != (n, n_out):
                raise ValueError(
                    f"One-hot targets must have shape ({n}, {n_out}); got {T.shape}."
                )
            return T.astype(self.dtype, copy=False)
        if T.shape not in ((n,), (n, n_out)):
            raise ValueError(f"T must have shape ({n},) or ({n}, {n_out}); got {T.shape}.")
        if isinstance(self.last_layer, SigmoidWithLoss) and (T.min() < 0 or T.max() > 1):
            raise ValueError("Binary targets T must lie between 0 and 1 (class 0 or class 1).")
        return T.astype(self.dtype, copy=False)

    # ---- forward and backward ----

    def _forward(self, X: np.ndarray, record: bool = True) -> np.ndarray:
        """Scores Z_L; with record, keeps A0 … Z_L in `cache` (evaluations pass record=False)."""
        cache = {"A0": X} if record else None
        a = X
        last = self.n_layers
        for i, affine in enumerate(self.affines, start=1):
            z = affine.forward(a)
            if i < last:
                a = self.activations[i - 1].forward(z)
            if record:
                cache[f"Z{i}"] = z
                if i < last:
                    cache[f"A{i}"] = a
        if record:
            self.cache = cache
        return z

    def _loss(self, X: np.ndarray, T: np.ndarray, record: bool = True) -> float:
        loss = self.last_layer.forward(self._forward(X, record), T)
        if record:
            self.cache["Y"] = self.last_layer.y
        return loss

    def _backward(self, record: bool = True) -> dict[str, np.ndarray]:
        cache = self.cache if record else {}
        dz = self.last_layer.backward()
        for i in range(self.n_layers, 0, -1):
            cache[f"dZ{i}"] = dz
            da = self.affines[i - 1].backward(dz)
            if i > 1:
                cache[f"dA{i - 1}"] = da
                dz = self.activations[i - 2].backward(da)
        grads: dict[str, np.ndarray] = {}
        for i, affine in enumerate(self.affines, start=1):
            grads[f"W{i}"] = affine.dW
            grads[f"b{i}"] = affine.db
        return grads

    def _loss_and_gradient(self, X: np.ndarray, T: np.ndarray, record: bool = True) -> tuple[float, dict]:
        """Loss and gradients; record=False (the Trainer) keeps no intermediate arrays alive."""
        loss = self._loss(X, T, record)
        return loss, self._backward(record)

    # ---- public API ----

    def predict(self, X) -> np.ndarray:
        """Output-layer scores Z_L (before softmax / sigmoid)."""
        return self._forward(self.check_X(X))

    def output(self, X) -> np.ndarray:
        """What the output layer reports: softmax probabilities, sigmoid probability or values."""
        return self.last_layer.output(self.predict(X))

    def loss(self, X, T) -> float:
        """Mean loss over the batch."""
        X = self.check_X(X)
        return self._loss(X, self.check_T(T, X.shape[0]))

    def gradient(self, X, T) -> dict[str, np.ndarray]:
        """dL/dW_i and dL/db_i by backpropagation, keyed like `params`."""
        X = self.check_X(X)
        return self._loss_and_gradient(X, self.check_T(T, X.shape[0]))[1]

    def accuracy(self, X, T) -> float:
        """Fraction of samples whose predicted class equals the target (classification only)."""
        X = self.check_X(X)
        return self._accuracy(self.predict(X), self.check_T(T, X.shape[0]))

    def _accuracy(self, scores: np.ndarray, T: np.ndarray) -> float:
        if isinstance(self.last_layer, SoftmaxWithLoss):
            labels = T if T.ndim == 1 else T.argmax(axis=1)
            return float(np.mean(scores.argmax(axis=1) == labels))
        if isinstance(self.last_layer, SigmoidWithLoss):
            return float(np.mean((scores.ravel() > 0) == (T.ravel() > 0.5)))
        if scores.shape[1] > 1:  # squared error on one-hot classes: the largest output wins
            labels = T if T.ndim == 1 else T.argmax(axis=1)
            return float(np.mean(scores.argmax(axis=1) == labels))
        raise ValueError(
            "accuracy is for classification; this network regresses with mean_squared_error "
            "(use its loss or R² instead)."
        )

    @property
    def config(self) -> dict:
        """What it takes to rebuild this network: MLP(**net.config)."""
        return {
            "sizes": list(self.sizes),
            "activation": self.activation,
            "loss": self.loss_name,
            "init": self.init,
            "seed": int(self.seed),
            "dtype": np.dtype(self.dtype).name,
        }

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        """Copy values into the existing parameter arrays (shapes must match)."""
        for key, value in params.items():
            if key not in self.params or np.shape(value) != self.params[key].shape:
                raise ValueError(
                    f"Parameter {key!r} with shape {np.shape(value)} does not fit this network "
                    f"({', '.join(f'{k}{v.shape}' for k, v in self.params.items())})."
                )
        for key, value in params.items():
            self.params[key][...] = value
