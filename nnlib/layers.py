"""One small class per layer, with the textbook's names (x, W, b, dout, dx, dW, db).

`forward` stores exactly what `backward` needs; `backward` returns dx and never writes into its
arguments, so a caller may keep every intermediate array (the step-through views do).
Output layers combine the last activation with the loss, as in "Deep Learning from Scratch" ch. 5:
`forward(x, t)` returns the mean loss over the batch and `backward()` returns dL/dx.
"""

from __future__ import annotations

import functools

import numpy as np


class Affine:
    """Fully connected layer: out = x·W + b, with W of shape (n_in, n_out) as in the book."""

    def __init__(self, W: np.ndarray, b: np.ndarray, need_dx: bool = True):
        self.W = W
        self.b = b
        self.need_dx = need_dx  # the first layer's dx (gradient w.r.t. the data) is never used
        self.x: np.ndarray | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        out = x @ self.W
        out += self.b
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        """dW = xᵀ·dout, db = Σ_batch dout, dx = dout·Wᵀ."""
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T if self.need_dx else None


class Relu:
    """out = max(0, x); dx = dout where x > 0, else 0."""

    def __init__(self):
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.mask = x > 0
        return np.maximum(x, 0)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.mask


class LeakyRelu:
    """out = x for x > 0, alpha·x otherwise; dx = dout · (1 or alpha)."""

    def __init__(self, alpha: float = 0.01):
        self.alpha = alpha
        self.slope: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.slope = np.where(x > 0, 1, self.alpha).astype(x.dtype, copy=False)
        return x * self.slope

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.slope


class Sigmoid:
    """out = 1 / (1 + exp(-x)); dx = dout · out · (1 − out), from the cached output y."""

    def __init__(self):
        self.out: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.out * (1 - self.out)


class Tanh:
    """out = tanh(x); dx = dout · (1 − out²)."""

    def __init__(self):
        self.out: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * (1 - self.out**2)


class Identity:
    """out = x; dx = dout."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function without overflow: exp(−log(1 + exp(−x)))."""
    return np.exp(-np.logaddexp(0, -x)).astype(x.dtype, copy=False)


def log_softmax(x: np.ndarray) -> np.ndarray:
    """log softmax(x) row-wise, stable for any finite x: (x − max) − log Σ exp(x − max)."""
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(x: np.ndarray) -> np.ndarray:
    return np.exp(log_softmax(x))


@functools.lru_cache(maxsize=8)
def _rows(n: int) -> np.ndarray:
    """0 … n−1, for picking each row's target column; cached because every batch needs it."""
    rows = np.arange(n)
    rows.flags.writeable = False
    return rows


def _is_labels(t: np.ndarray) -> bool:
    return t.ndim == 1


def one_hot(labels: np.ndarray, n_classes: int, dtype=np.float64) -> np.ndarray:
    rows = np.zeros((labels.shape[0], n_classes), dtype=dtype)
    rows[_rows(labels.shape[0]), labels] = 1
    return rows


class SoftmaxWithLoss:
    """Softmax + cross-entropy. L = −(1/N) Σ log y[t]; dx = (y − t) / N.

    t may be integer labels (N,) or one-hot rows (N, C).
    """

    def __init__(self):
        self.y: np.ndarray | None = None
        self.t: np.ndarray | None = None

    @staticmethod
    def output(x: np.ndarray) -> np.ndarray:
        return softmax(x)

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        shifted = x - x.max(axis=1, keepdims=True)  # the same softmax, and no overflow
        exp = np.exp(shifted)
        total = exp.sum(axis=1, keepdims=True)
        self.y = exp / total
        self.t = t
        n = x.shape[0]
        if _is_labels(t):  # −log y[t] = log Σ exp − shifted[t]
            return float((np.log(total).sum() - shifted[_rows(n), t].sum()) / n)
        return float(((np.log(total) - shifted) * t).sum() / n)

    def backward(self, dout: float = 1.0) -> np.ndarray:
        n = self.y.shape[0]
        if _is_labels(self.t):
            dx = self.y * (dout / n)
            dx[_rows(n), self.t] -= dout / n
            return dx
        return (self.y - self.t) * (dout / n)


class SigmoidWithLoss:
    """Sigmoid + binary cross-entropy for one output unit.

    L = (1/N) Σ [max(x, 0) − x·t + log(1 + exp(−|x|))]  (the stable form of −t log y − (1−t) log(1−y));
    dx = (y − t) / N. t may be 0/1 labels (N,) or a column (N, 1).
    """

    def __init__(self):
        self.y: np.ndarray | None = None
        self.t: np.ndarray | None = None

    @staticmethod
    def output(x: np.ndarray) -> np.ndarray:
        return sigmoid(x)

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        t = t.reshape(x.shape).astype(x.dtype, copy=False)
        self.y = sigmoid(x)
        self.t = t
        losses = np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))
        return float(losses.sum() / x.shape[0])

    def backward(self, dout: float = 1.0) -> np.ndarray:
        return (self.y - self.t) * (dout / self.y.shape[0])


class MeanSquaredError:
    """Identity output + squared error. L = (1/2N) Σ (y − t)²; dx = (y − t) / N.

    With several output units and integer labels, t is turned into one-hot rows.
    """

    def __init__(self):
        self.y: np.ndarray | None = None
        self.t: np.ndarray | None = None

    @staticmethod
    def output(x: np.ndarray) -> np.ndarray:
        return x

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        if _is_labels(t) and x.shape[1] > 1:
            t = one_hot(t, x.shape[1], dtype=x.dtype)
        self.y = x
        self.t = t.reshape(x.shape)
        return float(0.5 * ((x - self.t) ** 2).sum() / x.shape[0])

    def backward(self, dout: float = 1.0) -> np.ndarray:
        return (self.y - self.t) * (dout / self.y.shape[0])


# Registries: the UI builds its menus from these; adding an activation or a loss is one entry.
ACTIVATIONS: dict[str, type] = {
    "relu": Relu,
    "leaky_relu": LeakyRelu,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "identity": Identity,
}

LOSSES: dict[str, type] = {
    "softmax_cross_entropy": SoftmaxWithLoss,
    "sigmoid_binary_cross_entropy": SigmoidWithLoss,
    "mean_squared_error": MeanSquaredError,
}
