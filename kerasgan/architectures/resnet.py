"""CycleGAN's ResNet generator (Zhu et al. 2017, appendix 7.2, after Johnson et al. 2016).

c7s1-64, d128, d256, R256 x n, u128, u64, c7s1-3: a 7x7 convolution, two
stride-2 3x3 convolutions down, n residual blocks of two 3x3 convolutions,
two stride-2 transposed convolutions up and a 7x7 convolution to the output
with tanh. Reflection padding around the 7x7 and residual convolutions,
instance normalisation and ReLU after every convolution but the last. The
paper uses 6 blocks at 128x128 and 9 at 256x256 and larger.
"""

import keras

from kerasgan.architectures.dcgan import weight_init
from kerasgan.architectures.normalization import instance_normalization
from kerasgan.architectures.unet import check_power_of_two_square
from kerasgan.layers import ReflectionPadding2D


def default_residual_blocks(side):
    """The paper's count: 6 residual blocks up to 128x128, 9 above."""
    return 6 if side <= 128 else 9


def _conv_norm_relu(x, filters, kernel, strides=1, reflect=0, transpose=False):
    if reflect:
        x = ReflectionPadding2D(reflect)(x)
    conv = keras.layers.Conv2DTranspose if transpose else keras.layers.Conv2D
    x = conv(
        filters, kernel, strides=strides, padding="valid" if reflect else "same", use_bias=False,
        kernel_initializer=weight_init(),
    )(x)
    return keras.layers.ReLU()(instance_normalization()(x))


def _residual_block(x):
    filters = x.shape[-1]
    y = _conv_norm_relu(x, filters, 3, reflect=1)
    y = ReflectionPadding2D(1)(y)
    y = keras.layers.Conv2D(filters, 3, use_bias=False, kernel_initializer=weight_init())(y)
    return keras.layers.Add()([x, instance_normalization()(y)])


def resnet_generator(image_shape=(128, 128, 3), output_channels=3, base_filters=64, residual_blocks=None,
                     name="resnet_generator"):
    """image in [-1, 1] -> image in [-1, 1] of the same size with `output_channels` channels.

    Args:
        base_filters: width of the first convolution (64 in the paper).
        residual_blocks: None for the paper's count (`default_residual_blocks`).
    """
    side = check_power_of_two_square(image_shape, 4, "ResNet generator")
    blocks = default_residual_blocks(side) if residual_blocks is None else int(residual_blocks)
    image = keras.Input(tuple(image_shape), name="input_image")
    x = _conv_norm_relu(image, base_filters, 7, reflect=3)
    for multiple in (2, 4):
        x = _conv_norm_relu(x, base_filters * multiple, 3, strides=2)
    for _ in range(blocks):
        x = _residual_block(x)
    for multiple in (2, 1):
        x = _conv_norm_relu(x, base_filters * multiple, 3, strides=2, transpose=True)
    x = ReflectionPadding2D(3)(x)
    output = keras.layers.Conv2D(
        output_channels, 7, activation="tanh", kernel_initializer=weight_init(), name="image"
    )(x)
    return keras.Model(image, output, name=name)
