"""Layers and constraints used by the GAN variants."""

import keras

from kerasgan import backend


@keras.saving.register_keras_serializable(package="kerasgan")
class ClipConstraint(keras.constraints.Constraint):
    """Clips every weight to [-clip_value, clip_value] after each update.

    The weight clipping of WGAN (Arjovsky et al. 2017, Algorithm 1, c = 0.01),
    which keeps the critic in a compact set and so K-Lipschitz for some K.
    """

    def __init__(self, clip_value=0.01):
        if clip_value <= 0:
            raise ValueError(f"clip_value must be positive, got {clip_value}.")
        self.clip_value = float(clip_value)

    def __call__(self, weights):
        return keras.ops.clip(weights, -self.clip_value, self.clip_value)

    def get_config(self):
        return {"clip_value": self.clip_value}


@keras.saving.register_keras_serializable(package="kerasgan")
class GlobalBatchNormalization(keras.layers.BatchNormalization):
    """BatchNormalization with statistics over the global batch, on every backend.

    On TensorFlow it is Keras' `synchronized=True` (statistics all-reduced
    across the replicas of a `tf.distribute` strategy). On JAX a data-parallel
    step already sees the global batch, and Keras has no `synchronized` option
    there. The config does not name the option, so a model saved on one
    backend loads on the other.
    """

    def __init__(self, **kwargs):
        kwargs.pop("synchronized", None)
        super().__init__(synchronized=keras.backend.backend() == "tensorflow", **kwargs)

    def get_config(self):
        config = super().get_config()
        config.pop("synchronized", None)
        return config


@keras.saving.register_keras_serializable(package="kerasgan")
class PixelNormalization(keras.layers.Layer):
    """Scales each pixel's feature vector to unit RMS: x / sqrt(mean_c(x^2) + eps).

    ProGAN's generator normaliser (Karras et al. 2018, section 4.2), applied
    to z and after every generator convolution in place of BatchNorm.
    """

    def __init__(self, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = float(epsilon)

    def call(self, inputs):
        mean_square = keras.ops.mean(keras.ops.square(inputs), axis=-1, keepdims=True)
        return inputs * keras.ops.rsqrt(mean_square + self.epsilon)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}


@keras.saving.register_keras_serializable(package="kerasgan")
class MinibatchStdDev(keras.layers.Layer):
    """Appends one feature map: the mean standard deviation within groups of examples.

    ProGAN's minibatch discrimination (Karras et al. 2018, section 3): split
    the batch into groups of `group_size`, take each feature's standard
    deviation over the group, average it over features and pixels, and append
    that scalar as a constant channel to every example of the group.

    Groups are consecutive examples, so a replica whose batch is a multiple
    of `group_size` forms the same groups as one device does on the global
    batch (the official code strides through the batch instead; any
    partition into groups of that size has the same statistics). Many ports
    use the whole batch as one group; the paper's default is 4. The batch
    must be a multiple of `group_size` (or smaller, forming one group).

    `num_channels` > 1 splits the features into that many equal slices and
    appends one map per slice (StyleGAN2's `mbstd_num_channels`, Karras et
    al. 2020); the paper's layer is `num_channels=1`.
    `num_channels="per_feature"` appends one map per input feature (each
    feature's standard deviation averaged over pixels only), whatever the
    input's width.
    """

    def __init__(self, group_size=4, num_channels=1, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        if int(group_size) < 2:
            raise ValueError(f"group_size must be at least 2, got {group_size}.")
        if num_channels != "per_feature" and (isinstance(num_channels, str) or int(num_channels) < 1):
            raise ValueError(f'num_channels must be at least 1 or "per_feature", got {num_channels!r}.')
        self.group_size = int(group_size)
        self.num_channels = num_channels if num_channels == "per_feature" else int(num_channels)
        self.epsilon = float(epsilon)

    def _slices(self, features):
        return features if self.num_channels == "per_feature" else self.num_channels

    def build(self, input_shape):
        if input_shape[-1] % self._slices(input_shape[-1]):
            raise ValueError(
                f"MinibatchStdDev needs features divisible by num_channels={self.num_channels}, "
                f"got {input_shape[-1]}."
            )

    def call(self, inputs):
        ops = keras.ops
        static_batch = inputs.shape[0]
        if static_batch is not None and static_batch > self.group_size and static_batch % self.group_size:
            raise ValueError(
                f"MinibatchStdDev needs a batch that is a multiple of group_size={self.group_size} "
                f"(per replica), got {static_batch}."
            )
        batch = ops.shape(inputs)[0]
        height, width, channels = inputs.shape[1:]
        # A static batch (always on JAX) keeps the group size a Python int, as reshape needs there.
        group = min(batch, self.group_size) if isinstance(batch, int) else ops.minimum(batch, self.group_size)
        slices = self._slices(channels)
        grouped = ops.reshape(inputs, (-1, group, height, width, slices, channels // slices))
        variance = ops.var(grouped, axis=1)  # [num_groups, H, W, slices, C / slices]
        stddev = ops.mean(ops.sqrt(variance + self.epsilon), axis=(1, 2, 4))  # [num_groups, slices]
        per_example = ops.repeat(stddev, group, axis=0)
        feature_maps = ops.broadcast_to(
            ops.reshape(per_example, (-1, 1, 1, slices)), (batch, height, width, slices)
        )
        return ops.concatenate([inputs, ops.cast(feature_maps, inputs.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + self._slices(input_shape[-1]))

    def get_config(self):
        settings = {"group_size": self.group_size, "num_channels": self.num_channels, "epsilon": self.epsilon}
        return {**super().get_config(), **settings}


class _EqualizedLearningRate(keras.layers.Layer):
    """Weights drawn from N(0, 1) and multiplied at run time by gain / sqrt(fan_in).

    ProGAN's equalised learning rate (Karras et al. 2018, section 4.1): with
    Adam's scale-invariant steps, every weight then learns at the same
    speed. Biases start at zero.
    """

    def __init__(self, gain=2.0**0.5, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.gain = float(gain)
        self.use_bias = bool(use_bias)

    def _build_weights(self, kernel_shape, fan_in, units):
        self.runtime_scale = self.gain / fan_in**0.5
        self.kernel = self.add_weight(
            shape=kernel_shape, initializer=keras.initializers.RandomNormal(0.0, 1.0), name="kernel"
        )
        self.bias = self.add_weight(shape=(units,), initializer="zeros", name="bias") if self.use_bias else None

    def _add_bias(self, outputs):
        return outputs if self.bias is None else outputs + self.bias

    def get_config(self):
        return {**super().get_config(), "gain": self.gain, "use_bias": self.use_bias}


@keras.saving.register_keras_serializable(package="kerasgan")
class EqualizedDense(_EqualizedLearningRate):
    """A dense layer with ProGAN's equalised learning rate."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = int(units)

    def build(self, input_shape):
        fan_in = int(input_shape[-1])
        self._build_weights((fan_in, self.units), fan_in, self.units)

    def call(self, inputs):
        return self._add_bias(keras.ops.matmul(inputs, self.kernel * self.runtime_scale))

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@keras.saving.register_keras_serializable(package="kerasgan")
class EqualizedConv2D(_EqualizedLearningRate):
    """A stride-1 'same' convolution with ProGAN's equalised learning rate."""

    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(**kwargs)
        self.filters = int(filters)
        self.kernel_size = int(kernel_size)

    def build(self, input_shape):
        channels = int(input_shape[-1])
        shape = (self.kernel_size, self.kernel_size, channels, self.filters)
        self._build_weights(shape, self.kernel_size * self.kernel_size * channels, self.filters)

    def call(self, inputs):
        outputs = keras.ops.conv(inputs, self.kernel * self.runtime_scale, padding="same")
        return self._add_bias(outputs)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size}


@keras.saving.register_keras_serializable(package="kerasgan")
class LabelChannels(keras.layers.Layer):
    """[x, labels] -> x with the labels' one-hot codes appended as channels.

    For vectors [batch, D] the code is concatenated; for images [batch, H, W,
    C] it is repeated at every pixel (one constant map per class). The input
    conditioning of Mirza & Osindero 2014, "Conditional generative adversarial
    nets", in its usual convolutional form.
    """

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)

    def call(self, inputs):
        x, labels = inputs
        codes = keras.ops.one_hot(keras.ops.cast(labels, "int32"), self.num_classes, dtype=x.dtype)
        for _ in range(len(x.shape) - 2):
            codes = keras.ops.expand_dims(codes, 1)
        codes = keras.ops.broadcast_to(codes, (*keras.ops.shape(x)[:-1], self.num_classes))
        return keras.ops.concatenate([x, codes], axis=-1)

    def compute_output_shape(self, input_shapes):
        shape = input_shapes[0]
        return (*shape[:-1], shape[-1] + self.num_classes)

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes}


@keras.saving.register_keras_serializable(package="kerasgan")
class ClassProjection(keras.layers.Layer):
    """[features, labels] -> <embed(labels), features>, shape [batch, 1].

    The projection term of Miyato & Koyama 2018, "cGANs with projection
    discriminator" (eq. 3): added to the discriminator's linear output, it
    makes D(x, y) = psi(phi(x)) + embed(y)^T phi(x). The embedding is not
    spectrally normalised here (the authors' code normalises it along with
    every other weight when the discriminator uses spectral norm).
    """

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)

    def build(self, input_shapes):
        features = input_shapes[0][-1]
        self.embedding = self.add_weight(
            shape=(self.num_classes, features), initializer="glorot_uniform", name="class_embedding"
        )

    def call(self, inputs):
        features, labels = inputs
        rows = keras.ops.take(self.embedding, keras.ops.cast(labels, "int32"), axis=0)
        return keras.ops.sum(rows * features, axis=-1, keepdims=True)

    def compute_output_shape(self, input_shapes):
        return (input_shapes[0][0], 1)

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes}


@keras.saving.register_keras_serializable(package="kerasgan")
class ConditionalBatchNormalization(keras.layers.Layer):
    """[x, condition] -> BatchNorm(x) * (1 + gain(condition)) + bias(condition), per channel.

    BigGAN's class-conditional BatchNorm (Brock et al. 2019, section 3 and
    appendix B; de Vries et al. 2017): the normalisation has no affine
    parameters of its own; each channel's gain and bias are linear maps of a
    conditioning vector, in BigGAN a class embedding shared by every block
    (with a chunk of z). The gain's map starts at zero, so at initialisation
    this is plain BatchNorm. Statistics are global-batch ones under a
    strategy (`GlobalBatchNormalization`).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.normalize = GlobalBatchNormalization(center=False, scale=False)

    def build(self, input_shapes):
        channels = input_shapes[0][-1]
        self.gain = keras.layers.Dense(channels, kernel_initializer="zeros", name="gain")
        self.bias = keras.layers.Dense(channels, kernel_initializer="zeros", name="bias")
        self.normalize.build(input_shapes[0])
        self.gain.build(input_shapes[1])
        self.bias.build(input_shapes[1])

    def call(self, inputs, training=None):
        x, condition = inputs
        shape = (-1,) + (1,) * (len(x.shape) - 2) + (x.shape[-1],)
        gain = keras.ops.reshape(self.gain(condition), shape)
        bias = keras.ops.reshape(self.bias(condition), shape)
        return self.normalize(x, training=training) * (1.0 + gain) + bias

    def compute_output_shape(self, input_shapes):
        return input_shapes[0]


@keras.saving.register_keras_serializable(package="kerasgan")
class SelfAttention(keras.layers.Layer):
    """SAGAN's self-attention block (Zhang et al. 2019, section 3), used by BigGAN.

    Keys f(x) and queries g(x) are 1x1 convolutions to C/8 channels, values
    h(x) one to C; each position attends to every other through
    softmax(f(x)^T g(x)); the attended values go through a last 1x1
    convolution and are added to x with a learned scale gamma that starts at
    0, so the block starts as the identity.
    """

    def __init__(self, key_divisor=8, **kwargs):
        super().__init__(**kwargs)
        self.key_divisor = int(key_divisor)

    def build(self, input_shape):
        channels = input_shape[-1]
        keys = max(1, channels // self.key_divisor)
        self.f = keras.layers.Conv2D(keys, 1, name="f")
        self.g = keras.layers.Conv2D(keys, 1, name="g")
        self.h = keras.layers.Conv2D(channels, 1, name="h")
        self.v = keras.layers.Conv2D(channels, 1, name="v")
        for conv in (self.f, self.g, self.h):
            conv.build(input_shape)
        self.v.build(input_shape)
        self.gamma = self.add_weight(shape=(), initializer="zeros", name="gamma")

    def call(self, x):
        height, width, channels = x.shape[1:]
        positions = height * width

        def flat(tensor):
            return keras.ops.reshape(tensor, (-1, positions, tensor.shape[-1]))

        scores = keras.ops.matmul(flat(self.f(x)), keras.ops.transpose(flat(self.g(x)), (0, 2, 1)))
        attention = keras.ops.softmax(scores, axis=-1)  # [batch, positions, positions]
        attended = keras.ops.reshape(keras.ops.matmul(attention, flat(self.h(x))), (-1, height, width, channels))
        return x + self.gamma * self.v(attended)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "key_divisor": self.key_divisor}


@keras.saving.register_keras_serializable(package="kerasgan")
class AlwaysOnDropout(keras.layers.Layer):
    """Dropout that stays active at inference: the pix2pix generator's only noise.

    Isola et al. 2017 (section 2.1) give the generator no z and apply dropout
    "at both training and test time". Keras' `Dropout` switches off outside
    training, and a functional model's `training=False` overrides a
    `training=True` recorded on the layer call, hence this layer. Masks are
    drawn for the global batch and split among replicas, so a
    `tf.distribute` strategy drops what one device would.
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0.0 <= rate < 1.0:
            raise ValueError(f"rate must be in [0, 1), got {rate}.")
        self.rate = float(rate)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, x):
        def draw(batch):
            return keras.random.uniform((batch,) + tuple(x.shape[1:]), seed=self.seed_generator)

        kept = keras.ops.cast(backend.replica_rows(draw, backend.batch_size(x)) >= self.rate, x.dtype)
        return x * kept / (1.0 - self.rate)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}


@keras.saving.register_keras_serializable(package="kerasgan")
class ReflectionPadding2D(keras.layers.Layer):
    """Pads height and width by mirroring the border (no edge repeated), as CycleGAN's ResNet generator does."""

    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        self.padding = int(padding)

    def call(self, x):
        pad = self.padding
        return keras.ops.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="reflect")

    def compute_output_shape(self, input_shape):
        batch, height, width, channels = input_shape
        grow = lambda side: None if side is None else side + 2 * self.padding  # noqa: E731
        return (batch, grow(height), grow(width), channels)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding}


@keras.saving.register_keras_serializable(package="kerasgan")
class ReconstructionEnergy(keras.layers.Layer):
    """`[x, reconstruction]` -> the mean squared reconstruction error per example, [batch]:
    the energy of EBGAN's autoencoder discriminator (Zhao et al. 2017, eq. 1)."""

    def call(self, inputs):
        x, reconstruction = inputs
        squared = keras.ops.square(keras.ops.cast(reconstruction, "float32") - keras.ops.cast(x, "float32"))
        return keras.ops.mean(squared, axis=tuple(range(1, len(x.shape))))

    def compute_output_shape(self, input_shapes):
        return (input_shapes[0][0],)


@keras.saving.register_keras_serializable(package="kerasgan")
class MinibatchDiscrimination(keras.layers.Layer):
    """Appends, per example, how close it is to the others of its batch (Salimans et al. 2016,
    "Improved techniques for training GANs", section 3.2).

    Features f(x_i) in R^A are multiplied by a learned tensor T in
    R^(A x B x C), giving rows M_i,b in R^C; c_b(x_i, x_j) =
    exp(-||M_i,b - M_j,b||_L1) and o(x_i)_b = sum_j c_b(x_i, x_j) over the
    batch (j = i included, as in the paper's sum: a constant 1). The output
    is [f(x_i), o(x_i)], of width A + B. Place it before the
    discriminator's last layer; real and generated batches pass through the
    discriminator separately, so their statistics never mix. The sum runs
    over the global batch under a distribution strategy (every replica's
    rows, gathered), as one device computes it.

    Args:
        num_kernels: B.
        kernel_dim: C.
    """

    def __init__(self, num_kernels=100, kernel_dim=5, **kwargs):
        super().__init__(**kwargs)
        if int(num_kernels) < 1 or int(kernel_dim) < 1:
            raise ValueError(f"num_kernels and kernel_dim must be positive, got {num_kernels} and {kernel_dim}.")
        self.num_kernels = int(num_kernels)
        self.kernel_dim = int(kernel_dim)

    def build(self, input_shape):
        if len(input_shape) != 2:
            raise ValueError(f"MinibatchDiscrimination takes flat features [batch, A], got shape {input_shape}.")
        self.tensor = self.add_weight(
            shape=(input_shape[-1], self.num_kernels * self.kernel_dim),
            initializer=keras.initializers.RandomNormal(stddev=0.05),
            name="tensor",
        )

    def call(self, features):
        ops = keras.ops
        rows = ops.reshape(ops.matmul(features, self.tensor), (-1, self.num_kernels, self.kernel_dim))
        everyone = backend.all_gather(rows)
        l1 = ops.sum(ops.abs(rows[:, None] - everyone[None]), axis=-1)  # [batch, global batch, B]
        closeness = ops.sum(ops.exp(-l1), axis=1)
        return ops.concatenate([features, ops.cast(closeness, features.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1] + self.num_kernels)

    def get_config(self):
        return {**super().get_config(), "num_kernels": self.num_kernels, "kernel_dim": self.kernel_dim}


@keras.saving.register_keras_serializable(package="kerasgan")
class VirtualBatchNormalization(keras.layers.Layer):
    """Batch normalisation against a fixed reference batch (Salimans et al. 2016, section 3.4).

    The first `reference_size` rows of every input are the reference batch's
    activations (`PrependReferenceBatch` puts them there); the rest are the
    examples. Each example is normalised with the statistics of the
    reference batch combined with itself (weights R/(R+1) and 1/(R+1)), the
    reference rows with the reference batch's own, so an example's output
    does not depend on the other examples of its batch. Statistics are per
    channel (the last axis) over the batch and any spatial axes. The cost
    the paper notes: every forward pass also runs the reference batch.
    """

    def __init__(self, reference_size, epsilon=1e-5, **kwargs):
        super().__init__(**kwargs)
        if int(reference_size) < 1:
            raise ValueError(f"reference_size must be positive, got {reference_size}.")
        self.reference_size = int(reference_size)
        self.epsilon = float(epsilon)

    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="beta")

    def call(self, x):
        ops = keras.ops
        spatial = tuple(range(1, len(x.shape) - 1))
        reference = x[: self.reference_size]
        reference_mean = ops.mean(reference, axis=(0,) + spatial)
        reference_square = ops.mean(ops.square(reference), axis=(0,) + spatial)
        own_mean = ops.mean(x, axis=spatial, keepdims=True) if spatial else x
        own_square = ops.mean(ops.square(x), axis=spatial, keepdims=True) if spatial else ops.square(x)
        new_weight = 1.0 / (self.reference_size + 1.0)
        is_reference = ops.reshape(ops.arange(ops.shape(x)[0]) < self.reference_size, (-1,) + (1,) * (len(x.shape) - 1))
        mean = ops.where(is_reference, reference_mean, (1 - new_weight) * reference_mean + new_weight * own_mean)
        square = ops.where(is_reference, reference_square, (1 - new_weight) * reference_square + new_weight * own_square)
        variance = ops.relu(square - ops.square(mean))
        return (x - mean) * ops.rsqrt(variance + self.epsilon) * self.gamma + self.beta

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "reference_size": self.reference_size, "epsilon": self.epsilon}


@keras.saving.register_keras_serializable(package="kerasgan")
class PrependReferenceBatch(keras.layers.Layer):
    """z [batch, d] -> [reference latents; z], [R + batch, d]: the reference batch of virtual batch
    normalisation, drawn from N(0, 1) once when the layer is built and saved with it."""

    def __init__(self, reference_size, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.reference_size = int(reference_size)
        self.seed = seed

    def build(self, input_shape):
        self.reference = self.add_weight(
            shape=(self.reference_size, input_shape[-1]),
            initializer=keras.initializers.RandomNormal(stddev=1.0, seed=self.seed),
            trainable=False,
            name="reference",
        )

    def call(self, z):
        return keras.ops.concatenate([keras.ops.cast(self.reference, z.dtype), z], axis=0)

    def compute_output_shape(self, input_shape):
        return (None, input_shape[-1])

    def get_config(self):
        return {**super().get_config(), "reference_size": self.reference_size, "seed": self.seed}


@keras.saving.register_keras_serializable(package="kerasgan")
class DropReferenceBatch(keras.layers.Layer):
    """Removes the first `reference_size` rows (the reference batch's outputs)."""

    def __init__(self, reference_size, **kwargs):
        super().__init__(**kwargs)
        self.reference_size = int(reference_size)

    def call(self, x):
        return x[self.reference_size :]

    def compute_output_shape(self, input_shape):
        return (None, *input_shape[1:])

    def get_config(self):
        return {**super().get_config(), "reference_size": self.reference_size}
