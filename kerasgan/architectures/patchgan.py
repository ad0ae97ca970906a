"""The PatchGAN discriminator of pix2pix and CycleGAN (Isola et al. 2017, section 2.2.2 and
appendix 6.1.2): a fully convolutional network whose every output scores one overlapping patch
of the input as real or fake.

C64-C128-C256-C512 (4x4 convolutions, the first three with stride 2, the
last with stride 1), then a 4x4 convolution to one channel: each score sees
a 70x70 patch. LeakyReLU(0.2), no normalisation on the first layer,
instance normalisation on the others (see `kerasgan.architectures.unet`),
linear scores: the losses apply the sigmoid (pix2pix) or none
(CycleGAN's least squares).
"""

import keras

from kerasgan.architectures.dcgan import weight_init
from kerasgan.architectures.normalization import instance_normalization


def patch_discriminator(image_shape=(128, 128, 3), condition_shape=None, base_filters=64, downsamplings=3,
                        name="patch_discriminator"):
    """image (or [image, condition image]) -> [batch, H', W', 1] patch scores.

    Args:
        condition_shape: shape of the input image a conditional discriminator
            sees beside the image (pix2pix: the pair is concatenated along the
            channels); None for an unconditional one (CycleGAN).
        downsamplings: stride-2 layers; 3 gives 70x70 patches, 1 gives
            16x16 and 0 a 1x1 "PixelGAN".
    """
    image = keras.Input(tuple(image_shape), name="image")
    if condition_shape is None:
        inputs, x = image, image
    else:
        condition = keras.Input(tuple(condition_shape), name="condition")
        inputs, x = [image, condition], keras.layers.Concatenate()([condition, image])
    filters = base_filters
    for layer in range(downsamplings + 1):
        x = keras.layers.Conv2D(
            filters, 4, strides=2 if layer < downsamplings else 1, padding="same", use_bias=layer == 0,
            kernel_initializer=weight_init(),
        )(x)
        if layer > 0:
            x = instance_normalization()(x)
        x = keras.layers.LeakyReLU(0.2)(x)
        filters = min(filters * 2, 8 * base_filters)
    scores = keras.layers.Conv2D(1, 4, padding="same", kernel_initializer=weight_init(), name="patch_scores")(x)
    return keras.Model(inputs, scores, name=name)
