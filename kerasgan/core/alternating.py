"""Algorithm 1 of Goodfellow et al. 2014: k discriminator updates, then one generator update."""

import keras
from keras import ops

from kerasgan import backend
from kerasgan import losses
from kerasgan.core import inputs
from kerasgan.core.gan import GAN
from kerasgan.penalties import LossScaledCritic
from kerasgan.penalties import combined_penalty


@keras.saving.register_keras_serializable(package="kerasgan")
class AlternatingGAN(GAN):
    """The alternating algorithm that DCGAN, LSGAN, WGAN, WGAN-GP and hinge GANs share.

    Each `train_step` is one iteration of Algorithm 1 of Goodfellow et al.
    2014 ("Generative adversarial nets"): `n_critic` discriminator updates
    (k in the paper), each on its own real minibatch and fresh noise, then
    one generator update on fresh noise. Variants supply the per-example
    losses (`discriminator_loss`, `generator_loss`), optional logged values
    (`discriminator_metrics`), penalties that belong to their objective
    (`own_penalties`), default networks and default optimizers. Variants
    whose discriminator has more outputs than a score, or whose losses need
    the batch's labels (ACGAN, InfoGAN), override `discriminator_objective`,
    `generator_objective` and `adversarial_scores`; `update_condition`
    chooses what conditions an update (the real labels, or InfoGAN's codes).

    - Batching: with `n_critic > 1` and `fresh_real_batches=True` (the
      papers' algorithms) one step consumes `n_critic` real minibatches:
      batch the data with `n_critic * batch_size`; critic update i uses rows
      i, i + n_critic, ... of the batch (replicas stay equivalent to one
      device). A batch that does not split evenly is refused.
    - Real and fake batches pass through the discriminator in separate
      calls, so BatchNorm never mixes their statistics; conditions (labels,
      input images) go with them through `discriminate`.
    - The discriminator gives one score per example ([batch] or [batch, 1]),
      or with `patch_scores=True` a map of scores per example ([batch, H, W,
      1], PatchGAN), averaged per example by the losses.

    Args:
        generator, discriminator, latent_dim, data_shape, num_classes, seed,
            ema_decay: see `kerasgan.core.GAN`.
        n_critic: discriminator updates per generator update.
        fresh_real_batches: with `n_critic > 1`, give each discriminator
            update its own real minibatch (True) or reuse one (False).
        penalty: a `kerasgan.penalties` object added to the discriminator
            loss, or None. It adds to a penalty the variant's objective has
            (WGAN-GP's); `model.penalty` is the sum that is applied.
        instance_noise: a `kerasgan.penalties.InstanceNoise` applied to every
            discriminator input, or None.
        patch_scores: whether the discriminator scores patches (see above).
        feature_matching: None, True or a layer name: the generator's
            objective becomes ||mean f(x) - mean f(G(z))||^2 over the global
            batch, f the discriminator's layer of that name ("features" for
            True, the last hidden layer of the default discriminators); the
            discriminator trains as before (Salimans et al. 2016, section
            3.1). Logged as g_loss. Needs a functional discriminator.
        historical_averaging: see `kerasgan.core.AdversarialModel`.
    """

    serialized_arguments = GAN.serialized_arguments + ("penalty", "instance_noise")
    # Whether the real-vs-fake scores are logits of a probability (the minimax family's losses):
    # a discriminator ending in a sigmoid or softmax is then refused.
    scores_are_logits = False

    def __init__(
        self,
        generator=None,
        discriminator=None,
        n_critic=1,
        fresh_real_batches=True,
        penalty=None,
        instance_noise=None,
        patch_scores=False,
        feature_matching=None,
        **kwargs,
    ):
        super().__init__(generator, discriminator, **kwargs)
        self.feature_matching = feature_matching
        self.feature_network = None if not feature_matching else _feature_layer_model(
            self.discriminator, "features" if feature_matching is True else feature_matching
        )
        if int(n_critic) < 1:
            raise ValueError(f"n_critic must be at least 1, got {n_critic}.")
        self.n_critic = int(n_critic)
        self.fresh_real_batches = bool(fresh_real_batches)
        self.patch_scores = bool(patch_scores)
        self.check_discriminator_outputs()
        self.extra_penalty = penalty
        self.instance_noise = instance_noise
        # The discriminator's whole regulariser: the objective's own, plus the user's.
        self.penalty = combined_penalty(tuple(self.own_penalties()) + (() if penalty is None else (penalty,)))
        if self.penalty is not None:
            self.track(self.penalty.metric_names)

    # ------------------------------------------------------------------
    # What variants provide.
    def discriminator_loss(self, real_scores, fake_scores):
        """Per-example discriminator loss, shape [batch]."""
        raise NotImplementedError

    def generator_loss(self, fake_scores):
        """Per-example generator loss, shape [batch]."""
        raise NotImplementedError

    def discriminator_metrics(self, real_scores, fake_scores):
        """Per-example values to log for `extra_metric_names`."""
        return {}

    def discriminator_objective(self, real_outputs, fake_outputs, condition):
        """Per-example discriminator loss from the discriminator's whole outputs and the batch's
        condition; by default `discriminator_loss` of the scores. Variants whose discriminator
        has more outputs than the score (ACGAN's class head) override this."""
        return self.discriminator_loss(real_outputs, fake_outputs)

    def generator_objective(self, fake_outputs, condition):
        """Per-example generator loss from the discriminator's outputs on fakes (see above)."""
        return self.generator_loss(fake_outputs)

    def adversarial_scores(self, outputs):
        """The real-vs-fake scores among the discriminator's outputs: what penalties differentiate."""
        return outputs

    def supervised_loss(self, fake, real):
        """A per-example loss of the fakes against the real examples they stand for (pix2pix's
        lambda * L1 between translation and target), added to the generator's loss, with the values
        to log: `(per_example, {name: values})`, or None for objectives without one."""
        return None

    def own_penalties(self):
        """Penalties that are part of the variant's objective (WGAN-GP's gradient penalty)."""
        return ()

    def check_discriminator_outputs(self):
        """Raises if the discriminator's outputs are not what the objective scores (by default
        one score per example, or a patch map with `patch_scores`)."""
        _check_score_shape(self, self.patch_scores)

    # ------------------------------------------------------------------
    # Training.
    @property
    def real_batches_per_step(self):
        return self.n_critic if self.fresh_real_batches else 1

    def train_step(self, data):
        real, condition = self.unpack(data)
        for real_minibatch, condition_minibatch in self.critic_batches(real, condition):
            self.discriminator_step(real_minibatch, self.update_condition(condition_minibatch, real_minibatch))
        self.generator_step(real_minibatch, self.update_condition(condition_minibatch, real_minibatch))
        self.after_adversarial_updates(real_minibatch, condition_minibatch)
        self.update_generator_average()
        return self.logs()

    def after_adversarial_updates(self, real, condition=None):
        """Further updates of the iteration, after the generator's, on its real minibatch (ALAE's
        latent reconstruction); none by default."""

    def update_condition(self, condition, real):
        """The condition of one update: the real batch's labels (conditional GANs), or codes
        drawn for its fakes (InfoGAN)."""
        return condition

    def critic_batches(self, real, condition=None):
        """(real, condition) minibatches of the `n_critic` discriminator updates."""
        if self.n_critic == 1 or not self.fresh_real_batches:
            return [(real, condition)] * self.n_critic
        real = backend.divisible_batch_or_raise(
            real,
            self.n_critic,
            f"Each train step splits its batch into n_critic={self.n_critic} real minibatches: "
            f"batch the data with a multiple of {self.n_critic} (n_critic * batch_size), "
            "and drop the remainder.",
        )
        # Strided rows keep N replicas equivalent to one device: replica r's
        # slice i holds exactly the global rows congruent to i mod n_critic.
        return [
            (real[i :: self.n_critic], None if condition is None else condition[i :: self.n_critic])
            for i in range(self.n_critic)
        ]

    def discriminator_inputs(self, samples):
        """Samples as the discriminator sees them (with instance noise, if any)."""
        if self.instance_noise is None:
            return samples
        return self.instance_noise(samples, self.g_optimizer.iterations, self.seed_generator)

    def discriminator_step(self, real, condition=None):
        fake = self.fake_samples(self.generator_inputs(backend.batch_size(real), condition))
        real, fake = self.discriminator_inputs(real), self.discriminator_inputs(fake)

        def scores(samples):
            return self.adversarial_scores(self.discriminate(samples, condition, training=True))

        critic = LossScaledCritic(scores, self.d_optimizer)

        def loss():
            real_outputs = self.discriminate(real, condition, training=True)
            fake_outputs = self.discriminate(fake, condition, training=True)
            per_example = self.discriminator_objective(real_outputs, fake_outputs, condition)
            logged = dict(
                self.discriminator_metrics(self.adversarial_scores(real_outputs), self.adversarial_scores(fake_outputs))
            )
            if self.penalty is not None:
                values, penalty_logs = self.penalty(critic, real, fake, self.seed_generator)
                per_example = per_example + values
                logged.update(penalty_logs)
            logged["d_loss"] = per_example
            return backend.global_batch_mean(per_example), logged

        self.update_trackers(self.minimize("d_optimizer", loss))

    def generator_step(self, real, condition=None):
        """One generator update on fakes for this replica's `real` minibatch (its size, and the
        targets of `supervised_loss`)."""
        generator_inputs = self.generator_inputs(backend.batch_size(real), condition)

        def loss():
            fake = self.fake_samples(generator_inputs)
            if self.feature_network is None:
                fake_outputs = self.discriminate(self.discriminator_inputs(fake), condition, training=True)
                per_example = self.generator_objective(fake_outputs, condition)
            else:
                per_example = self.feature_matching_objective(real, fake, condition)
            logged = {"g_loss": per_example}
            supervised = self.supervised_loss(fake, real)
            if supervised is not None:
                values, supervised_logs = supervised
                per_example = per_example + values
                logged.update(supervised_logs)
            return backend.global_batch_mean(per_example), logged

        self.update_trackers(self.minimize("g_optimizer", loss))

    def feature_matching_objective(self, real, fake, condition):
        """The feature-matching loss of the global batch, carried by every example."""

        def features(samples):
            outputs = self.discriminate(self.discriminator_inputs(samples), condition, training=True,
                                        network=self.feature_network)
            return backend.all_gather(outputs)

        matched = losses.feature_matching_loss(features(real), features(fake))
        return ops.ones((backend.batch_size(fake),), "float32") * matched

    def get_config(self):
        config = super().get_config()
        config.update(
            feature_matching=self.feature_matching,
            n_critic=self.n_critic,
            fresh_real_batches=self.fresh_real_batches,
            penalty=keras.saving.serialize_keras_object(self.extra_penalty),
            instance_noise=keras.saving.serialize_keras_object(self.instance_noise),
            patch_scores=self.patch_scores,
        )
        return config


def _refuse_probabilities(model):
    """Raises if the discriminator's real-vs-fake score ends in a sigmoid or softmax while the
    model's loss takes logits (the keras.io DCGAN's discriminator ends in a sigmoid)."""
    try:  # functional networks record the layers behind their outputs, Sequential ones in `outputs`
        recorded = model.discriminator.output
    except (AttributeError, ValueError):
        recorded = getattr(model.discriminator, "outputs", None)
        if not recorded or len(recorded) != 1:
            return
        recorded = recorded[0]
    scores = model.adversarial_scores(recorded)
    activation = inputs.probability_activation(scores[0] if isinstance(scores, (list, tuple)) else scores)
    if activation is not None:
        raise ValueError(
            f"The discriminator's score ends in a {activation}, but {type(model).__name__}'s loss takes "
            "logits (as keras.losses.BinaryCrossentropy(from_logits=True) does): its probabilities "
            "would be read as logits and training would go on silently wrong. Remove the final "
            "activation (Dense(1) with no activation)."
        )


def _feature_layer_model(discriminator, layer_name):
    """The model from the discriminator's inputs to the output of its layer `layer_name`."""
    try:
        layer = discriminator.get_layer(layer_name)
        return keras.Model(discriminator.inputs, layer.output, name=f"{discriminator.name}_{layer_name}")
    except (ValueError, AttributeError) as error:
        raise ValueError(
            f"feature_matching needs a functional discriminator with a layer named {layer_name!r} "
            f"(the default networks' last hidden layer is 'features'): {error}"
        ) from error


def _check_score_shape(model, patch_scores):
    if model.scores_are_logits:
        _refuse_probabilities(model)
    outputs = inputs.symbolic_outputs(model.discriminator)
    if outputs is None:
        return
    scores = model.adversarial_scores(outputs)
    shape = tuple((scores[0] if isinstance(scores, (list, tuple)) else scores).shape)[1:]
    if shape in ((), (1,)):
        return
    if patch_scores and len(shape) == 3 and shape[-1] == 1:
        return
    expected = "[batch, H, W, 1] patch scores" if patch_scores else "one score per example, [batch, 1]"
    hint = "" if patch_scores or len(shape) != 3 else " For a PatchGAN discriminator pass patch_scores=True."
    raise ValueError(
        f"The discriminator outputs shape {shape} per example; this model needs {expected}.{hint}"
    )
