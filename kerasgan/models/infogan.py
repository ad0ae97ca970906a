"""InfoGAN (Chen et al. 2016, "InfoGAN: interpretable representation learning by information
maximizing generative adversarial nets", arXiv:1606.03657)."""

import math

import keras
import numpy as np
from keras import ops

from kerasgan import backend
from kerasgan import losses
from kerasgan.architectures.conditional import code_generator
from kerasgan.architectures.conditional import information_discriminator
from kerasgan.core import AlternatingGAN
from kerasgan.core import inputs
from kerasgan.core.outputs import checked_named_outputs
from kerasgan.core.outputs import named_outputs

OUTPUT_NAMES = ("source", "categories", "continuous")
LOG_SQRT_TWO_PI = 0.5 * math.log(2 * math.pi)


@keras.saving.register_keras_serializable(package="kerasgan")
class InfoGAN(AlternatingGAN):
    """A GAN whose generator's codes c are recoverable from its samples; trains on unlabelled data.

    The generator takes `[z, c]`: c holds a categorical code (one-hot over
    `num_categories`, uniform) and `num_continuous` codes ~ U(-1, 1). The
    discriminator's body is shared with Q, which returns the categorical
    code's logits and, per continuous code, a factored Gaussian's mean (and,
    with `learn_continuous_std=True`, then its log standard deviation):
    `{"source", "categories", "continuous"}` (or a list in that order). The
    variational lower bound of the mutual information,
    L_I = E[log Q(c | G(z, c))] + H(c), is maximised by both
    players (section 5): with H(c) a constant, D (with Q) and G each add

        lambda_cat * CE(c_cat, Q_cat) + lambda_cont * NLL(c_cont | N(mu, sigma))

    on the fakes to their GAN loss (the non-saturating one for G).
    The continuous codes' Gaussians have unit standard deviation by default,
    as in the authors' MNIST experiment (openai/InfoGAN's launcher gives
    each continuous code `fix_std=True`): the NLL is then 0.5 * (c - mu)^2
    plus a constant, and Q returns means only (a discriminator that also
    returns log stds may be used; they are ignored).
    `learn_continuous_std=True` learns them. Learned, on MNIST with the
    defaults, Q's log std fell to -5.4 in a single step (the 155th) where
    |c - mu| was about 0.9: the NLL's gradient wrecked both networks, and the
    categorical code's recovery ended at 0.18 instead of 0.99 (tests/
    test_infogan.py with one TensorFlow thread; 2 threads met it at step 155
    on a longer data set).
    `categorical_weight` is 1 as in the paper; the paper asks for a smaller
    weight for continuous codes without giving it: 0.1 here. Defaults for
    MNIST (appendix C.1): 62 noise dimensions, 10 categories, 2 continuous
    codes, Adam(2e-4) for D and Q and Adam(1e-3) for G, beta_1 = 0.5.

    `generate(n, labels=None, continuous=None, seed=None)` takes the
    categorical code as `labels` and the continuous codes as an [n,
    num_continuous] array; omitted codes are drawn. `infer_codes(x)` returns
    Q's categorical prediction and continuous means for samples x.
    """

    scores_are_logits = True

    default_latent_dim = 62

    def __init__(
        self,
        generator=None,
        discriminator=None,
        num_categories=10,
        num_continuous=2,
        categorical_weight=1.0,
        continuous_weight=0.1,
        learn_continuous_std=False,
        **kwargs,
    ):
        if int(num_categories) < 2 or int(num_continuous) < 0:
            raise ValueError(f"Need num_categories >= 2 and num_continuous >= 0, got {num_categories}, {num_continuous}.")
        self.num_categories, self.num_continuous = int(num_categories), int(num_continuous)
        self.learn_continuous_std = bool(learn_continuous_std)  # these three are read by default_networks
        super().__init__(generator, discriminator, **kwargs)
        if self.generator_kind != inputs.NOISE_AND_CONDITION:
            raise ValueError("InfoGAN's generator must take [z, codes].")
        code_dim = self.generator.inputs[1].shape[-1]
        if code_dim != self.num_categories + self.num_continuous:
            raise ValueError(
                f"InfoGAN's generator takes codes of size {code_dim}; num_categories + num_continuous = "
                f"{self.num_categories + self.num_continuous}."
            )
        _, _, gaussian = checked_named_outputs(self.discriminator, OUTPUT_NAMES, "InfoGAN")
        self._check_gaussian_columns(gaussian.shape[-1])
        self.layout = inputs.UNCONDITIONAL  # the codes are drawn, not given
        self.categorical_weight = float(categorical_weight)
        self.continuous_weight = float(continuous_weight)

    def _check_gaussian_columns(self, columns):
        means_and_log_stds = 2 * self.num_continuous
        if columns == means_and_log_stds or (columns == self.num_continuous and not self.learn_continuous_std):
            return
        needed = f"{means_and_log_stds} (means, then log stds)"
        if not self.learn_continuous_std:
            needed = f"{self.num_continuous} (means) or {needed}"
        raise ValueError(
            f"InfoGAN's discriminator returns {columns} \"continuous\" columns; num_continuous={self.num_continuous} "
            f"with learn_continuous_std={self.learn_continuous_std} needs {needed}."
        )

    def default_networks(self, data_shape, latent_dim):
        return (
            code_generator(data_shape, latent_dim, self.num_categories + self.num_continuous),
            information_discriminator(
                data_shape, self.num_categories, self.num_continuous, learn_continuous_std=self.learn_continuous_std
            ),
        )

    def default_optimizers(self):
        return keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(1e-3, beta_1=0.5)

    # ------------------------------------------------------------------
    # Codes.
    def codes(self, categories, continuous):
        """c for the generator: one-hot `categories` [n] joined to `continuous` [n, num_continuous]."""
        one_hot = ops.one_hot(ops.cast(categories, "int32"), self.num_categories)
        return ops.concatenate([one_hot, ops.cast(continuous, "float32")], axis=-1)

    def sample_codes(self, num_samples, seed=None):
        seed = self.seed_generator if seed is None else seed
        categories = keras.random.randint((num_samples,), 0, self.num_categories, seed=seed)
        continuous = keras.random.uniform((num_samples, self.num_continuous), -1.0, 1.0, seed=seed)
        return self.codes(categories, continuous)

    def update_condition(self, condition, real):
        return backend.replica_rows(self.sample_codes, backend.batch_size(real))

    # ------------------------------------------------------------------
    # Objective.
    def adversarial_scores(self, outputs):
        return _named(outputs)[0]

    def information_loss(self, fake_outputs, codes):
        """-log Q(c | G(z, c)) per example, weighted: the negative of lambda * L_I up to H(c)."""
        _, category_logits, gaussian = _named(fake_outputs)
        categories = ops.argmax(codes[:, : self.num_categories], axis=-1)
        loss = self.categorical_weight * losses.class_cross_entropy(categories, category_logits)
        if self.num_continuous:
            standardized = codes[:, self.num_categories :] - gaussian[:, : self.num_continuous]
            log_std = 0.0  # unit std
            if self.learn_continuous_std:
                log_std = gaussian[:, self.num_continuous :]
                standardized = standardized * ops.exp(-log_std)
            nll = ops.sum(0.5 * ops.square(standardized) + log_std + LOG_SQRT_TWO_PI, axis=-1)
            loss = loss + self.continuous_weight * nll
        return loss

    def discriminator_objective(self, real_outputs, fake_outputs, codes):
        source = losses.minimax_discriminator_loss(_named(real_outputs)[0], _named(fake_outputs)[0])
        return source + self.information_loss(fake_outputs, codes)

    def generator_objective(self, fake_outputs, codes):
        return losses.non_saturating_generator_loss(_named(fake_outputs)[0]) + self.information_loss(fake_outputs, codes)

    # ------------------------------------------------------------------
    # Sampling and inference.
    def generate(self, num_samples, labels=None, continuous=None, seed=None, batch_size=256, truncation=None):
        """Samples with categorical code `labels` ([n] or one for all) and `continuous` codes
        ([n, num_continuous] or one row for all); omitted codes are drawn (seeded by `seed`).
        `truncation` applies to z (see `GAN.truncated_latents`)."""
        drawn = keras.ops.convert_to_numpy(self.sample_codes(num_samples, seed=None if seed is None else seed + 1))
        categories = drawn[:, : self.num_categories].argmax(axis=-1) if labels is None else labels
        categories = np.broadcast_to(np.asarray(categories, "int32"), (num_samples,))
        if categories.min() < 0 or categories.max() >= self.num_categories:
            raise ValueError(f"labels must lie in [0, {self.num_categories}), got {categories.min()}..{categories.max()}.")
        if continuous is None:
            continuous = drawn[:, self.num_categories :]
        continuous = np.broadcast_to(np.asarray(continuous, "float32"), (num_samples, self.num_continuous))
        codes = self.codes(categories, continuous)
        z = self.truncated_latents(num_samples, truncation, seed=seed)
        return self._in_batches(lambda start, stop: [z[start:stop], codes[start:stop]], num_samples, batch_size)

    def infer_codes(self, samples, batch_size=256):
        """Q's (categorical prediction [n], continuous means [n, num_continuous]) for `samples`."""
        samples = np.asarray(samples, "float32")
        categories, means = [], []
        for start in range(0, len(samples), batch_size):
            _, logits, gaussian = _named(self.discriminator(samples[start : start + batch_size], training=False))
            categories.append(keras.ops.convert_to_numpy(ops.argmax(logits, axis=-1)))
            means.append(keras.ops.convert_to_numpy(gaussian)[:, : self.num_continuous])
        return np.concatenate(categories), np.concatenate(means)

    def get_config(self):
        config = super().get_config()
        config.update(
            num_categories=self.num_categories,
            num_continuous=self.num_continuous,
            categorical_weight=self.categorical_weight,
            continuous_weight=self.continuous_weight,
            learn_continuous_std=self.learn_continuous_std,
        )
        return config


def _named(outputs):
    """(source, category logits, Gaussian parameters) from a dict or a list of D's outputs."""
    return named_outputs(outputs, OUTPUT_NAMES)
