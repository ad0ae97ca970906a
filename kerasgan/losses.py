"""Adversarial losses as pure functions of discriminator outputs.

Every function takes raw discriminator outputs (logits for the minimax
family, unbounded scores for the others) of shape [batch, ...] and returns
per-example losses of shape [batch]. For spatial outputs (PatchGAN) the loss
is taken per patch and averaged per example, as the pix2pix and CycleGAN
reference code does (the mean of per-patch losses, not the loss of the mean
score). Reducing to a scalar is left to the model, which averages over
the global batch (see `kerasgan.backend.global_batch_mean`). Written with
`keras.ops`, so they run on any Keras backend.

Discriminator losses are the sum of the real and fake terms, as in each
paper's value function.
"""

from keras import ops


def _per_example(values):
    values = ops.cast(values, "float32")
    if len(values.shape) > 1:
        values = ops.mean(values, axis=tuple(range(1, len(values.shape))))
    return values


def minimax_discriminator_loss(real_logits, fake_logits, label_smoothing=0.0):
    """-log D(x) - log(1 - D(G(z))) (Goodfellow et al. 2014).

    `label_smoothing` is one-sided (Salimans et al. 2016, "Improved
    techniques"): real targets become `1 - label_smoothing`, fake targets
    stay 0.
    """
    if not 0.0 <= label_smoothing < 1.0:
        raise ValueError(
            f"label_smoothing must be in [0, 1), got {label_smoothing}."
        )
    real_logits = ops.cast(real_logits, "float32")
    real_target = 1.0 - label_smoothing
    # Binary cross-entropy on logits: t*softplus(-l) + (1-t)*softplus(l).
    real_term = real_target * ops.softplus(-real_logits) + (1.0 - real_target) * ops.softplus(real_logits)
    return _per_example(real_term) + _per_example(ops.softplus(ops.cast(fake_logits, "float32")))


def minimax_generator_loss(fake_logits):
    """log(1 - D(G(z))), the saturating loss of the original minimax game."""
    return -_per_example(ops.softplus(ops.cast(fake_logits, "float32")))


def non_saturating_generator_loss(fake_logits):
    """-log D(G(z)), the non-saturating heuristic of Goodfellow et al. 2014."""
    return _per_example(ops.softplus(-ops.cast(fake_logits, "float32")))


def least_squares_discriminator_loss(real_scores, fake_scores, a=0.0, b=1.0):
    """1/2 (D(x) - b)^2 + 1/2 (D(G(z)) - a)^2 (Mao et al. 2017, eq. 2)."""
    real_term = ops.square(ops.cast(real_scores, "float32") - b)
    fake_term = ops.square(ops.cast(fake_scores, "float32") - a)
    return 0.5 * _per_example(real_term) + 0.5 * _per_example(fake_term)


def least_squares_generator_loss(fake_scores, c=1.0):
    """1/2 (D(G(z)) - c)^2 (Mao et al. 2017, eq. 2)."""
    return 0.5 * _per_example(ops.square(ops.cast(fake_scores, "float32") - c))


def wasserstein_discriminator_loss(real_scores, fake_scores):
    """f(G(z)) - f(x): the negated Kantorovich-Rubinstein estimate."""
    return _per_example(fake_scores) - _per_example(real_scores)


def wasserstein_generator_loss(fake_scores):
    """-f(G(z)) (Arjovsky et al. 2017, Algorithm 1)."""
    return -_per_example(fake_scores)


def hinge_discriminator_loss(real_scores, fake_scores):
    """max(0, 1 - D(x)) + max(0, 1 + D(G(z))) (Lim & Ye 2017; Miyato et al. 2018)."""
    real_term = ops.relu(1.0 - ops.cast(real_scores, "float32"))
    return _per_example(real_term) + _per_example(ops.relu(1.0 + ops.cast(fake_scores, "float32")))


# The generator side of the hinge loss is -D(G(z)), the Wasserstein one.
hinge_generator_loss = wasserstein_generator_loss


def class_cross_entropy(labels, logits):
    """-log p(label | x) per example from class logits [batch, classes] and integer labels [batch]
    (ACGAN's class term, Odena et al. 2017)."""
    return ops.sparse_categorical_crossentropy(ops.cast(labels, "int32"), ops.cast(logits, "float32"), from_logits=True)


def energy_discriminator_loss(real_energy, fake_energy, margin):
    """D(x) + max(0, m - D(G(z))) on autoencoder energies (EBGAN, Zhao et al. 2017, eq. 1)."""
    return _per_example(real_energy) + ops.relu(margin - _per_example(fake_energy))


def pulling_away_term(codes):
    """The mean squared cosine similarity between the codes of different examples (EBGAN's
    repelling regulariser, section 2.4): 1 / (N (N - 1)) sum_{i != j} cos(S_i, S_j)^2, a scalar
    over the batch. It is 0 for orthogonal codes and 1 for codes that all point one way."""
    codes = ops.cast(ops.reshape(codes, (ops.shape(codes)[0], -1)), "float32")
    unit = codes / ops.sqrt(ops.sum(ops.square(codes), axis=1, keepdims=True) + 1e-12)
    similarity = ops.square(ops.matmul(unit, ops.transpose(unit)))
    count = ops.cast(ops.shape(codes)[0], "float32")
    return (ops.sum(similarity) - ops.sum(ops.diagonal(similarity))) / (count * (count - 1.0))


def _feature_distance(a, b):
    """||a - b||_2 per example over the feature axis, with a finite gradient at a == b."""
    difference = ops.cast(a, "float32") - ops.cast(b, "float32")
    return ops.sqrt(ops.sum(ops.square(difference), axis=-1) + 1e-12)


def cramer_critic(features, reference_features):
    """Cramer GAN's critic f(x) = ||h(x) - h(x'_g)||_2 - ||h(x)||_2 (Bellemare et al. 2017,
    Algorithm 1), from the critic network's features h(x) and those of an independent fake x'_g."""
    return _feature_distance(features, reference_features) - _feature_distance(features, ops.zeros_like(features))


def cramer_critic_loss(real_features, fake_features, reference_features):
    """-(f(x_r) - f(x_g)): the critic maximises the surrogate f(x_r) - f(x_g) (Algorithm 1)."""
    return cramer_critic(fake_features, reference_features) - cramer_critic(real_features, reference_features)


def cramer_generator_loss(real_features, fake_features, other_fake_features):
    """||h(x_r) - h(x_g)|| + ||h(x_r) - h(x'_g)|| - ||h(x_g) - h(x'_g)|| per example: the energy
    distance between the critic's transformed distributions without its real-real term, which does
    not depend on the generator (Bellemare et al. 2017, Algorithm 1)."""
    return (
        _feature_distance(real_features, fake_features)
        + _feature_distance(real_features, other_fake_features)
        - _feature_distance(fake_features, other_fake_features)
    )


def feature_matching_loss(real_features, fake_features):
    """||mean f(x) - mean f(G(z))||_2^2 over the batch: the generator's objective in feature
    matching (Salimans et al. 2016, section 3.1), a scalar. Features are flattened per example."""
    real = ops.cast(ops.reshape(real_features, (ops.shape(real_features)[0], -1)), "float32")
    fake = ops.cast(ops.reshape(fake_features, (ops.shape(fake_features)[0], -1)), "float32")
    return ops.sum(ops.square(ops.mean(real, axis=0) - ops.mean(fake, axis=0)))
