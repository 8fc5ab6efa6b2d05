"""Classic backprop bugs for the gradient-check lab, one registry entry each.

Each bug is a subclass of a real layer that gets one line wrong, and `plant` swaps it into a copy
of a network: the real layers and the network passed in are never touched. `check` runs the
gradient check on that copy and says per parameter whether backprop and the numerical gradient
agree (relative error below THRESHOLD), including the bugs NumPy itself stops with a shape error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import layers
from .gradcheck import numerical_gradient, relative_error
from .network import MLP

# Correct float64 backprop agrees with central differences (h = 1e-4) to about 1e-9 – 1e-11;
# anything a real bug produces is off by percent. 1e-7 sits safely between the two.
THRESHOLD = 1e-7


class SoftmaxWithoutBatchMean(layers.SoftmaxWithLoss):
    def backward(self, dout: float = 1.0) -> np.ndarray:
        n = self.y.shape[0]
        return super().backward(dout) * n  # forgot "/ N": the loss is a mean, its gradient too


class SoftmaxSignError(layers.SoftmaxWithLoss):
    def backward(self, dout: float = 1.0) -> np.ndarray:
        return -super().backward(dout)  # (t − y) / N instead of (y − t) / N


class SoftmaxWithoutMax(layers.SoftmaxWithLoss):
    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            exp = np.exp(x)  # no "x − max": exp(1000) = inf, and inf / inf = nan
            self.y = exp / exp.sum(axis=1, keepdims=True)
            self.t = t
            n = x.shape[0]
            rows = np.arange(n)
            picked = self.y[rows, t] if t.ndim == 1 else (self.y * t).sum(axis=1)
            return float(-np.log(picked).sum() / n)


class SigmoidDerivativeFromInput(layers.Sigmoid):
    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return super().forward(x)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.x * (1 - self.x)  # σ′ = y(1 − y) with y the OUTPUT, not the input x


class ReluMaskAfterInPlace(layers.Relu):
    def forward(self, x: np.ndarray) -> np.ndarray:
        out = x  # not a copy: clamping out clamps x too
        out[out <= 0] = 0
        self.mask = ~(x < 0)  # nothing is negative any more, so the mask lets everything through
        return out


class AffineBiasNotSummed(layers.Affine):
    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        dx = super().backward(dout)
        self.db = dout.mean(axis=0)  # mean instead of sum over the batch
        return dx


class AffineMissingTranspose(layers.Affine):
    def backward(self, dout: np.ndarray) -> np.ndarray | None:
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W if self.need_dx else None  # W instead of Wᵀ


@dataclass(frozen=True)
class Bug:
    title: str
    layer: str  # which layer it lives in: "loss", "activation" or "affine"
    replacement: type
    why: str  # why it is wrong
    how_caught: str  # what the gradient check shows
    needs_activation: str | None = None  # only meaningful for this hidden activation
    prepare: Callable[[MLP], None] | None = None  # puts the network where the bug shows


def _large_scores(net: MLP) -> None:
    """Scale the output layer until the scores reach hundreds, where exp overflows."""
    net.params[f"W{net.n_layers}"] *= 400.0


BUGS: dict[str, Bug] = {
    "no_batch_mean": Bug(
        "Forgot to divide by the batch size", "loss", SoftmaxWithoutBatchMean,
        "The loss is the MEAN over N samples, so its gradient must be divided by N too.",
        "Every gradient is N times too large: the relative error is (N − 1)/(N + 1), "
        "close to 1 for a batch of any size."),
    "softmax_sign": Bug(
        "Sign error in the softmax gradient", "loss", SoftmaxSignError,
        "dL/dscores = (y − t)/N; writing (t − y)/N flips it, and gradient descent climbs.",
        "Backprop and numerical gradients point in opposite directions: relative error 1."),
    "softmax_no_max": Bug(
        "Softmax without subtracting the maximum", "loss", SoftmaxWithoutMax,
        "exp(x) overflows for scores above ~709 (float64); subtracting the row maximum "
        "changes nothing mathematically and keeps every exp ≤ 1.",
        "On ordinary scores the check passes — the bug hides. The lab scales the output "
        "weights so scores reach hundreds: the loss becomes nan and so does every gradient.",
        prepare=_large_scores),
    "sigmoid_from_input": Bug(
        "Sigmoid derivative computed from x instead of y", "activation", SigmoidDerivativeFromInput,
        "σ′(x) = y·(1 − y) where y = σ(x) is the layer's OUTPUT; x·(1 − x) is something else "
        "(it is even negative for x > 1).",
        "Every parameter below the sigmoid layer disagrees; those above it still pass, "
        "which points at the layer.", needs_activation="sigmoid"),
    "relu_inplace": Bug(
        "ReLU mask taken after the input was changed in place", "activation", ReluMaskAfterInPlace,
        "Writing out = x; out[x <= 0] = 0 changes x itself, so a mask computed afterwards "
        "no longer knows which inputs were negative: the gradient flows through dead units.",
        "The parameters below the ReLU layer fail; above it they pass.", needs_activation="relu"),
    "bias_mean": Bug(
        "Bias gradient not summed over the batch", "affine", AffineBiasNotSummed,
        "b is added to every sample, so its gradient is the SUM of dout over the batch; the "
        "mean is N times too small.",
        "Only the b parameters fail (by (N − 1)/(N + 1)); every W passes."),
    "missing_transpose": Bug(
        "Missing transpose in dx = dout·Wᵀ", "affine", AffineMissingTranspose,
        "dx = dout·Wᵀ maps the gradient back from n_out to n_in units; dout·W only has the "
        "right shape when the layer is square, and then it is the wrong matrix.",
        "With non-square layers NumPy stops it with a shape error; with square ones every "
        "parameter below the layer fails."),
}


def jitter_biases(net: MLP, seed: int = 0, scale: float = 0.1) -> None:
    """Small random biases, so no pre-activation sits exactly on ReLU's kink at 0.

    With zero biases a sample whose inputs to a layer are all 0 gives Z = 0 exactly; a central
    difference across the kink measures half a slope and a correct network would seem wrong.
    """
    rng = np.random.default_rng([seed, 7])
    for key, value in net.params.items():
        if key.startswith("b"):
            value[...] = rng.normal(0, scale, size=value.shape)


def plant(net: MLP, names: list[str] | tuple[str, ...]) -> MLP:
    """A float64 copy of net with the named bugs swapped in (the original is untouched)."""
    twin = net.copy(dtype=np.float64)
    for name in names:
        bug = BUGS[name]
        if bug.needs_activation and net.activation != bug.needs_activation:
            raise ValueError(
                f"“{bug.title}” lives in the {bug.needs_activation} layer; this network uses "
                f"{net.activation}. Choose {bug.needs_activation} as the activation to plant it."
            )
        if bug.layer == "loss":
            if not isinstance(twin.last_layer, layers.SoftmaxWithLoss):
                raise ValueError(f"“{bug.title}” lives in the softmax-with-loss layer; "
                                 "choose softmax_cross_entropy as the loss.")
            twin.last_layer = bug.replacement()
        elif bug.layer == "activation":
            twin.activations = [bug.replacement() for _ in twin.activations]
        else:
            twin.affines = [bug.replacement(a.W, a.b, a.need_dx) for a in twin.affines]
        if bug.prepare:
            bug.prepare(twin)
    twin._bind_params()
    return twin


@dataclass
class ParamCheck:
    name: str
    relative_error: float
    backprop: np.ndarray | None  # None when backprop crashed
    numerical: np.ndarray

    @property
    def passed(self) -> bool:
        return bool(np.isfinite(self.relative_error)) and self.relative_error < THRESHOLD


@dataclass
class CheckResult:
    params: dict[str, ParamCheck]
    error: str = ""  # what stopped backprop (a shape error), if anything
    near_kink: bool = False  # a ReLU input lies within 1e-3 of 0: numerical gradients unreliable

    @property
    def passed(self) -> bool:
        return not self.error and all(p.passed for p in self.params.values())


def check(net: MLP, X, T, bugs: list[str] | tuple[str, ...] = ()) -> CheckResult:
    """Gradient check of a float64 copy of net with the named bugs planted, per parameter."""
    twin = plant(net, bugs)
    X = twin.check_X(X)
    T = twin.check_T(T, X.shape[0])
    with np.errstate(all="ignore"):
        numerical = {key: numerical_gradient(lambda _: twin._loss(X, T), p)
                     for key, p in twin.params.items()}
        try:
            grads = {k: np.array(g) for k, g in twin._loss_and_gradient(X, T)[1].items()}
            error = ""
        except ValueError as exc:  # e.g. the shapes of a missing transpose do not fit
            grads, error = {}, f"Backprop crashed: {exc}"
        results = {}
        for key in twin.params:
            grad = grads.get(key)
            if grad is None or grad.shape != numerical[key].shape:
                results[key] = ParamCheck(key, float("nan"), grad, numerical[key])
            else:
                results[key] = ParamCheck(key, relative_error(grad, numerical[key]), grad, numerical[key])
        twin._loss(X, T)
        near_kink = twin.activation in ("relu", "leaky_relu") and any(
            np.abs(twin.cache[f"Z{i}"]).min() < 1e-3 for i in range(1, twin.n_layers))
    return CheckResult(results, error, near_kink)
