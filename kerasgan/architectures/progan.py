"""ProGAN's growing networks (Karras et al. 2018, "Progressive growing of GANs
for improved quality, stability, and variation", arXiv:1710.10196, table 2).

Both networks are built for every resolution 4x4 ... `resolution` at once;
`set_stage(s)` selects the part that runs (stage s works at 4 * 2^s pixels)
and marks only that part trainable. As in the official code, images are
always exchanged at full resolution: the generator upsamples its output
(nearest neighbour) and the discriminator average-pools its input down to the
stage's resolution. While a stage fades in, the new block's output is blended
with the previous stage's by `alpha` (a non-trainable weight, saved with the
network), so at alpha = 0 a grown network computes what the previous stage
computed.

Generator: PixelNorm on z, an equalised dense layer to 4x4 (gain sqrt(2)/4),
then per stage nearest upsampling and two 3x3 equalised convolutions, each
followed by LeakyReLU(0.2) and PixelNorm; to-RGB is a linear 1x1 convolution.
Discriminator: from-RGB 1x1 convolutions, per stage two 3x3 convolutions and
2x2 average pooling, and at 4x4 minibatch standard deviation, a 3x3
convolution and two dense layers; LeakyReLU(0.2) throughout, no
normalisation.
"""

import math

import keras

from kerasgan.layers import EqualizedConv2D, EqualizedDense, MinibatchStdDev, PixelNormalization

BASE_RESOLUTION = 4


def num_stages_for(resolution):
    """Number of stages from 4x4 to `resolution` (a power of two, at least 8)."""
    stages = math.log2(resolution / BASE_RESOLUTION) + 1 if resolution > 0 else 0
    if resolution < 2 * BASE_RESOLUTION or stages != int(stages):
        raise ValueError(f"ProGAN resolutions are powers of two from 8 up, got {resolution}.")
    return int(stages)


def default_filters(num_stages, max_filters=128, filter_base=512):
    """Feature maps per stage, halving from `max_filters` as the resolution grows."""
    return tuple(min(max_filters, filter_base >> stage) for stage in range(num_stages))


def downsample(images, factor):
    """Average pooling by `factor` (box filter), NHWC."""
    if factor == 1:
        return images
    return keras.ops.average_pool(images, factor, strides=factor, padding="valid")


def upsample(images, factor):
    """Nearest-neighbour upsampling by `factor`, NHWC."""
    if factor == 1:
        return images
    return keras.ops.repeat(keras.ops.repeat(images, factor, axis=1), factor, axis=2)


def lerp(start, end, alpha):
    return start + (end - start) * alpha


def _activation(name):
    return keras.layers.LeakyReLU(0.2, name=name)


class _ProgressiveNetwork(keras.Model):
    """Stage bookkeeping shared by the two growing networks."""

    def __init__(self, resolution, channels, filters, stage, **kwargs):
        super().__init__(**kwargs)
        self.resolution = int(resolution)
        self.channels = int(channels)
        self.num_stages = num_stages_for(self.resolution)
        self.filters = tuple(filters) if filters is not None else default_filters(self.num_stages)
        if len(self.filters) != self.num_stages:
            raise ValueError(
                f"filters needs one entry per stage ({self.num_stages} for {resolution}x{resolution}), "
                f"got {len(self.filters)}."
            )
        self.alpha = self.add_weight(shape=(), initializer="ones", trainable=False, name="alpha")
        self._initial_stage = int(stage)

    def stage_resolution(self, stage=None):
        return BASE_RESOLUTION * 2 ** (self.stage if stage is None else stage)

    def _finish_construction(self):
        self.built = True  # the layers are built below, by running every stage once
        for stage in range(self.num_stages):  # create every stage's weights now
            self.stage = stage
            self._build_stage()
        self.set_stage(self._initial_stage)

    def set_stage(self, stage):
        """Selects the stage that runs and is trained (0 is 4x4)."""
        if not 0 <= stage < self.num_stages:
            raise ValueError(f"stage must be in [0, {self.num_stages - 1}], got {stage}.")
        self.stage = int(stage)
        for index, block in enumerate(self.blocks):
            block.trainable = index <= stage
        for index, converter in enumerate(self.rgb_converters):
            converter.trainable = index in (stage, stage - 1)

    def get_config(self):
        return {
            "name": self.name,
            "resolution": self.resolution,
            "channels": self.channels,
            "filters": list(self.filters),
            "stage": self.stage,
        }


@keras.saving.register_keras_serializable(package="kerasgan")
class ProgressiveGenerator(_ProgressiveNetwork):
    """z of shape [batch, latent_dim] -> images [batch, resolution, resolution, channels]."""

    def __init__(self, resolution=32, channels=1, latent_dim=128, filters=None, stage=0, **kwargs):
        kwargs.setdefault("name", "progressive_generator")
        super().__init__(resolution, channels, filters, stage, **kwargs)
        self.latent_dim = int(latent_dim)
        self.normalize_latent = PixelNormalization(name="normalize_z")
        first = self.filters[0]
        self.blocks = [
            keras.Sequential(
                [
                    EqualizedDense(BASE_RESOLUTION * BASE_RESOLUTION * first, gain=2**0.5 / 4, name="dense"),
                    keras.layers.Reshape((BASE_RESOLUTION, BASE_RESOLUTION, first)),
                    _activation("dense_lrelu"),
                    PixelNormalization(name="dense_pixel_norm"),
                    *self._conv_unit(first, "conv"),
                ],
                name="block_4x4",
            )
        ]
        for stage in range(1, self.num_stages):
            side = self.stage_resolution(stage)
            self.blocks.append(
                keras.Sequential(
                    [
                        keras.layers.UpSampling2D(interpolation="nearest", name="upsample"),
                        *self._conv_unit(self.filters[stage], "conv0"),
                        *self._conv_unit(self.filters[stage], "conv1"),
                    ],
                    name=f"block_{side}x{side}",
                )
            )
        self.rgb_converters = [
            EqualizedConv2D(self.channels, 1, gain=1.0, name=f"to_rgb_{self.stage_resolution(s)}")
            for s in range(self.num_stages)
        ]
        self._finish_construction()

    @staticmethod
    def _conv_unit(filters, name):
        return [
            EqualizedConv2D(filters, 3, name=name),
            _activation(f"{name}_lrelu"),
            PixelNormalization(name=f"{name}_pixel_norm"),
        ]

    @property
    def input_shape(self):
        return (None, self.latent_dim)

    @property
    def output_shape(self):
        return (None, self.resolution, self.resolution, self.channels)

    def _build_stage(self):
        self(keras.ops.zeros((1, self.latent_dim)))

    def call(self, z, training=False):
        features = self.blocks[0](self.normalize_latent(z), training=training)
        for block in self.blocks[1 : self.stage]:
            features = block(features, training=training)
        if self.stage == 0:
            images = self.rgb_converters[0](features)
        else:
            previous = upsample(self.rgb_converters[self.stage - 1](features), 2)
            features = self.blocks[self.stage](features, training=training)
            images = lerp(previous, self.rgb_converters[self.stage](features), self.alpha)
        return upsample(images, self.resolution // self.stage_resolution())

    def get_config(self):
        return {**super().get_config(), "latent_dim": self.latent_dim}


@keras.saving.register_keras_serializable(package="kerasgan")
class ProgressiveDiscriminator(_ProgressiveNetwork):
    """Images [batch, resolution, resolution, channels] -> scores [batch, 1]."""

    def __init__(self, resolution=32, channels=1, filters=None, group_size=4, stage=0, **kwargs):
        kwargs.setdefault("name", "progressive_discriminator")
        super().__init__(resolution, channels, filters, stage, **kwargs)
        self.group_size = int(group_size)
        first = self.filters[0]
        self.blocks = [
            keras.Sequential(
                [
                    MinibatchStdDev(self.group_size, name="minibatch_stddev"),
                    EqualizedConv2D(first, 3, name="conv"),
                    _activation("conv_lrelu"),
                    keras.layers.Flatten(),
                    EqualizedDense(first, name="dense"),
                    _activation("dense_lrelu"),
                    EqualizedDense(1, gain=1.0, name="score"),
                ],
                name="block_4x4",
            )
        ]
        for stage in range(1, self.num_stages):
            side = self.stage_resolution(stage)
            self.blocks.append(
                keras.Sequential(
                    [
                        EqualizedConv2D(self.filters[stage], 3, name="conv0"),
                        _activation("conv0_lrelu"),
                        EqualizedConv2D(self.filters[stage - 1], 3, name="conv1"),
                        _activation("conv1_lrelu"),
                        keras.layers.AveragePooling2D(2, name="downsample"),
                    ],
                    name=f"block_{side}x{side}",
                )
            )
        self.rgb_converters = [
            keras.Sequential(
                [EqualizedConv2D(self.filters[s], 1, name="conv"), _activation("lrelu")],
                name=f"from_rgb_{self.stage_resolution(s)}",
            )
            for s in range(self.num_stages)
        ]
        self._finish_construction()

    @property
    def input_shape(self):
        return (None, self.resolution, self.resolution, self.channels)

    @property
    def output_shape(self):
        return (None, 1)

    def _build_stage(self):
        self(keras.ops.zeros((self.group_size, self.resolution, self.resolution, self.channels)))

    def call(self, images, training=False):
        images = downsample(images, self.resolution // self.stage_resolution())
        features = self.rgb_converters[self.stage](images)
        if self.stage > 0:
            features = self.blocks[self.stage](features, training=training)
            previous = self.rgb_converters[self.stage - 1](downsample(images, 2))
            features = lerp(previous, features, self.alpha)
            for block in reversed(self.blocks[1 : self.stage]):
                features = block(features, training=training)
        return self.blocks[0](features, training=training)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size}
