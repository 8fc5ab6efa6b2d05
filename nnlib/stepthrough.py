"""One training step of an MLP as a sequence of matrix equations, read from `net.cache`.

Nothing is computed a second time: the forward and backward arrays are the ones
`MLP.gradient` produced, so what the step-through shows is exactly what trains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import layers
from .network import MLP

# f′ from the cached input Z, output A and layer of each activation, keyed like ACTIVATIONS.
DERIVATIVES = {
    "relu": lambda Z, A, layer: (Z > 0).astype(Z.dtype),
    "leaky_relu": lambda Z, A, layer: np.where(Z > 0, 1.0, layer.alpha).astype(Z.dtype),
    "sigmoid": lambda Z, A, layer: A * (1 - A),
    "tanh": lambda Z, A, layer: 1 - A**2,
    "identity": lambda Z, A, layer: np.ones_like(Z),
}
ACTIVATION_LATEX = {"relu": r"\mathrm{ReLU}", "leaky_relu": r"\mathrm{LeakyReLU}",
                    "sigmoid": r"\sigma", "tanh": r"\tanh", "identity": r"\mathrm{id}"}


@dataclass
class MatrixStep:
    phase: str  # "forward", "backward" or "update"
    name: str  # textbook name of the result: Z1, A1, Y, dZ2, dW2, …
    latex: str
    shapes: str
    matrices: dict[str, np.ndarray]  # operands then the result, by name
    layer: int  # the Affine layer in play (1 … L), 0 for the data
    code: type  # the layer class whose forward/backward does this
    note: str = ""


@dataclass
class TrainingStep:
    steps: list[MatrixStep] = field(default_factory=list)
    loss_before: float = 0.0
    loss_after: float = 0.0
    grads: dict[str, np.ndarray] = field(default_factory=dict)


def _shape(array: np.ndarray) -> str:
    return str(tuple(array.shape))


def training_step(net: MLP, X, T, lr: float) -> TrainingStep:
    """Forward, backward and one SGD update (on a copy: `net` keeps its weights)."""
    X = net.check_X(X)
    T = net.check_T(T, X.shape[0])
    loss, grads = net._loss_and_gradient(X, T)
    c, p, L = net.cache, net.params, net.n_layers
    f = ACTIVATION_LATEX[net.activation]
    activation_class = type(net.activations[0]) if net.activations else layers.Identity
    loss_class = type(net.last_layer)
    result = TrainingStep()
    add = result.steps.append
    for i in range(1, L + 1):
        A_prev, Z = c[f"A{i - 1}"], c[f"Z{i}"]
        add(MatrixStep(
            "forward", f"Z{i}", rf"Z_{i} = A_{{{i - 1}}} W_{i} + b_{i}" if i > 1 else r"Z_1 = X W_1 + b_1",
            f"{_shape(A_prev)}·{_shape(p[f'W{i}'])} + {_shape(p[f'b{i}'])} → {_shape(Z)}",
            {("X" if i == 1 else f"A{i - 1}"): A_prev, f"W{i}": p[f"W{i}"], f"b{i}": p[f"b{i}"][None, :],
             f"Z{i}": Z}, i, layers.Affine))
        if i < L:
            add(MatrixStep("forward", f"A{i}", rf"A_{i} = {f}(Z_{i})", f"{_shape(Z)} → {_shape(c[f'A{i}'])}",
                           {f"Z{i}": Z, f"A{i}": c[f"A{i}"]}, i, activation_class,
                           "applied to every entry on its own"))
    loss_latex = {
        "softmax_cross_entropy": (r"Y = \mathrm{softmax}(Z_{%d}),\quad L = -\frac{1}{N}\sum_n \log Y_{n,t_n}" % L),
        "sigmoid_binary_cross_entropy": (r"Y = \sigma(Z_{%d}),\quad L = -\frac{1}{N}\sum_n "
                                         r"t_n \log Y_n + (1 - t_n)\log(1 - Y_n)" % L),
        "mean_squared_error": (r"Y = Z_{%d},\quad L = \frac{1}{2N}\sum_n \lVert Y_n - T_n \rVert^2" % L),
    }[net.loss_name]
    add(MatrixStep("forward", "Y", loss_latex,
                   f"{_shape(c[f'Z{L}'])} → {_shape(c['Y'])} → L = {loss:.4g}",
                   {f"Z{L}": c[f"Z{L}"], "Y": c["Y"]}, L, loss_class))
    target = net.last_layer.t
    if target.ndim == 1:
        target = layers.one_hot(target, c["Y"].shape[1])
    add(MatrixStep("backward", f"dZ{L}", rf"dZ_{L} = \frac{{Y - T}}{{N}}",
                   f"({_shape(c['Y'])} − {_shape(target)}) / N → {_shape(c[f'dZ{L}'])}",
                   {"Y": c["Y"], "T": target, f"dZ{L}": c[f"dZ{L}"]}, L, loss_class,
                   "T holds the targets as one-hot rows"))
    for i in range(L, 0, -1):
        A_prev = c[f"A{i - 1}"]
        prev = "X" if i == 1 else f"A_{{{i - 1}}}"
        add(MatrixStep("backward", f"dW{i}", rf"dW_{i} = {prev}^\top dZ_{i}",
                       f"{_shape(A_prev.T)}·{_shape(c[f'dZ{i}'])} → {_shape(grads[f'W{i}'])}",
                       {("X^T" if i == 1 else f"A{i - 1}^T"): A_prev.T, f"dZ{i}": c[f"dZ{i}"],
                        f"dW{i}": grads[f"W{i}"]}, i, layers.Affine))
        add(MatrixStep("backward", f"db{i}", rf"db_{i} = \sum_n dZ_{i}",
                       f"{_shape(c[f'dZ{i}'])} → {_shape(grads[f'b{i}'])}",
                       {f"dZ{i}": c[f"dZ{i}"], f"db{i}": grads[f"b{i}"][None, :]}, i, layers.Affine,
                       "summed over the samples of the batch"))
        if i > 1:
            dA = c[f"dA{i - 1}"]
            add(MatrixStep("backward", f"dA{i - 1}", rf"dA_{{{i - 1}}} = dZ_{i} W_{i}^\top",
                           f"{_shape(c[f'dZ{i}'])}·{_shape(p[f'W{i}'].T)} → {_shape(dA)}",
                           {f"dZ{i}": c[f"dZ{i}"], f"W{i}^T": p[f"W{i}"].T, f"dA{i - 1}": dA},
                           i, layers.Affine))
            derivative = DERIVATIVES[net.activation](c[f"Z{i - 1}"], c[f"A{i - 1}"],
                                                     net.activations[i - 2])
            add(MatrixStep("backward", f"dZ{i - 1}", rf"dZ_{{{i - 1}}} = dA_{{{i - 1}}} \odot {f}'(Z_{{{i - 1}}})",
                           f"{_shape(dA)} ⊙ {_shape(derivative)} → {_shape(c[f'dZ{i - 1}'])}",
                           {f"dA{i - 1}": dA, f"f'(Z{i - 1})": derivative, f"dZ{i - 1}": c[f"dZ{i - 1}"]},
                           i - 1, activation_class, "⊙ multiplies entry by entry"))
    result.loss_before = loss
    result.grads = grads
    updated = net.copy()
    for key, value in updated.params.items():
        value -= lr * grads[key]
    result.loss_after = updated.loss(X, T)
    for i in range(1, L + 1):
        add(MatrixStep("update", f"W{i}", rf"W_{i} \leftarrow W_{i} - \eta\, dW_{i}\quad(\eta = {lr:g})",
                       f"{_shape(p[f'W{i}'])} − η·{_shape(grads[f'W{i}'])}",
                       {f"W{i} before": p[f"W{i}"], f"dW{i}": grads[f"W{i}"],
                        f"W{i} after": updated.params[f"W{i}"]}, i, layers.Affine,
                       "the biases move the same way: b ← b − η·db"))
    return result
