"""DCGAN networks (Radford et al. 2015, "Unsupervised representation learning
with deep convolutional generative adversarial networks").

The paper's design rules: strided (transposed) convolutions instead of
pooling, BatchNorm in both networks except at the generator output and the
discriminator input, ReLU in the generator with tanh at its output,
LeakyReLU(0.2) in the discriminator, no hidden fully connected layers, and
weights drawn from N(0, 0.02).

One builder serves 28x28, 32x32, 64x64 (any square size that halves down to
a 4..7 pixel seed): the generator upsamples a projected seed by 2 per block,
the discriminator mirrors it.
"""

import keras

from kerasgan.architectures.normalization import batch_normalization
from kerasgan.architectures.normalization import discriminator_normalization
from kerasgan.architectures.normalization import maybe_spectral_norm
from kerasgan.layers import DropReferenceBatch
from kerasgan.layers import MinibatchDiscrimination
from kerasgan.layers import PrependReferenceBatch
from kerasgan.layers import SelfAttention
from kerasgan.layers import VirtualBatchNormalization

DCGAN_INIT_STDDEV = 0.02


def weight_init():
    """N(0, 0.02), the initialisation of DCGAN, pix2pix and CycleGAN."""
    return keras.initializers.RandomNormal(stddev=DCGAN_INIT_STDDEV)


def seed_size_and_blocks(image_size):
    """Returns (seed_size, num_upsampling_blocks) for a square image side.

    The side is halved while it stays even and at least 4: 28 -> 7 with 2
    blocks, 32 -> 4 with 3, 64 -> 4 with 4.
    """
    seed, blocks = int(image_size), 0
    while seed % 2 == 0 and seed // 2 >= 4:
        seed //= 2
        blocks += 1
    if blocks == 0:
        raise ValueError(
            f"Image size {image_size} cannot be reached by stride-2 "
            "upsampling from a seed of at least 4 pixels; use a size such as "
            "28, 32 or 64."
        )
    return seed, blocks


def _check_square(image_shape):
    if len(image_shape) != 3 or image_shape[0] != image_shape[1]:
        raise ValueError(
            "DCGAN networks need a square (height, width, channels) image "
            f"shape, got {tuple(image_shape)}."
        )


def dcgan_generator(
    image_shape=(28, 28, 1),
    latent_dim=100,
    base_filters=64,
    synchronized_batchnorm=True,
    virtual_batch_size=None,
    name="dcgan_generator",
):
    """z -> image in [-1, 1] of `image_shape`.

    `synchronized_batchnorm` computes BatchNorm statistics over the global
    batch under a `tf.distribute` strategy (per replica otherwise); on one
    device it is ordinary BatchNorm. `virtual_batch_size=R` replaces
    BatchNorm by virtual batch normalisation against a reference batch of R
    latents drawn once (`kerasgan.layers.VirtualBatchNormalization`).
    """
    z = keras.Input((latent_dim,), name="z")
    if virtual_batch_size is None:
        return keras.Model(z, generator_body(z, image_shape, base_filters, synchronized_batchnorm), name=name)
    return with_reference_batch(
        z,
        lambda rows: generator_body(
            rows, image_shape, base_filters, normalize=lambda x: VirtualBatchNormalization(virtual_batch_size)(x)
        ),
        virtual_batch_size,
        name,
    )


def with_reference_batch(z, body, reference_size, name):
    """The generator z -> body([reference latents; z]) without the reference rows: what a generator
    with virtual batch normalisation runs (Salimans et al. 2016, section 3.4)."""
    rows = PrependReferenceBatch(reference_size, name="reference_batch")(z)
    return keras.Model(z, DropReferenceBatch(reference_size)(body(rows)), name=name)


def generator_body(
    code, image_shape, base_filters=64, synchronized_batchnorm=True, kernel_regularizer=None, normalize=None,
    self_attention=False,
):
    """The DCGAN generator from a code vector (z, or z with a label embedding) to the image.

    `normalize(x)` replaces the BatchNorm after each block (BigGAN's
    class-conditional BatchNorm); `self_attention` adds a
    `kerasgan.layers.SelfAttention` block after the first upsampling, as
    SAGAN and BigGAN place one at an intermediate resolution.
    """
    _check_square(image_shape)
    seed, blocks = seed_size_and_blocks(image_shape[0])
    filters = base_filters * 2 ** (blocks - 1)
    if normalize is None:
        normalize = lambda x: batch_normalization(synchronized_batchnorm)(x)  # noqa: E731
    x = keras.layers.Dense(
        seed * seed * filters, use_bias=False, kernel_initializer=weight_init(), kernel_regularizer=kernel_regularizer
    )(code)
    x = keras.layers.Reshape((seed, seed, filters))(x)
    x = keras.layers.ReLU()(normalize(x))
    for block in range(blocks - 1):
        filters //= 2
        x = keras.layers.Conv2DTranspose(
            filters,
            4,
            strides=2,
            padding="same",
            use_bias=False,
            kernel_initializer=weight_init(),
            kernel_regularizer=kernel_regularizer,
        )(x)
        x = keras.layers.ReLU()(normalize(x))
        if self_attention and block == 0:
            x = SelfAttention()(x)
    return keras.layers.Conv2DTranspose(
        image_shape[-1],
        4,
        strides=2,
        padding="same",
        activation="tanh",
        kernel_initializer=weight_init(),
        kernel_regularizer=kernel_regularizer,
        name="image",
    )(x)


def dcgan_discriminator(
    image_shape=(28, 28, 1),
    base_filters=64,
    normalization="batch",
    spectral_norm=False,
    synchronized_batchnorm=True,
    output_units=1,
    minibatch_discrimination=False,
    name="dcgan_discriminator",
):
    """image -> one unbounded score (a logit for the minimax losses), or `output_units` features.

    Args:
        normalization: "batch" (the DCGAN paper), "layer" (for critics with a
            gradient penalty, which must not use BatchNorm) or None.
        spectral_norm: wrap every kernel in `keras.layers.SpectralNormalization`
            (Miyato et al. 2018).
        output_units: width of the linear output (1: a score; Cramer GAN's
            critic maps to a feature vector).
        minibatch_discrimination: put `kerasgan.layers.MinibatchDiscrimination`
            before the output (Salimans et al. 2016, section 3.2).
    The flattened features before the output are the layer "features" (what
    feature matching compares by default).
    """
    image = keras.Input(tuple(image_shape), name="image")
    features = discriminator_features(image, image_shape, base_filters, normalization, spectral_norm, synchronized_batchnorm)
    if minibatch_discrimination:
        features = MinibatchDiscrimination()(features)
    return keras.Model(image, score_layer(spectral_norm, units=output_units)(features), name=name)


def discriminator_features(
    x, image_shape, base_filters=64, normalization="batch", spectral_norm=False, synchronized_batchnorm=True
):
    """The DCGAN discriminator's strided convolutions from `x` to its flattened last features."""
    _check_square(image_shape)
    _, blocks = seed_size_and_blocks(image_shape[0])
    filters = base_filters
    for block in range(blocks):
        conv = keras.layers.Conv2D(
            filters,
            4,
            strides=2,
            padding="same",
            use_bias=block == 0 or normalization is None,
            kernel_initializer=weight_init(),
        )
        x = maybe_spectral_norm(conv, spectral_norm)(x)
        if block > 0:  # no normalisation at the discriminator input
            x = discriminator_normalization(normalization, synchronized_batchnorm)(x)
        x = keras.layers.LeakyReLU(0.2)(x)
        filters *= 2
    return keras.layers.Flatten(name="features")(x)


def score_layer(spectral_norm=False, name=None, units=1):
    """The discriminator's linear output: one score per example (or `units` values)."""
    return maybe_spectral_norm(keras.layers.Dense(units, kernel_initializer=weight_init(), name=name), spectral_norm)
