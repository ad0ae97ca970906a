"""Discriminator regularisers that any variant can take as `penalty=...`.

A penalty is called inside the discriminator's update as
`penalty(critic, real, fake, seed_generator)`, where `critic(x)` returns the
discriminator's scores of `x` (with the batch's condition, for conditional
discriminators: the model's one call path), and returns per-example penalty
values [batch] (already weighted), which the model adds to its per-example
discriminator loss before the global-batch mean, plus a dict of per-example
values to log. Random draws use the global batch split among replicas
(`kerasgan.backend.replica_rows`), so penalties are exact under a
distribution strategy too. Under the mixed_float16 policy the model passes
its critic as a `LossScaledCritic`, whose input gradients are taken at the
discriminator optimizer's loss scale.
"""

import keras
from keras import ops

from kerasgan import backend

# Inside the square root of gradient norms, so that a zero gradient has a
# finite derivative (WGAN-GP reference code, official TF-GAN).
NORM_EPSILON = 1e-12


class LossScaledCritic:
    """`critic(x)`, whose input gradients penalties take at `optimizer`'s loss scale.

    Under mixed_float16 the critic's backward pass runs in float16, where the
    small input gradients a penalty needs underflow to zero (StudioGAN#175:
    WGAN-GP going NaN under mixed precision). When `optimizer` is a
    `keras.optimizers.LossScaleOptimizer`, the scores are multiplied by its
    current dynamic scale before differentiating and the gradient is divided
    by it in float32, as the optimizer does for the loss itself; an overflow
    makes the loss non-finite, the optimizer skips the step and lowers the
    scale. With any other optimizer the gradients are taken as they are.
    """

    def __init__(self, critic, optimizer):
        self.critic = critic
        self.gradient_scale = (
            ops.cast(optimizer.scale_loss(1.0), "float32")
            if isinstance(optimizer, keras.optimizers.LossScaleOptimizer) else None
        )

    def __call__(self, samples):
        return self.critic(samples)


def per_example_gradient_norm(critic, inputs):
    """||grad_x critic(x)||_2 per example, over all non-batch axes (at `critic.gradient_scale`, if any)."""
    # Examples are independent, so d(sum of scores)/dx_i = dD(x_i)/dx_i.
    scale = getattr(critic, "gradient_scale", None)
    if scale is None:
        gradients = backend.input_gradients(critic, inputs)
    else:
        gradients = backend.input_gradients(lambda x: ops.cast(critic(x), "float32") * scale, inputs) / scale
    squares = ops.sum(ops.square(gradients), axis=tuple(range(1, len(inputs.shape))))
    return ops.sqrt(squares + NORM_EPSILON)


def _per_example_uniform(seed_generator, like, minval=0.0, maxval=1.0):
    """U[minval, maxval] of shape [batch, 1, ..., 1], consistent across replicas."""
    trailing = [1] * (len(like.shape) - 1)
    return backend.replica_rows(
        lambda n: keras.random.uniform([n] + trailing, minval, maxval, seed=seed_generator),
        backend.batch_size(like),
    )


class Penalty:
    """Base class: `metric_names` lists the per-example values it logs."""

    metric_names = ()

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@keras.saving.register_keras_serializable(package="kerasgan")
class PenaltySum(Penalty):
    """Several penalties applied together: their values add, their logs merge."""

    def __init__(self, terms):
        self.terms = tuple(terms)
        self.metric_names = tuple(name for term in self.terms for name in term.metric_names)

    def __call__(self, critic, real, fake, seed_generator):
        total, logs = 0.0, {}
        for term in self.terms:
            values, term_logs = term(critic, real, fake, seed_generator)
            total = total + values
            logs.update(term_logs)
        return total, logs

    def get_config(self):
        return {"terms": [keras.saving.serialize_keras_object(term) for term in self.terms]}

    @classmethod
    def from_config(cls, config):
        return cls([keras.saving.deserialize_keras_object(term) for term in config["terms"]])


def combined_penalty(terms):
    """None, the one penalty, or their `PenaltySum`."""
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else PenaltySum(terms)


@keras.saving.register_keras_serializable(package="kerasgan")
class GradientPenalty(Penalty):
    """WGAN-GP gradient penalty (Gulrajani et al. 2017, Algorithm 1).

    weight * (||grad D(x_hat)|| - 1)^2 at x_hat = eps x + (1 - eps) G(z), with
    eps ~ U[0, 1] drawn per example. `one_sided=True` penalises only norms
    above 1: weight * max(0, ||grad|| - 1)^2 (the paper's appendix variant).
    Logs the mean gradient norm at the interpolates as "gradient_norm".
    """

    metric_names = ("gradient_norm",)

    def __init__(self, weight=10.0, one_sided=False):
        self.weight = float(weight)
        self.one_sided = bool(one_sided)

    def __call__(self, critic, real, fake, seed_generator):
        epsilon = _per_example_uniform(seed_generator, real)
        interpolates = epsilon * real + (1.0 - epsilon) * fake
        norm = per_example_gradient_norm(critic, interpolates)
        excess = norm - 1.0
        if self.one_sided:
            excess = ops.relu(excess)
        return self.weight * ops.square(excess), {"gradient_norm": norm}

    def get_config(self):
        return {"weight": self.weight, "one_sided": self.one_sided}


@keras.saving.register_keras_serializable(package="kerasgan")
class R1Penalty(Penalty):
    """Zero-centred penalty on real data: gamma/2 ||grad D(x)||^2 (Mescheder et al. 2018)."""

    metric_names = ("r1_gradient_norm",)
    at_real = True

    def __init__(self, gamma=10.0):
        self.gamma = float(gamma)

    def __call__(self, critic, real, fake, seed_generator):
        norm = per_example_gradient_norm(critic, real if self.at_real else fake)
        return 0.5 * self.gamma * ops.square(norm), {self.metric_names[0]: norm}

    def get_config(self):
        return {"gamma": self.gamma}


@keras.saving.register_keras_serializable(package="kerasgan")
class R2Penalty(R1Penalty):
    """Zero-centred penalty on generated data: gamma/2 ||grad D(G(z))||^2 (Mescheder et al. 2018)."""

    metric_names = ("r2_gradient_norm",)
    at_real = False


@keras.saving.register_keras_serializable(package="kerasgan")
class DRAGANPenalty(Penalty):
    """DRAGAN (Kodali et al. 2017): a gradient penalty around perturbed real data.

    As in the authors' code: x_p = x + 0.5 std(x) u with u ~ U[0, 1] per
    element, x_hat = x + alpha (x_p - x) with alpha ~ U[0, 1] per example, and
    weight * (||grad D(x_hat)|| - k)^2. std(x) is taken over the global batch.
    """

    metric_names = ("dragan_gradient_norm",)

    def __init__(self, weight=10.0, k=1.0, perturbation=0.5):
        self.weight, self.k, self.perturbation = float(weight), float(k), float(perturbation)

    def __call__(self, critic, real, fake, seed_generator):
        noise = backend.replica_rows(
            lambda n: keras.random.uniform([n] + list(real.shape[1:]), seed=seed_generator),
            backend.batch_size(real),
        )
        perturbed = real + self.perturbation * backend.global_std(real) * noise
        alpha = _per_example_uniform(seed_generator, real)
        norm = per_example_gradient_norm(critic, real + alpha * (perturbed - real))
        return self.weight * ops.square(norm - self.k), {"dragan_gradient_norm": norm}

    def get_config(self):
        return {"weight": self.weight, "k": self.k, "perturbation": self.perturbation}


@keras.saving.register_keras_serializable(package="kerasgan")
class InstanceNoise:
    """Annealed instance noise (Sonderby et al. 2016; Arjovsky & Bottou 2017).

    Gaussian noise of standard deviation `stddev * max(0, 1 - step / anneal_steps)`
    is added to real and generated inputs of the discriminator, in both its
    and the generator's updates, so the two distributions overlap early in
    training. Pass as `instance_noise=` to any variant.
    """

    def __init__(self, stddev=0.1, anneal_steps=10_000):
        if stddev < 0 or anneal_steps <= 0:
            raise ValueError("InstanceNoise needs stddev >= 0 and anneal_steps > 0.")
        self.stddev, self.anneal_steps = float(stddev), int(anneal_steps)

    def current_stddev(self, step):
        progress = ops.cast(step, "float32") / float(self.anneal_steps)
        return self.stddev * ops.maximum(0.0, 1.0 - progress)

    def __call__(self, inputs, step, seed_generator):
        noise = backend.replica_rows(
            lambda n: keras.random.normal([n] + list(inputs.shape[1:]), seed=seed_generator),
            backend.batch_size(inputs),
        )
        return inputs + self.current_stddev(step) * noise

    def get_config(self):
        return {"stddev": self.stddev, "anneal_steps": self.anneal_steps}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
