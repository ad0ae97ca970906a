"""PyTorch mechanics of training: gradients through `torch.autograd.grad`, eager steps.

Keras' PyTorch trainer runs `train_step(data)` eagerly and statefully, as
TensorFlow's does, so nothing needs adapting, and a NaN in the data raises at
once. One process trains on one device (Keras' distribution API is JAX's).
"""

import contextlib

import torch

# The replica helpers of a step that sees the whole global batch.
from kerasgan.backend.one_replica import *  # noqa: F401,F403

def default_jit_compile(model):
    """Never: eager steps are Keras' PyTorch default."""
    return False


def adapt_train_step(model):
    """Nothing to adapt: Keras' PyTorch trainer runs `train_step(data)` as written."""


def variable_creation_scope(model):
    return contextlib.nullcontext()


def losses_and_gradients(loss_fn, variable_lists):
    """Gradients of several losses from one forward pass (see the TensorFlow module)."""
    losses, aux = loss_fn()
    gradients = []
    for index, (loss, variables) in enumerate(zip(losses, variable_lists)):
        values = [variable.value for variable in variables]
        found = torch.autograd.grad(loss, values, retain_graph=index + 1 < len(losses), allow_unused=True)
        gradients.append([torch.zeros_like(value) if gradient is None else gradient for gradient, value in zip(found, values)])
    return losses, aux, gradients


def input_gradients(function, inputs):
    """d sum(function(inputs)) / d inputs, itself differentiable (for gradient penalties)."""
    if not inputs.requires_grad:
        inputs = inputs.detach().requires_grad_(True)
    total = function(inputs).float().sum()
    (gradient,) = torch.autograd.grad(total, inputs, create_graph=True)
    return gradient


def all_finite_or_raise(values, message):
    """Returns `values`, raising `message` if any element is NaN or infinite (steps are eager)."""
    if not bool(torch.isfinite(values).all()):
        raise ValueError(message)
    return values
