"""Backprop Explorer's engine: layers, an MLP, gradient checks, optimisers, a trainer, data sets.

NumPy only (scikit-learn supplies the bundled data sets); no UI code lives here.
"""

from . import datasets
from .gradcheck import gradient_check, numerical_gradient, relative_error
from .layers import ACTIVATIONS, LOSSES
from .network import INITS, MLP
from .optim import OPTIMIZERS, make_optimizer
from .train import DIVERGENCE_FACTOR, History, Trainer, evaluation_interval

__all__ = [
    "ACTIVATIONS", "DIVERGENCE_FACTOR", "History", "INITS", "LOSSES", "MLP", "OPTIMIZERS",
    "Trainer", "datasets", "gradient_check", "make_optimizer", "numerical_gradient",
    "relative_error", "evaluation_interval",
]
