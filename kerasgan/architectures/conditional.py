"""Class-conditional networks: the generator takes `[z, labels]`, the discriminator `[x, labels]`.

Labels are integer class ids of shape [batch].

- Generator (both papers): a learned label embedding concatenated to z,
  then the DCGAN generator (images) or an MLP (vectors).
- Discriminator, `conditioning="concat"` (Mirza & Osindero 2014, "Conditional
  generative adversarial nets"): the label joins the input; for images as
  one-hot maps concatenated to the image channels, as convolutional ports of
  the paper's MLP do.
- Discriminator, `conditioning="projection"` (Miyato & Koyama 2018, "cGANs
  with projection discriminator"): D(x, y) = psi(phi(x)) + <embed(y), phi(x)>,
  the inner product of a class embedding with D's last features added to its
  linear output.
"""

import keras

from kerasgan.architectures.dcgan import discriminator_features
from kerasgan.architectures.dcgan import generator_body
from kerasgan.architectures.dcgan import score_layer
from kerasgan.architectures.normalization import batch_normalization
from kerasgan.architectures.normalization import maybe_spectral_norm
from kerasgan.layers import ClassProjection
from kerasgan.layers import ConditionalBatchNormalization
from kerasgan.layers import LabelChannels
from kerasgan.regularizers import OffDiagonalOrthogonal

CONDITIONINGS = ("projection", "concat")


def _labels_input():
    return keras.Input((), dtype="int32", name="labels")


def conditional_generator(
    data_shape,
    latent_dim,
    num_classes,
    embedding_dim=None,
    hidden_units=(256, 256, 256),
    orthogonal_regularization=None,
    conditional_batchnorm=False,
    self_attention=False,
):
    """[z, labels] -> samples: DCGAN's generator for images (H, W, C), an MLP for vectors (D,).

    `embedding_dim` (default: latent_dim) is the size of the label embedding
    joined to z. BigGAN's switches (Brock et al. 2019), for images:
    `conditional_batchnorm` makes every BatchNorm's gains and biases linear
    maps of that shared embedding (`kerasgan.layers.ConditionalBatchNormalization`);
    `self_attention` adds a SAGAN block after the first upsampling;
    `orthogonal_regularization=beta` adds `OffDiagonalOrthogonal(beta)` to every kernel.
    """
    z, labels = keras.Input((latent_dim,), name="z"), _labels_input()
    embedding = keras.layers.Embedding(num_classes, embedding_dim or latent_dim, name="label_embedding")(labels)
    regularizer = None if orthogonal_regularization is None else OffDiagonalOrthogonal(orthogonal_regularization)
    code = keras.layers.Concatenate()([z, embedding])
    if len(data_shape) != 3:
        return _mlp_generator([z, labels], code, data_shape, hidden_units, regularizer)
    normalize = (lambda x: ConditionalBatchNormalization()([x, embedding])) if conditional_batchnorm else None
    image = generator_body(
        code, data_shape, kernel_regularizer=regularizer, normalize=normalize, self_attention=self_attention
    )
    return keras.Model([z, labels], image, name="conditional_generator")


def code_generator(data_shape, noise_dim, code_dim, hidden_units=(256, 256, 256)):
    """[z, codes] -> samples, with z and the codes (InfoGAN's c) joined: DCGAN's generator or an MLP."""
    z, codes = keras.Input((noise_dim,), name="z"), keras.Input((code_dim,), name="codes")
    code = keras.layers.Concatenate()([z, codes])
    if len(data_shape) != 3:
        return _mlp_generator([z, codes], code, data_shape, hidden_units)
    return keras.Model([z, codes], generator_body(code, data_shape), name="code_generator")


def _mlp_generator(inputs, code, data_shape, hidden_units, kernel_regularizer=None):
    x = code
    for units in hidden_units:
        x = keras.layers.Dense(units, activation="relu", kernel_regularizer=kernel_regularizer)(x)
    sample = keras.layers.Dense(data_shape[0], kernel_regularizer=kernel_regularizer, name="sample")(x)
    return keras.Model(inputs, sample, name="conditional_generator")


def _features(x, data_shape, normalization, spectral_norm, hidden_units):
    """The discriminator's body: DCGAN's convolutions for images, LeakyReLU MLP layers for vectors."""
    if len(data_shape) == 3:
        return discriminator_features(
            x, (*data_shape[:2], x.shape[-1]), normalization=normalization, spectral_norm=spectral_norm
        )
    for units in hidden_units:
        x = keras.layers.LeakyReLU(0.2)(maybe_spectral_norm(keras.layers.Dense(units), spectral_norm)(x))
    return x


def conditional_discriminator(
    data_shape,
    num_classes,
    conditioning="projection",
    normalization="batch",
    spectral_norm=False,
    hidden_units=(256, 256, 256),
):
    """[x, labels] -> one score per example, conditioned by "projection" or "concat"."""
    if conditioning not in CONDITIONINGS:
        raise ValueError(f"conditioning must be one of {CONDITIONINGS}, got {conditioning!r}.")
    x, labels = keras.Input(tuple(data_shape), name="sample"), _labels_input()
    inputs = LabelChannels(num_classes)([x, labels]) if conditioning == "concat" else x
    features = _features(inputs, data_shape, normalization, spectral_norm, hidden_units)
    score = score_layer(spectral_norm, name="score")(features)
    if conditioning == "projection":
        score = keras.layers.Add()([score, ClassProjection(num_classes, name="class_projection")([features, labels])])
    return keras.Model([x, labels], score, name=f"{conditioning}_discriminator")


def auxiliary_classifier_discriminator(
    data_shape, num_classes, normalization="batch", spectral_norm=False, hidden_units=(256, 256, 256)
):
    """x -> {"source": score [batch, 1], "classes": logits [batch, num_classes]}.

    ACGAN's discriminator (Odena et al. 2017): one body, a real-vs-fake head
    and a class head; it does not see the label.
    """
    x = keras.Input(tuple(data_shape), name="sample")
    features = _features(x, data_shape, normalization, spectral_norm, hidden_units)
    outputs = {
        "source": score_layer(spectral_norm, name="source")(features),
        "classes": maybe_spectral_norm(keras.layers.Dense(num_classes, name="classes"), spectral_norm)(features),
    }
    return keras.Model(x, outputs, name="auxiliary_classifier_discriminator")


def information_discriminator(
    data_shape,
    num_categories,
    num_continuous,
    q_units=128,
    normalization="batch",
    hidden_units=(256, 256, 256),
    learn_continuous_std=False,
):
    """x -> {"source": [batch, 1], "categories": [batch, num_categories], "continuous": [batch, num_continuous]}.

    InfoGAN's D and Q (Chen et al. 2016, appendix C.1): one body; D's
    real-vs-fake score, and Q's head (a hidden layer of `q_units` with
    BatchNorm and LeakyReLU) giving the categorical code's logits and, per
    continuous code, the mean of a unit-variance Gaussian. With
    `learn_continuous_std=True` (InfoGAN's setting of that name) Q also gives
    each Gaussian's log standard deviation: "continuous" holds the means, then
    the log stds, [batch, 2 * num_continuous].
    """
    x = keras.Input(tuple(data_shape), name="sample")
    features = _features(x, data_shape, normalization, False, hidden_units)
    hidden = keras.layers.Dense(q_units, name="q_hidden")(features)
    hidden = keras.layers.LeakyReLU(0.2)(batch_normalization()(hidden))
    gaussian_parameters = 2 if learn_continuous_std else 1
    outputs = {
        "source": score_layer(name="source")(features),
        "categories": keras.layers.Dense(num_categories, name="categories")(hidden),
        "continuous": keras.layers.Dense(gaussian_parameters * num_continuous, name="continuous")(hidden),
    }
    return keras.Model(x, outputs, name="information_discriminator")
