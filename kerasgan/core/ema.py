"""An exponential moving average of a network's weights.

Karras et al. 2018 (ProGAN, section 4) and Brock et al. 2019 (BigGAN, "EMA of
weights") sample from an average of the generator's weights. Trainable
weights are averaged; non-trainable ones (BatchNorm statistics) are copied,
as StyleGAN2's code does with buffers.
"""


def checked_decay(decay):
    """`decay` as a float in [0, 1), or None (no average)."""
    if decay is None:
        return None
    if not 0.0 <= decay < 1.0:
        raise ValueError(f"ema_decay must be None or in [0, 1), got {decay}.")
    return float(decay)


def frozen_copy(network):
    """A non-trainable copy of `network` with its current weights."""
    try:
        copy = network.__class__.from_config(network.get_config())
    except (NotImplementedError, TypeError) as error:
        raise ValueError(
            "ema_decay needs a generator that can be rebuilt from its config "
            f"(get_config/from_config); {type(network).__name__} cannot: {error}"
        ) from error
    copy.set_weights(network.get_weights())
    copy.trainable = False
    return copy


def move_average(average, network, decay):
    """average <- decay * average + (1 - decay) * network for trainable weights; copies the rest."""
    trainable = {id(weight) for weight in network.trainable_weights}
    for averaged, current in zip(average.weights, network.weights):
        if id(current) in trainable:
            averaged.assign(current + decay * (averaged - current))
        else:
            averaged.assign(current)
