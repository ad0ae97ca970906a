"""BEGAN: the k_t controller, the convergence measure, saving, distribution."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.architectures import began_discriminator, began_generator
from kerasgan.callbacks import ReduceLearningRatesOnPlateau
from kerasgan.io import save_model_atomically
from helpers import (
    assert_sampling_follows_the_generator_average, batched, random_images,
    small_dcgan_networks,
)


def small_networks(image_size=16, latent_dim=8, filters=4, minibatch_stddev_channels=0):
    shape = (image_size, image_size, 1)
    return (
        began_generator(shape, latent_dim, filters, convs_per_block=1),
        began_discriminator(
            shape, latent_dim, filters, convs_per_block=1, minibatch_stddev_channels=minibatch_stddev_channels
        ),
    )


def small_began(**kwargs):
    generator, discriminator = small_networks()
    gan = kerasgan.BEGAN(generator=generator, discriminator=discriminator, seed=0, **kwargs)
    gan.compile()
    return gan


def test_one_step_follows_the_paper():
    """k_1 = clip(k_0 + lambda_k (gamma L(x) - L(G(z_G))), 0, 1) from the step's own losses."""
    gan = small_began(gamma=0.7, lambda_k=0.5)
    gan.k.assign(0.2)
    images = random_images(8, image_size=16)
    discriminator_before = [w.numpy() for w in gan.discriminator.weights]
    history = gan.fit(batched(images, 8), epochs=1, verbose=0).history
    real_loss, fake_loss = history["real_loss"][0], history["g_loss"][0]
    # Recompute L(x) with the discriminator as it was before the update.
    updated = [w.numpy() for w in gan.discriminator.weights]
    gan.discriminator.set_weights(discriminator_before)
    reconstruction = gan.discriminator(images).numpy()
    gan.discriminator.set_weights(updated)
    assert real_loss == pytest.approx(np.abs(images - reconstruction).mean(), rel=1e-5)
    expected_k = np.clip(0.2 + 0.5 * (0.7 * real_loss - fake_loss), 0.0, 1.0)
    assert float(gan.k.numpy()) == pytest.approx(expected_k, abs=1e-6)
    assert history["k"][0] == pytest.approx(expected_k, abs=1e-6)  # logged: the current k_t
    assert history["convergence"][0] == pytest.approx(real_loss + abs(0.7 * real_loss - fake_loss), rel=1e-5)
    assert history["d_loss"][0] == pytest.approx(real_loss - 0.2 * history["g_loss"][0], abs=0.05)


def test_k_saturates_at_the_bounds():
    gan = small_began(lambda_k=100.0)
    gan.fit(batched(random_images(32, image_size=16), 8), epochs=1, verbose=0)
    assert 0.0 <= float(gan.k.numpy()) <= 1.0
    assert float(gan.k.numpy()) in (0.0, 1.0)


def test_k_and_the_noise_state_survive_saving(tmp_path):
    gan = small_began()
    gan.fit(batched(random_images(16, image_size=16), 8), epochs=1, verbose=0)
    gan.k.assign(0.37)
    path = str(tmp_path / "began.keras")
    save_model_atomically(gan, path)
    loaded = keras.models.load_model(path)
    assert isinstance(loaded, kerasgan.BEGAN)
    assert float(loaded.k.numpy()) == pytest.approx(0.37)
    assert (loaded.gamma, loaded.lambda_k, loaded.eta) == (0.5, 0.001, 1)
    np.testing.assert_array_equal(loaded.generate(4, seed=2), gan.generate(4, seed=2))
    np.testing.assert_array_equal(loaded.sample_latents(3), gan.sample_latents(3))


def test_latents_are_uniform_and_samples_clipped():
    gan = small_began()
    z = gan.sample_latents(20_000, seed=1).numpy()
    assert z.min() >= -1.0 and z.max() <= 1.0
    assert abs(z.std() - 1 / np.sqrt(3)) < 0.01  # U[-1, 1], not N(0, 1)
    gan.generator.layers[-1].bias.assign(np.full((1,), 5.0, "float32"))
    assert gan.generate(4, seed=1).max() == 1.0


@pytest.mark.parametrize("skip_connections", [False, True])
def test_skip_connections_carry_h0_past_the_first_block(skip_connections):
    """Section 3.5.1: every block after an upsampling also sees h0, so z reaches the
    image even when the first block passes nothing on."""
    generator = began_generator((16, 16, 1), 8, 4, convs_per_block=1, skip_connections=skip_connections)
    first_block = generator.get_layer("generator_block0_conv0")
    first_block.set_weights([np.zeros_like(w) for w in first_block.get_weights()])
    z = np.random.default_rng(0).uniform(-1, 1, (2, 8)).astype("float32")
    images = generator(z).numpy()
    if skip_connections:
        assert np.abs(images[0] - images[1]).max() > 1e-4
    else:
        np.testing.assert_allclose(images[0], images[1])


@pytest.mark.parametrize("minibatch_stddev_channels", [0, 1, 4, "per_feature"])
def test_minibatch_stddev_lets_the_batch_shape_each_reconstruction(minibatch_stddev_channels):
    """With the statistic, an image's reconstruction depends on the other images of
    its group of 4 (a batch of identical fakes is told apart); without it, it does not."""
    discriminator = began_discriminator((16, 16, 1), 8, 4, 1, minibatch_stddev_channels=minibatch_stddev_channels)
    rng = np.random.default_rng(0)
    image = rng.uniform(-1, 1, (1, 16, 16, 1)).astype("float32")
    varied = np.concatenate([image, rng.uniform(-1, 1, (3, 16, 16, 1)).astype("float32")])
    identical = np.repeat(image, 4, axis=0)
    change = np.abs(np.asarray(discriminator(varied)[0]) - np.asarray(discriminator(identical)[0])).max()
    if minibatch_stddev_channels:
        assert change > 1e-4
    else:
        assert change < 1e-6


def test_optional_moving_average_of_the_generator_is_what_generate_samples():
    """Not in the BEGAN paper; BEGAN's own train_step must update it too."""
    gan = small_began(ema_decay=0.9, lambda_k=0.05)
    assert_sampling_follows_the_generator_average(gan, batched(random_images(32, image_size=16), 8), 0.9)


def test_rejects_bad_configurations():
    generator, discriminator = small_dcgan_networks()
    with pytest.raises(ValueError, match="autoencoder"):
        kerasgan.BEGAN(generator=generator, discriminator=discriminator)
    with pytest.raises(ValueError, match="gamma"):
        kerasgan.BEGAN(data_shape=(16, 16, 1), gamma=0.0)
    assert kerasgan.BEGAN(data_shape=(16, 16, 1), gamma=1.5).gamma == 1.5  # above the paper's range: allowed
    with pytest.raises(ValueError, match="n_critic"):
        kerasgan.BEGAN(data_shape=(16, 16, 1), n_critic=5)


def test_reduce_learning_rates_on_plateau_halves_both_optimizers():
    gan = small_began()
    gan.compile(keras.optimizers.Adam(1e-3), keras.optimizers.Adam(2e-3))
    callback = ReduceLearningRatesOnPlateau("convergence", factor=0.5, patience=2)
    callback.set_model(gan)
    for epoch, value in enumerate([0.5, 0.4, 0.41, 0.40, 0.39]):
        callback.on_epoch_end(epoch, {"convergence": value})
    # 0.41 and 0.40 do not beat 0.4: one halving; 0.39 is a new best.
    assert float(gan.d_optimizer.learning_rate) == pytest.approx(5e-4)
    assert float(gan.g_optimizer.learning_rate) == pytest.approx(1e-3)
    with pytest.raises(KeyError, match="missing_value"):
        ReduceLearningRatesOnPlateau("missing_value").on_epoch_end(0, {"convergence": 1.0})
