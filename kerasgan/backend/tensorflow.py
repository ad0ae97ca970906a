"""TensorFlow mechanics of training: GradientTape, replica context, merge_call, assertions.

Replicas: Keras sums gradients across the replicas of a `tf.distribute`
strategy, so a loss must be the *global*-batch mean (this replica's sum
divided by the global batch). Random draws are made for the whole global
batch from the shared seed state and each replica keeps its own rows, so
replicas never share noise and N replicas compute exactly what one device
computes on the same global batch.
"""

import tensorflow as tf

def default_jit_compile(model):
    """XLA where the model measured faster with it (`model.xla_on_tensorflow`) and it runs on one
    replica: under a strategy on CPU, XLA cannot reach variables on the other devices."""
    return bool(model.xla_on_tensorflow) and model.distribute_strategy.num_replicas_in_sync == 1


def adapt_train_step(model):
    """Keras' TensorFlow trainer runs `train_step(data)` as written, except under
    `MultiWorkerMirroredStrategy`: there Keras 3 averages the logs across workers along axis 0
    and fails on scalars ("Invalid reduction dimension 0", tensorflow#72388), so the logs go to
    it as 1-element vectors (global means, the same on every replica) and come back scalars."""
    if not isinstance(model.distribute_strategy, tf.distribute.MultiWorkerMirroredStrategy):
        return
    stateful_step = type(model).train_step

    def train_step(data):
        return {name: tf.reshape(value, [1]) for name, value in stateful_step(model, data).items()}

    object.__setattr__(model, "train_step", train_step)


def variable_creation_scope(model):
    """Where variables made mid-training (fresh optimizers) must be created: the model's strategy."""
    return model.distribute_strategy.scope()


def replica_id_and_count():
    """Returns `(replica_id, num_replicas)` of the current replica context."""
    context = tf.distribute.get_replica_context()
    if context is None:  # cross-replica context: act as the only replica
        return 0, 1
    return context.replica_id_in_sync_group, context.num_replicas_in_sync


def batch_size(values):
    """This replica's batch size (a scalar tensor inside a traced step)."""
    return tf.shape(values)[0]


def global_batch_mean(per_example):
    """Mean of per-example values over the global batch.

    `per_example` has shape [local_batch, ...]; non-batch axes are averaged
    first. The result is this replica's share of the global mean, so that the
    gradients Keras sums across replicas equal the single-device gradient.
    """
    per_example = tf.cast(per_example, tf.float32)
    if per_example.shape.rank > 1:
        per_example = tf.reduce_mean(per_example, axis=list(range(1, per_example.shape.rank)))
    return tf.nn.compute_average_loss(per_example)


def local_mean(per_example):
    """Mean over this replica's examples, for Mean trackers.

    Keras metric variables are summed across replicas on read, so the tracker
    shows the average of the replicas' local means: the global-batch mean.
    """
    return tf.reduce_mean(tf.cast(per_example, tf.float32))


def replica_rows(draw, local_batch):
    """Draws `draw(global_batch)` and returns this replica's rows of it.

    Args:
        draw: callable taking the global batch size and returning a tensor of
            that many rows, from a seed state shared by all replicas.
        local_batch: this replica's batch size (`batch_size(x)`).
    """
    replica_id, num_replicas = replica_id_and_count()
    if isinstance(num_replicas, int) and num_replicas == 1:
        return draw(local_batch)
    values = draw(local_batch * num_replicas)
    start = replica_id * local_batch
    return values[start : start + local_batch]


def all_gather(values):
    """The global batch of `values`: every replica's rows, in replica order, on every replica."""
    context = tf.distribute.get_replica_context()
    if context is None or context.num_replicas_in_sync == 1:
        return values
    return context.all_gather(values, axis=0)


def global_mean(values):
    """Mean of all elements of `values` over the global batch, the same on every replica.

    For quantities that drive state shared by all replicas (BEGAN's k_t), as
    opposed to `global_batch_mean`, which returns this replica's share of a loss.
    """
    values = tf.cast(values, tf.float32)
    totals = tf.stack([tf.reduce_sum(values), tf.cast(tf.size(values), tf.float32)])
    context = tf.distribute.get_replica_context()
    if context is not None and context.num_replicas_in_sync > 1:
        totals = context.all_reduce(tf.distribute.ReduceOp.SUM, totals)
    return totals[0] / totals[1]


def global_std(values):
    """Standard deviation of all elements of `values` over the global batch."""
    values = tf.cast(values, tf.float32)
    variance = global_mean(tf.square(values)) - tf.square(global_mean(values))
    return tf.sqrt(tf.maximum(variance, 0.0))


def losses_and_gradients(loss_fn, variable_lists):
    """Gradients of several losses from one forward pass.

    `loss_fn()` returns `(losses, aux)` with one scalar loss per entry of
    `variable_lists`; returns `(losses, aux, gradients)` where `gradients[i]`
    is d losses[i] / d variable_lists[i].
    """
    with tf.GradientTape(persistent=len(variable_lists) > 1) as tape:
        losses, aux = loss_fn()
    gradients = [tape.gradient(loss, variables) for loss, variables in zip(losses, variable_lists)]
    return losses, aux, gradients


def input_gradients(function, inputs):
    """d sum(function(inputs)) / d inputs: each example's own input gradient.

    Examples must be independent in `function` (no batch statistics), so
    that the gradient of the sum at example i is the gradient of its output.
    """
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        total = tf.reduce_sum(tf.cast(function(inputs), tf.float32))
    return tape.gradient(total, inputs)


def run_once_across_replicas(update):
    """Runs `update()` once per global step, in cross-replica context.

    For state shared by all replicas whose update reads replicated values
    (the generator's moving average): every replica holds the same weights,
    so running it once is what one device does.
    """
    context = tf.distribute.get_replica_context()
    if context is None:
        update()
    else:
        context.merge_call(lambda _: update())


def all_finite_or_raise(values, message):
    """Returns `values`, raising `message` at run time if any element is NaN or infinite."""
    return tf.debugging.assert_all_finite(values, message)


def divisible_batch_or_raise(values, divisor, message):
    """Returns `values`, raising `message` at run time unless this replica's batch is a multiple of `divisor`."""
    check = tf.debugging.assert_equal(tf.math.floormod(tf.shape(values)[0], divisor), 0, message=message)
    with tf.control_dependencies([check]):
        return tf.identity(values)
