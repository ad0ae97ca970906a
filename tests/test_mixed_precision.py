"""Training under Keras' mixed_bfloat16 policy (the CPU's mixed precision)."""

import keras
import numpy as np
import pytest

import kerasgan
from helpers import train_ring_gan
from kerasgan.architectures import mlp_discriminator
from kerasgan.metrics import mode_coverage
from kerasgan.penalties import GradientPenalty


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
