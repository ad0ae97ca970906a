"""BEGAN's networks (Berthelot et al. 2017, "BEGAN: Boundary equilibrium
generative adversarial networks", arXiv:1703.10717, figure 1).

The discriminator is an autoencoder: an encoder of 3x3 ELU convolutions whose
width grows linearly (n, 2n, 3n, ...) at every stride-2 subsampling, a fully
connected embedding of size h, and a decoder that mirrors it with
nearest-neighbour upsampling. The generator has the decoder's architecture
(its own weights). No BatchNorm anywhere.

`skip_connections=True` is the paper's optional improvement (section 3.5.1):
each decoder block after an upsampling also sees the first projected tensor
h0, nearest-upsampled to its size and concatenated on the channels, which
the paper found to improve gradient propagation and sharpness.

`minibatch_stddev_channels=c` is not in the BEGAN paper: it appends c maps
of ProGAN's minibatch standard deviation (Karras et al. 2018, section 3;
groups of 4; c > 1 as in StyleGAN2; "per_feature" for one map per feature)
to the input of the encoder's last block, so the reconstruction of a batch
of look-alike fakes can differ from that of a varied real batch. BEGAN's
equilibrium only fixes the mean reconstruction loss, which a generator of
easy-to-reconstruct modes (MNIST's 1s) can meet; the statistic lets the
discriminator penalise such a batch. Real and fake batches go through the
discriminator separately, so groups never mix them.

Both decoders end in a linear convolution, as in the paper (a tanh output
saturates and stalls the generator, whose only signal is the
discriminator's reconstruction error); `BEGAN.generate` clips samples to
[-1, 1].
"""

import keras

from kerasgan.architectures.dcgan import seed_size_and_blocks
from kerasgan.layers import MinibatchStdDev


def _square_side(image_shape):
    if len(image_shape) != 3 or image_shape[0] != image_shape[1]:
        raise ValueError(
            f"BEGAN networks need a square (height, width, channels) image shape, got {tuple(image_shape)}."
        )
    return int(image_shape[0])


def _conv(filters, name, strides=1, activation="elu"):
    return keras.layers.Conv2D(filters, 3, strides=strides, padding="same", activation=activation, name=name)


def _decoder_body(x, image_shape, filters, convs_per_block, skip_connections, prefix):
    seed, blocks = seed_size_and_blocks(_square_side(image_shape))
    x = keras.layers.Dense(seed * seed * filters, name=f"{prefix}_project")(x)
    h0 = x = keras.layers.Reshape((seed, seed, filters))(x)
    for block in range(blocks + 1):
        if skip_connections and block > 0:
            upsample_h0 = keras.layers.UpSampling2D(2**block, interpolation="nearest", name=f"{prefix}_h0_up{block}")
            upsampled_h0 = upsample_h0(h0)
            x = keras.layers.Concatenate(name=f"{prefix}_skip{block}")([x, upsampled_h0])
        for index in range(convs_per_block):
            x = _conv(filters, f"{prefix}_block{block}_conv{index}")(x)
        if block < blocks:
            x = keras.layers.UpSampling2D(interpolation="nearest", name=f"{prefix}_upsample{block}")(x)
    return _conv(image_shape[-1], f"{prefix}_to_image", activation=None)(x)


def began_generator(
    image_shape=(28, 28, 1),
    latent_dim=64,
    filters=64,
    convs_per_block=2,
    skip_connections=False,
    name="began_generator",
):
    """The decoder architecture from z to an image (linear output)."""
    z = keras.Input((latent_dim,), name="z")
    image = _decoder_body(z, image_shape, filters, convs_per_block, skip_connections, "generator")
    return keras.Model(z, image, name=name)


def began_discriminator(
    image_shape=(28, 28, 1),
    embedding_dim=64,
    filters=64,
    convs_per_block=2,
    skip_connections=False,
    minibatch_stddev_channels=0,
    name="began_discriminator",
):
    """The autoencoder discriminator: image -> h-dimensional embedding -> image."""
    _, blocks = seed_size_and_blocks(_square_side(image_shape))
    image = keras.Input(tuple(image_shape), name="image")
    x = _conv(filters, "encoder_input_conv")(image)
    for block in range(blocks + 1):
        if minibatch_stddev_channels and block == blocks:
            stddev = MinibatchStdDev(num_channels=minibatch_stddev_channels, name="encoder_minibatch_stddev")
            x = stddev(x)
        for index in range(convs_per_block):
            x = _conv(filters * (block + 1), f"encoder_block{block}_conv{index}")(x)
        if block < blocks:
            x = _conv(filters * (block + 2), f"encoder_subsample{block}", strides=2)(x)
    embedding = keras.layers.Dense(embedding_dim, name="embedding")(keras.layers.Flatten()(x))
    reconstruction = _decoder_body(embedding, image_shape, filters, convs_per_block, skip_connections, "decoder")
    return keras.Model(image, reconstruction, name=name)
