"""SN-GAN's discriminator (Miyato et al. 2018, "Spectral normalization for generative
adversarial networks", Table 3(b), the "standard CNN").

Each resolution gets a 3x3 convolution at stride 1 and a 4x4 convolution at stride 2,
the filters doubling from 64 per resolution, then one more 3x3 convolution with the
filters doubled again and a linear score; LeakyReLU(0.1) throughout, no normalisation
other than the spectral normalisation of every kernel. The paper's 32x32 network halves
three times (32 -> 4, the last convolution at 512); here the number of halvings follows
the image size as DCGAN's does (28 -> 7 twice, the last convolution at 256).

Measured on 28x28 MNIST beside DCGAN's width-32 generator (docs/zoo_mnist.md): at width
32 it separates real from fake better than DCGAN's two spectrally normalised convolutions
(hinge loss 1.5-1.7 against 1.9, 2 being chance) but the samples improved slower (FID of
2,000 samples 158 against 126 after 4,000 steps), so the `hinge_mnist` recipe keeps the
shallow one.
"""

import keras

from kerasgan.architectures.dcgan import score_layer
from kerasgan.architectures.dcgan import seed_size_and_blocks
from kerasgan.architectures.dcgan import weight_init

LEAKY_SLOPE = 0.1


def sngan_discriminator(image_shape=(28, 28, 1), base_filters=64, output_units=1, name="sngan_discriminator"):
    """image -> one unbounded score (or `output_units` values), every kernel spectrally normalised."""
    image = keras.Input(tuple(image_shape), name="image")
    _, blocks = seed_size_and_blocks(image_shape[0])
    x = image
    for block in range(blocks):
        filters = base_filters * 2**block
        x = spectrally_normalised_conv(filters, 3, 1)(x)
        x = spectrally_normalised_conv(filters, 4, 2)(x)
    x = spectrally_normalised_conv(base_filters * 2**blocks, 3, 1)(x)
    features = keras.layers.Flatten(name="features")(x)
    return keras.Model(image, score_layer(spectral_norm=True, units=output_units)(features), name=name)


def spectrally_normalised_conv(filters, kernel_size, strides):
    """A spectrally normalised convolution followed by LeakyReLU(0.1), as one callable."""
    conv = keras.layers.SpectralNormalization(
        keras.layers.Conv2D(filters, kernel_size, strides=strides, padding="same", kernel_initializer=weight_init())
    )
    activation = keras.layers.LeakyReLU(LEAKY_SLOPE)
    return lambda x: activation(conv(x))
