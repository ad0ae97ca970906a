"""What a batch holds and what the networks take.

Batch layouts (what `fit` receives):
- "unconditional": `x`, or `(x, labels)` with the labels ignored;
- "labelled": `(x, labels)`, integer class ids of shape [batch];
- "paired": `(input_image, target_image)`: the target is the real sample, the
  input its condition (pix2pix);
- unpaired `(a, b)` batches of two domains are split by `unpaired_batch`.

Generator inputs, read off the generator's `inputs`:
- "noise": one input [batch, latent_dim];
- "noise_and_condition": two inputs `[z, condition]` (class labels);
- "image": one image input [batch, H, W, C]: the generator translates.

A discriminator with two inputs takes `[x, condition]`.
"""

import keras
import numpy as np

NOISE = "noise"
NOISE_AND_CONDITION = "noise_and_condition"
IMAGE = "image"

UNCONDITIONAL = "unconditional"
LABELLED = "labelled"
PAIRED = "paired"


def _input_shapes(network):
    """The shapes of the network's inputs, a list (one entry per input)."""
    try:
        shapes = network.input_shape
    except (AttributeError, ValueError) as error:
        raise ValueError(
            f"The network {network.name!r} declares no input shape (a Sequential model without "
            "keras.Input, or a subclassed model). Start a Sequential model with keras.Input(shape) "
            "(keras.Sequential([keras.Input((latent_dim,)), ...])); wrap any other in a functional "
            "model: inputs = keras.Input(shape); keras.Model(inputs, network(inputs))."
        ) from error
    return [tuple(shape) for shape in shapes] if isinstance(shapes, list) else [tuple(shapes)]


# The batch of the symbolic inputs given to a network that declares only its input shapes: a
# subclassed network may compare its batch with a number (ProGAN's minibatch deviation groups of 4).
PROBE_BATCH = 4


def symbolic_outputs(network):
    """The network's outputs for symbolic inputs of its input shapes (KerasTensors, in its output
    structure): known before training for functional, Sequential and subclassed networks alike,
    whether or not the model records an `output`; None if Keras cannot infer them without running
    the network (then the checks that read them are skipped, as for a network that raises)."""
    declared = getattr(network, "_inputs_struct", None)  # a functional or Sequential network's inputs
    if declared is None:
        declared = [keras.KerasTensor((PROBE_BATCH,) + shape[1:]) for shape in _input_shapes(network)]
        declared = declared if len(declared) > 1 else declared[0]
    try:
        return network.compute_output_spec(declared)
    except Exception:  # noqa: BLE001 - whatever a user's call() raises on symbolic inputs
        return None


_PROBABILITY_ACTIVATIONS = {"sigmoid", "softmax"}


def probability_activation(tensor):
    """'sigmoid' or 'softmax' if the layer that makes `tensor` (looking inside nested models)
    ends in that activation, else None. Only tensors of functional and Sequential networks
    record the layer that made them; for others this returns None."""
    history = getattr(tensor, "_keras_history", None)
    while history is not None:
        layer = history[0]
        if isinstance(layer, keras.Model):
            outputs = getattr(layer, "outputs", None)
            if not outputs or len(outputs) != 1:
                return None
            history = getattr(outputs[0], "_keras_history", None)
            continue
        activation = getattr(layer, "activation", None)
        name = getattr(activation, "__name__", None)
        return name if name in _PROBABILITY_ACTIVATIONS else None
    return None


def generator_input_kind(generator):
    """NOISE, NOISE_AND_CONDITION or IMAGE, from the generator's inputs."""
    shapes = _input_shapes(generator)
    if len(shapes) == 1 and len(shapes[0]) == 2:
        return NOISE
    if len(shapes) == 1 and len(shapes[0]) == 4:
        return IMAGE
    if len(shapes) == 2 and len(shapes[0]) == 2:
        return NOISE_AND_CONDITION
    raise ValueError(
        "The generator must take noise [batch, latent_dim], noise and a condition "
        "[z, labels], or an image [batch, H, W, C]; its inputs have shapes "
        f"{shapes}."
    )


def takes_condition(discriminator):
    """Whether the discriminator takes `[x, condition]` (two inputs)."""
    count = len(_input_shapes(discriminator))
    if count > 2:
        raise ValueError(
            f"The discriminator takes {count} inputs; it must take x or [x, condition]."
        )
    return count == 2


def checked_latent_dim(generator, latent_dim):
    """The size of z: the generator's, checked against an explicit `latent_dim`."""
    kind = generator_input_kind(generator)
    if kind == IMAGE:
        if latent_dim is not None:
            raise ValueError("The generator translates images and takes no noise; drop latent_dim.")
        return None
    generator_dim = _input_shapes(generator)[0][-1]
    if latent_dim is not None and generator_dim is not None and int(latent_dim) != generator_dim:
        raise ValueError(
            f"latent_dim={latent_dim} does not match the generator, which "
            f"takes latent vectors of size {generator_dim}."
        )
    resolved = latent_dim if generator_dim is None else generator_dim
    if resolved is None:
        raise ValueError("Cannot infer latent_dim from the generator; pass latent_dim.")
    return int(resolved)


def check_networks_fit_together(generator, discriminator):
    """Raises if the discriminator cannot score the generator's samples: the networks swapped
    (the generator scores, the discriminator makes the generator's inputs), or the shape of the
    discriminator's examples (its first input) differing from that of the generator's samples."""
    samples, scores = symbolic_outputs(generator), symbolic_outputs(discriminator)
    if samples is None or scores is None:
        return
    samples, scores = _example_shape(samples), _example_shape(scores)
    examples = _input_shapes(discriminator)[0][1:]
    if samples in ((), (1,)) and scores == _input_shapes(generator)[0][1:] and examples != samples:
        raise ValueError(
            "The generator and the discriminator look swapped: the network passed as the generator "
            f"gives one score per example and the one passed as the discriminator makes {scores} "
            "examples. Pass the generator first: Model(generator, discriminator)."
        )
    if len(examples) == len(samples) and any(
        a is not None and b is not None and a != b for a, b in zip(examples, samples)
    ):
        raise ValueError(
            f"The discriminator takes examples of shape {examples}, but the generator makes samples "
            f"of shape {samples}: make the generator's output and the discriminator's (first) input agree."
        )


def _example_shape(outputs):
    """The per-example shape of a network's single (or first) output."""
    first = keras.tree.flatten(outputs)[0]
    return tuple(first.shape[1:])


def batch_layout(generator_kind, discriminator_takes_condition):
    """The layout `fit` expects for these networks."""
    if generator_kind == IMAGE:
        return PAIRED
    if generator_kind == NOISE_AND_CONDITION or discriminator_takes_condition:
        return LABELLED
    return UNCONDITIONAL


def unpack_batch(data, layout):
    """(real samples as float32, condition or None) of a `train_step` batch."""
    x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
    if layout == UNCONDITIONAL:
        return keras.ops.cast(x, "float32"), None
    if y is None:
        expected = "(x, labels)" if layout == LABELLED else "(input_image, target_image)"
        raise ValueError(f"These networks need {expected} batches; the batch holds one tensor.")
    if layout == LABELLED:
        return keras.ops.cast(x, "float32"), y
    return keras.ops.cast(y, "float32"), keras.ops.cast(x, "float32")


def unpaired_batch(data):
    """(a, b) of an unpaired batch of two domains, as float32."""
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise ValueError("Unpaired training takes (a, b) batches: one batch from each domain.")
    return keras.ops.cast(data[0], "float32"), keras.ops.cast(data[1], "float32")


def checked_sample_count(num_samples):
    """`num_samples` as an int, raising unless it is a positive whole number."""
    if isinstance(num_samples, (bool, np.bool_)) or not isinstance(num_samples, (int, np.integer)) or num_samples < 1:
        raise ValueError(f"The number of samples must be a positive integer, got {num_samples!r}.")
    return int(num_samples)


def checked_class_labels(labels, num_samples, num_classes):
    """`labels` (one per sample, or one for all) as int32 numpy of [num_samples], each in
    [0, num_classes) when that is known."""
    labels = np.broadcast_to(np.asarray(labels, dtype="int32"), (num_samples,))
    if num_classes is not None and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"labels must lie in [0, {num_classes}), got {labels.min()}..{labels.max()}.")
    return labels
