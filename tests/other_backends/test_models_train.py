"""The models train on Keras' JAX backend with the same API, and learn."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.architectures import began_discriminator, began_generator
from kerasgan.data.toy import ring_centers, sample_mixture
from kerasgan.metrics import mode_coverage
from helpers import random_images, small_dcgan_networks
from user_conditional_gan import ConditionalLSGAN, conditional_mlps

RING_STD = 0.05


def ring_points(steps, batch_size, seed=0):
    return sample_mixture(ring_centers(), RING_STD, steps * batch_size, seed=seed)


@pytest.mark.parametrize("model_class", [kerasgan.DCGAN, kerasgan.LSGAN])
def test_mlp_gans_cover_the_ring(model_class):
    keras.utils.set_random_seed(0)
    gan = model_class(data_shape=(2,), latent_dim=2, seed=0)
    gan.compile(keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5))
    assert gan.jit_compile == (keras.backend.backend() == "jax")  # XLA is the JAX default, eager PyTorch's
    gan.fit(ring_points(1500, 256), batch_size=256, epochs=1, verbose=0)
    coverage = mode_coverage(gan.generate(2000, seed=1), ring_centers(), RING_STD)
    assert coverage["modes"] >= 7 and coverage["high_quality"] >= 0.5, coverage
    assert int(gan.d_optimizer.iterations.numpy()) == int(gan.g_optimizer.iterations.numpy()) == 1500


def test_wgan_gp_takes_fresh_batches_and_its_penalty_holds_the_norm_near_one():
    keras.utils.set_random_seed(0)
    gan = kerasgan.WGANGP(data_shape=(2,), latent_dim=2, gp_weight=0.1, seed=0)
    gan.compile(keras.optimizers.Adam(1e-4, 0.5, 0.9), keras.optimizers.Adam(1e-4, 0.5, 0.9))
    history = gan.fit(ring_points(1000, 5 * 128), batch_size=5 * 128, epochs=1, verbose=0).history
    assert int(gan.d_optimizer.iterations.numpy()) == 5000 and int(gan.g_optimizer.iterations.numpy()) == 1000
    assert 0.5 < history["gradient_norm"][-1] < 2.0, history
    coverage = mode_coverage(gan.generate(2000, seed=1), ring_centers(), RING_STD)
    assert coverage["modes"] >= 7, coverage
    with pytest.raises(ValueError, match="n_critic=5"):
        gan.fit(ring_points(1, 12), batch_size=12, verbose=0)


def test_a_users_conditional_gan_with_r1_puts_each_label_on_its_mode():
    keras.utils.set_random_seed(0)
    gan = ConditionalLSGAN(
        *conditional_mlps(2, 2, 8), num_classes=8, seed=0, penalty=kerasgan.penalties.R1Penalty(1.0)
    )
    gan.compile(keras.optimizers.Adam(1e-3, beta_1=0.5), keras.optimizers.Adam(1e-3, beta_1=0.5))
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 8, 128 * 1200).astype("int32")
    points = (ring_centers()[labels] + RING_STD * rng.normal(size=(len(labels), 2))).astype("float32")
    history = gan.fit(points, labels, batch_size=128, epochs=1, verbose=0).history
    assert history["r1_gradient_norm"][0] > 0
    for label in range(8):
        samples = gan.generate(200, labels=label, seed=label)
        nearest = np.argmin(np.linalg.norm(samples[:, None] - ring_centers()[None], axis=-1), axis=1)
        assert (nearest == label).mean() >= 0.9, label


def test_began_moves_k_by_the_papers_rule_and_updates_the_average():
    generator = began_generator((16, 16, 1), 8, 4, convs_per_block=1)
    discriminator = began_discriminator((16, 16, 1), 8, 4, convs_per_block=1)
    gan = kerasgan.BEGAN(generator, discriminator, gamma=0.7, lambda_k=0.5, ema_decay=0.5, seed=0)
    gan.compile()
    gan.k.assign(0.2)
    before = [w.numpy() for w in gan.generator.weights]
    history = gan.fit(random_images(8), batch_size=8, epochs=1, verbose=0).history
    expected_k = np.clip(0.2 + 0.5 * (0.7 * history["real_loss"][0] - history["g_loss"][0]), 0.0, 1.0)
    assert float(gan.k.numpy()) == pytest.approx(expected_k, abs=1e-5)
    for average, old, new in zip(gan.ema_generator.weights, before, gan.generator.weights):
        np.testing.assert_allclose(average.numpy(), 0.5 * old + 0.5 * new.numpy(), atol=1e-6)


def test_a_saved_model_resumes_exactly(tmp_path):
    gan = kerasgan.LSGAN(*small_dcgan_networks(), seed=3, ema_decay=0.8)
    gan.compile(keras.optimizers.Adam(1e-3), keras.optimizers.Adam(5e-4))
    gan.fit(random_images(32), batch_size=16, epochs=1, verbose=0, shuffle=False)
    path = str(tmp_path / "gan.keras")
    gan.save(path)
    loaded = kerasgan.load_model(path)
    np.testing.assert_array_equal(loaded.generate(8, seed=1), gan.generate(8, seed=1))
    for model in (gan, loaded):
        model.fit(random_images(32, seed=1), batch_size=16, epochs=1, verbose=0, shuffle=False)
    assert int(loaded.d_optimizer.iterations.numpy()) == 4
    assert max(float(np.abs(a - b).max()) for a, b in zip(gan.get_weights(), loaded.get_weights())) < 1e-6


from test_cli import test_train_then_sample_then_evaluate  # noqa: E402, F401  (the main job, on JAX)
