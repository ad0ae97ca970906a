"""Penalties against closed forms on critics whose gradients are known."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from kerasgan import penalties


def linear_critic(weights):
    """f(x) = w . x: its input gradient is w everywhere."""
    inputs = keras.Input((len(weights),))
    layer = keras.layers.Dense(1, use_bias=False)
    critic = keras.Model(inputs, layer(inputs))
    layer.set_weights([np.asarray(weights, np.float32)[:, None]])
    return critic


def quadratic_critic(dim):
    """f(x) = sum(x^2): its input gradient is 2x."""
    inputs = keras.Input((dim,))
    return keras.Model(inputs, keras.layers.Lambda(lambda x: keras.ops.sum(x * x, axis=1, keepdims=True))(inputs))


REAL = tf.constant(np.random.default_rng(0).normal(size=(6, 3)), tf.float32)
FAKE = tf.constant(np.random.default_rng(1).normal(size=(6, 3)), tf.float32)


def test_gradient_penalty_two_and_one_sided():
    seeds = keras.random.SeedGenerator(0)
    for norm in (0.5, 3.0):
        critic = linear_critic([norm, 0.0, 0.0])
        two_sided, logs = penalties.GradientPenalty(weight=10.0)(critic, REAL, FAKE, seeds)
        np.testing.assert_allclose(two_sided, 10.0 * (norm - 1.0) ** 2 * np.ones(6), rtol=1e-5)
        np.testing.assert_allclose(logs["gradient_norm"], norm, rtol=1e-5)
        one_sided, _ = penalties.GradientPenalty(weight=10.0, one_sided=True)(critic, REAL, FAKE, seeds)
        np.testing.assert_allclose(one_sided, 10.0 * max(norm - 1.0, 0.0) ** 2 * np.ones(6), atol=1e-5)


def test_gradient_penalty_samples_between_real_and_fake():
    # With f = sum(x^2), ||grad|| = 2 ||x_hat||: check x_hat lies on the segment.
    critic = quadratic_critic(3)
    _, logs = penalties.GradientPenalty()(critic, REAL, FAKE, keras.random.SeedGenerator(3))
    half_norms = logs["gradient_norm"].numpy() / 2.0
    for i in range(6):
        segment = [REAL[i].numpy() * t + FAKE[i].numpy() * (1 - t) for t in np.linspace(0, 1, 2001)]
        assert np.min(np.abs(np.linalg.norm(segment, axis=1) - half_norms[i])) < 5e-3


def test_r1_and_r2_are_zero_centred_at_real_and_fake():
    critic = quadratic_critic(3)
    seeds = keras.random.SeedGenerator(0)
    r1, _ = penalties.R1Penalty(gamma=4.0)(critic, REAL, FAKE, seeds)
    np.testing.assert_allclose(r1, 2.0 * np.sum((2 * REAL.numpy()) ** 2, axis=1), rtol=1e-5)
    r2, _ = penalties.R2Penalty(gamma=4.0)(critic, REAL, FAKE, seeds)
    np.testing.assert_allclose(r2, 2.0 * np.sum((2 * FAKE.numpy()) ** 2, axis=1), rtol=1e-5)


def test_dragan_penalises_norm_around_real_data():
    critic = linear_critic([0.0, 2.0, 0.0])
    value, logs = penalties.DRAGANPenalty(weight=10.0, k=1.0)(critic, REAL, FAKE, keras.random.SeedGenerator(0))
    np.testing.assert_allclose(value, 10.0 * np.ones(6), rtol=1e-5)
    # Fakes do not enter: the same value with any fake batch.
    again, _ = penalties.DRAGANPenalty()(critic, REAL, FAKE * 100, keras.random.SeedGenerator(0))
    np.testing.assert_allclose(again, value, rtol=1e-5)


def test_instance_noise_anneals_to_zero():
    noise = penalties.InstanceNoise(stddev=0.2, anneal_steps=100)
    assert float(noise.current_stddev(0)) == pytest.approx(0.2)
    assert float(noise.current_stddev(50)) == pytest.approx(0.1)
    assert float(noise.current_stddev(150)) == 0.0
    x = tf.zeros((5000, 2))
    noisy = noise(x, 0, keras.random.SeedGenerator(0)).numpy()
    assert noisy.std() == pytest.approx(0.2, rel=0.05)
    np.testing.assert_array_equal(noise(x, 100, keras.random.SeedGenerator(0)).numpy(), 0.0)


def test_any_variant_takes_a_penalty_and_instance_noise_and_saves_them(tmp_path):
    import kerasgan
    from kerasgan.io import save_model_atomically
    from helpers import batched, random_images, small_dcgan_networks

    generator, discriminator = small_dcgan_networks()
    gan = kerasgan.LSGAN(
        generator=generator, discriminator=discriminator, seed=0,
        penalty=penalties.R1Penalty(gamma=5.0), instance_noise=penalties.InstanceNoise(0.1, 50),
    )
    gan.compile()
    history = gan.fit(batched(random_images(32), 16), epochs=1, verbose=0).history
    assert history["r1_gradient_norm"][0] > 0
    save_model_atomically(gan, str(tmp_path / "gan.keras"))
    loaded = keras.models.load_model(str(tmp_path / "gan.keras"))
    assert isinstance(loaded.penalty, penalties.R1Penalty) and loaded.penalty.gamma == 5.0
    assert (loaded.instance_noise.stddev, loaded.instance_noise.anneal_steps) == (0.1, 50)
