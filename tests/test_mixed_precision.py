"""Training under Keras' mixed precision policies: mixed_bfloat16 (the CPU's), and mixed_float16's loss scaling."""

import keras
import numpy as np
import pytest

import kerasgan
from helpers import train_ring_gan
from kerasgan.architectures import mlp_discriminator
from kerasgan.metrics import mode_coverage
from kerasgan.penalties import GradientPenalty
from kerasgan.penalties import LossScaledCritic
from kerasgan.penalties import per_example_gradient_norm
from translation_data import digits, small_cyclegan_networks


@pytest.fixture
def mixed_bfloat16():
    keras.config.set_dtype_policy("mixed_bfloat16")
    try:
        yield
    finally:
        keras.config.set_dtype_policy("float32")


def test_a_gan_still_learns_the_ring_and_samples_in_float32(mixed_bfloat16):
    gan, centers = train_ring_gan(kerasgan.DCGAN, steps=1000, batch_size=128)
    assert gan.generator.layers[-1].compute_dtype == "bfloat16"
    samples = gan.generate(2000, seed=1)
    assert samples.dtype == np.float32
    coverage = mode_coverage(samples, centers, 0.05)
    assert coverage["modes"] == 8 and coverage["high_quality"] > 0.3, coverage


def test_the_gradient_penalty_in_bfloat16_matches_float32():
    rng = np.random.default_rng(0)
    real, fake = (rng.normal(size=(64, 2)).astype("float32") for _ in range(2))
    values = {}
    for policy in ("float32", "mixed_bfloat16"):
        keras.config.set_dtype_policy(policy)
        try:
            keras.utils.set_random_seed(0)
            critic = mlp_discriminator(2, (64, 64))
            penalty, logs = GradientPenalty(10.0)(critic, real, fake, keras.random.SeedGenerator(0))
            values[policy] = (keras.ops.convert_to_numpy(penalty), keras.ops.convert_to_numpy(logs["gradient_norm"]))
        finally:
            keras.config.set_dtype_policy("float32")
    assert values["mixed_bfloat16"][0].dtype == np.float32
    # Per example the penalty agrees to 5% (bfloat16 keeps 8 bits); small norms at initialisation sum
    # terms that cancel, so they agree in the batch mean only.
    np.testing.assert_allclose(values["mixed_bfloat16"][0], values["float32"][0], rtol=0.05)
    np.testing.assert_allclose(values["mixed_bfloat16"][1].mean(), values["float32"][1].mean(), rtol=0.1)


def test_wgan_gp_trains_under_mixed_bfloat16(mixed_bfloat16):
    # Its interpolates mix float32 reals with the generator's fakes, cast back to float32.
    gan, _ = train_ring_gan(kerasgan.WGANGP, steps=20, batch_size=100)
    assert np.isfinite(gan.generate(8, seed=0)).all()


def _binary_exact_critic(rng, width=32):
    """A linear critic x -> x U W v whose weights are signed powers of two: ±2^10, ±2^-20, ±2^-12.

    Its input gradient is U W v. The gradient reaching the first hidden layer, W v, is k * 2^-32 with
    |k| <= width: below half of float16's smallest subnormal (2^-25), so an unscaled float16 backward
    pass rounds it to exactly zero, while at a loss scale of 2^15 it is k * 2^-17, which float16 holds
    exactly, as it holds every later sum (multiples of 2^-7 below 2^3). U lifts the input gradient
    (about 1e-5 per element) far above the norm's epsilon.
    """
    critic = keras.Sequential(
        [keras.Input((width,))] + [keras.layers.Dense(units, use_bias=False) for units in (width, width, 1)]
    )
    for layer, exponent in zip(critic.layers, (10, -20, -12)):
        signs = rng.choice([-1.0, 1.0], size=layer.kernel.shape)
        layer.kernel.assign((signs * 2.0**exponent).astype("float32"))
    return critic


def test_under_mixed_float16_penalties_take_input_gradients_at_the_loss_scale():
    # Float16's backward pass loses gradients below its subnormal range unless the scores are scaled
    # first, as LossScaledCritic does; the critic is built so that both outcomes are exact.
    inputs = keras.ops.convert_to_tensor(np.random.default_rng(0).uniform(-1, 1, (16, 32)).astype("float32"))
    norms = {}
    for policy in ("float32", "mixed_float16"):
        keras.config.set_dtype_policy(policy)
        try:
            critic = _binary_exact_critic(np.random.default_rng(1))
            optimizer = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(), initial_scale=2.0**15)
            for name, scored in (("as is", critic), ("scaled", LossScaledCritic(critic, optimizer))):
                norms[policy, name] = keras.ops.convert_to_numpy(per_example_gradient_norm(scored, inputs))
        finally:
            keras.config.set_dtype_policy("float32")
    reference = norms["float32", "as is"]
    assert reference.min() > 1e-5, reference  # far above sqrt(NORM_EPSILON) = 1e-6
    np.testing.assert_array_equal(norms["float32", "scaled"], reference)  # float32: the scale cancels exactly
    np.testing.assert_allclose(norms["mixed_float16", "scaled"], reference, rtol=1e-6)
    # Unscaled, the gradient is zero and the norm is the epsilon's alone.
    np.testing.assert_allclose(norms["mixed_float16", "as is"], 1e-6, rtol=1e-3)


def test_wgan_gp_trains_under_mixed_float16_with_loss_scaling():
    keras.config.set_dtype_policy("mixed_float16")
    try:
        gan, _ = train_ring_gan(kerasgan.WGANGP, steps=20, batch_size=100)
    finally:
        keras.config.set_dtype_policy("float32")
    assert isinstance(gan.d_optimizer, keras.optimizers.LossScaleOptimizer)
    assert np.isfinite(gan.generate(8, seed=0)).all()


def test_cyclegan_trains_under_mixed_bfloat16_with_its_image_pools(mixed_bfloat16):
    a, _ = digits(16)
    gan = kerasgan.CycleGAN(*small_cyclegan_networks(), pool_size=4, seed=0)
    gan.compile()
    history = gan.fit(kerasgan.data.translation.TranslationBatches(
        np.uint8((a + 1) * 127.5), np.uint8((1 - a) * 127.5), 4, seed=0, jitter=False), epochs=1, verbose=0).history
    assert all(np.isfinite(values).all() for values in history.values())
    assert gan.pool_a.images.dtype == "float32" and int(keras.ops.convert_to_numpy(gan.pool_a.count)) == 4
