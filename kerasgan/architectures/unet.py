"""The pix2pix U-Net generator (Isola et al. 2017, "Image-to-image translation with conditional
adversarial networks", appendix 6.1.1).

An encoder of 4x4 stride-2 convolutions C64-C128-C256-C512-C512-... down to
1x1 (eight levels at 256x256, seven at 128, six at 64), a decoder of
transposed convolutions that mirrors it, and a skip connection from every
encoder level to the decoder level of the same size (channels concatenated).
Encoder activations are LeakyReLU(0.2), decoder ones ReLU, the output tanh.
The first three decoder levels apply dropout 0.5 at training and test time:
the generator's only noise (the paper gives it no z).

Normalisation is instance normalisation: the paper trains facades at batch
size 1 with BatchNorm using the test batch's statistics at test time, which
is instance normalisation; computing it per example keeps that behaviour at
any batch size. As in the paper, the first encoder level has none, and so
does the 1x1 bottleneck, where normalising one pixel would zero it (the
reference PyTorch port leaves it out there too).
"""

import math

import keras

from kerasgan.architectures.dcgan import weight_init
from kerasgan.architectures.normalization import instance_normalization
from kerasgan.layers import AlwaysOnDropout


def check_power_of_two_square(image_shape, smallest, network):
    """Raises unless `image_shape` is (side, side, channels) with side a power of two >= `smallest`."""
    image_shape = tuple(image_shape)
    side = image_shape[0] if len(image_shape) == 3 else None
    if len(image_shape) != 3 or image_shape[1] != side or side < smallest or side & (side - 1):
        raise ValueError(
            f"The {network} needs a square (side, side, channels) image shape with side a power of "
            f"two of at least {smallest} (such as 64, 128 or 256), got {image_shape}."
        )
    return side


def unet_generator(
    image_shape=(128, 128, 3),
    output_channels=3,
    base_filters=64,
    max_filters=512,
    dropout_rate=0.5,
    dropout_levels=3,
    seed=None,
    name="unet_generator",
):
    """input image in [-1, 1] -> translated image in [-1, 1] with `output_channels` channels.

    Args:
        image_shape: (side, side, channels) of the input, side a power of two.
        base_filters: width of the first level (64 in the paper); each level
            doubles it up to `max_filters`.
        dropout_rate, dropout_levels: the decoder's always-on dropout and how
            many of its innermost levels use it.
        seed: seed of the dropout masks (level i uses seed + i), or None.
    """
    side = check_power_of_two_square(image_shape, 4, "U-Net generator")
    depth = int(math.log2(side))
    image = keras.Input(tuple(image_shape), name="input_image")
    x, skips = image, []
    for level in range(depth):
        innermost = level == depth - 1
        normalized = 0 < level and not innermost
        x = keras.layers.Conv2D(
            min(base_filters * 2**level, max_filters), 4, strides=2, padding="same",
            use_bias=not normalized, kernel_initializer=weight_init(), name=f"encoder_{level}",
        )(x)
        if normalized:
            x = instance_normalization()(x)
        x = (keras.layers.ReLU() if innermost else keras.layers.LeakyReLU(0.2))(x)
        skips.append(x)
    for index, skip in enumerate(reversed(skips[:-1])):
        x = keras.layers.Conv2DTranspose(
            skip.shape[-1], 4, strides=2, padding="same", use_bias=False, kernel_initializer=weight_init(),
            name=f"decoder_{index}",
        )(x)
        x = instance_normalization()(x)
        if index < dropout_levels:
            x = AlwaysOnDropout(dropout_rate, seed=None if seed is None else seed + index)(x)
        x = keras.layers.Concatenate()([keras.layers.ReLU()(x), skip])
    output = keras.layers.Conv2DTranspose(
        output_channels, 4, strides=2, padding="same", activation="tanh", kernel_initializer=weight_init(),
        name="image",
    )(x)
    return keras.Model(image, output, name=name)
