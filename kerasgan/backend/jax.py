"""JAX mechanics of training: gradients through `jax.vjp`, Keras' stateless train step.

Keras' JAX trainer calls `train_step(state, data)` with the model's variable
values and expects the new values back: nothing may be assigned in place.
kerasgan's algorithms are written as ordinary stateful code (networks update,
BEGAN's k_t moves, the noise state advances); `adapt_train_step`
runs that code inside a `keras.StatelessScope` that maps every variable of
the model, including every role's optimizer variables, to the values in the
state, and returns the values the step assigned. Gradients are taken with
`jax.vjp` on the values of the variables they concern.

Under `keras.distribution.DataParallel` a step sees the global batch (JAX
shards it): the replica helpers are those of `kerasgan.backend.one_replica`.
"""

import contextlib

import jax
import keras
from keras import ops

# The replica helpers of a step that sees the whole global batch.
from kerasgan.backend.one_replica import *  # noqa: F401,F403

def default_jit_compile(model):
    """Always: Keras' JAX trainer is built for jitted steps, and stateless draws keep seeds exact."""
    return True


def variable_creation_scope(model):
    """Nothing to enter: `keras.distribution` lays out variables wherever they are made."""
    return contextlib.nullcontext()


def _scope():
    return keras.src.backend.common.stateless_scope.get_stateless_scope()


def _value(variable):
    scope = _scope()
    current = None if scope is None else scope.get_current_value(variable)
    return variable.value if current is None else current


def _run_with_values(function, variables, values):
    """Runs `function()` with `variables` read as `values`; returns (result, the assignments it made)."""
    outer = _scope()
    inner = keras.StatelessScope()
    if outer is not None:
        inner.state_mapping = dict(outer.state_mapping)
    for variable, value in zip(variables, values):
        inner.state_mapping[id(variable)] = value
    before = dict(inner.state_mapping)
    with inner:
        result = function()
    assigned = {key: value for key, value in inner.state_mapping.items() if before.get(key) is not value}
    return result, assigned


def losses_and_gradients(loss_fn, variable_lists):
    """Gradients of several losses from one forward pass (see the TensorFlow module)."""
    variables = [variable for group in variable_lists for variable in group]
    values = [_value(variable) for variable in variables]
    differentiated = {id(variable) for variable in variables}

    def forward(current_values):
        (losses, aux), assigned = _run_with_values(loss_fn, variables, current_values)
        assigned = {key: value for key, value in assigned.items() if key not in differentiated}
        return tuple(losses), (aux, assigned)

    losses, pullback, (aux, assigned) = jax.vjp(forward, values, has_aux=True)
    scope = _scope()
    scope.state_mapping.update(assigned)  # BatchNorm statistics, the noise state, ...
    gradients, start = [], 0
    for index, group in enumerate(variable_lists):
        cotangent = tuple(ops.ones_like(loss) if i == index else ops.zeros_like(loss) for i, loss in enumerate(losses))
        (all_gradients,) = pullback(cotangent)
        gradients.append(all_gradients[start : start + len(group)])
        start += len(group)
    return losses, aux, gradients


def input_gradients(function, inputs):
    """d sum(function(inputs)) / d inputs; assignments inside `function` are discarded."""

    def total(x):
        outputs, _ = _run_with_values(lambda: function(x), (), ())
        return ops.sum(ops.cast(outputs, "float32"))

    return jax.grad(total)(inputs)


def all_finite_or_raise(values, message):
    """Returns `values` (a jitted JAX step cannot raise: `fit` checks the first batch, and every
    batch of a `tf.data.Dataset` in its pipeline)."""
    return values


def _state_variables(model):
    optimizers = [variable for optimizer in model.named_optimizers.values() for variable in optimizer.variables]
    return [model.trainable_variables, model.non_trainable_variables, optimizers, model.metrics_variables]


class _RoleOptimizers:
    """Stands in for `model.optimizer` in Keras' JAX trainer: every role's optimizer variables."""

    built = True  # compile builds every role's optimizer

    def __init__(self, model):
        self.model = model

    @property
    def variables(self):
        return _state_variables(self.model)[2]


def adapt_train_step(model):
    """Makes Keras' JAX trainer run `model`'s stateful `train_step(data)` statelessly."""
    stateful_step = type(model).train_step

    def train_step(state, data):
        groups = _state_variables(model)
        mapping = [(variable, value) for group, values in zip(groups, state) for variable, value in zip(group, values)]
        with keras.StatelessScope(state_mapping=mapping) as scope:
            logs = stateful_step(model, data)
        new_state = tuple(
            [scope.get_current_value(variable) for variable in group] for group in groups
        )
        return logs, new_state

    object.__setattr__(model, "train_step", train_step)
    object.__setattr__(model, "optimizer", _RoleOptimizers(model))
