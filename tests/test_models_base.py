"""The base model contract: constructor, generate, seeding, saving."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.io import save_model_atomically
from helpers import (
    assert_sampling_follows_the_generator_average, batched, max_weight_difference, random_images, small_dcgan_networks,
)


def _small_gan(model_class=kerasgan.DCGAN, seed=3, **kwargs):
    generator, discriminator = small_dcgan_networks()
    return model_class(generator=generator, discriminator=discriminator, seed=seed, **kwargs)


def test_user_networks_are_kept_and_latent_dim_inferred():
    generator, discriminator = small_dcgan_networks(latent_dim=12)
    gan = kerasgan.LSGAN(generator=generator, discriminator=discriminator)
    assert gan.generator is generator and gan.discriminator is discriminator
    assert gan.latent_dim == 12


def test_latent_dim_that_disagrees_with_generator_is_rejected():
    generator, discriminator = small_dcgan_networks(latent_dim=12)
    with pytest.raises(ValueError, match="latent_dim=7 does not match"):
        kerasgan.DCGAN(generator=generator, discriminator=discriminator, latent_dim=7)


def test_only_one_network_is_rejected():
    generator, _ = small_dcgan_networks()
    with pytest.raises(ValueError, match="both"):
        kerasgan.DCGAN(generator=generator)


def test_default_networks_follow_data_shape():
    for model_class in (kerasgan.DCGAN, kerasgan.HingeGAN):
        for shape in [(28, 28, 1), (32, 32, 3), (64, 64, 3), (2,)]:
            gan = model_class(data_shape=shape, latent_dim=16)
            assert gan.generator.output_shape[1:] == shape
            assert gan.discriminator.input_shape[1:] == shape
            assert gan.discriminator.output_shape[1:] == (1,)


def test_the_hinge_gan_discriminator_is_sn_gans_standard_cnn():
    discriminator = kerasgan.HingeGAN(data_shape=(32, 32, 3)).discriminator
    layers = [layer.layer for layer in discriminator.layers if isinstance(layer, keras.layers.SpectralNormalization)]
    convolutions = [(layer.filters, layer.kernel_size[0], layer.strides[0]) for layer in layers[:-1]]
    # Miyato et al. 2018, Table 3(b): 32x32 -> 4x4 in three halvings, the last convolution at 512.
    assert convolutions == [(64, 3, 1), (64, 4, 2), (128, 3, 1), (128, 4, 2), (256, 3, 1), (256, 4, 2), (512, 3, 1)]
    assert isinstance(layers[-1], keras.layers.Dense)


def test_generate_is_bounded_and_repeatable_with_a_seed():
    gan = _small_gan()
    first = gan.generate(10, seed=7)
    assert first.shape == (10, 16, 16, 1)
    assert first.min() >= -1 and first.max() <= 1
    np.testing.assert_array_equal(first, gan.generate(10, seed=7))
    assert not np.allclose(first, gan.generate(10, seed=8))
    # call() runs the generator, so predict works on latent vectors.
    z = gan.sample_latents(4, seed=7)
    np.testing.assert_allclose(gan.predict(z, verbose=0), first[:4], atol=1e-6)


def _train_once(seed):
    keras.utils.set_random_seed(seed)
    gan = _small_gan(seed=seed)
    gan.compile()
    gan.fit(batched(random_images(64), 16), epochs=2, verbose=0)
    return gan.get_weights()


def test_same_seed_gives_identical_weights():
    first, second = _train_once(11), _train_once(11)
    assert max_weight_difference(first, second) == 0.0
    assert max_weight_difference(first, _train_once(12)) > 1e-3


def test_save_and_load_round_trip(tmp_path):
    gan = _small_gan(kerasgan.LSGAN, a=-1.0, b=1.0, c=0.0)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(5e-4))
    gan.fit(batched(random_images(32), 16), epochs=1, verbose=0)
    path = str(tmp_path / "gan.keras")
    save_model_atomically(gan, path)
    loaded = keras.models.load_model(path)
    assert isinstance(loaded, kerasgan.LSGAN)
    assert (loaded.a, loaded.b, loaded.c) == (-1.0, 1.0, 0.0)
    np.testing.assert_array_equal(loaded.generate(8, seed=1), gan.generate(8, seed=1))
    assert float(loaded.g_optimizer.learning_rate) == pytest.approx(5e-4)
    for original, restored in zip(gan.d_optimizer.variables, loaded.d_optimizer.variables):
        np.testing.assert_array_equal(original.numpy(), restored.numpy())
    assert int(loaded.d_optimizer.iterations) == 2
    # Training resumes from the restored state, noise stream included: the
    # reloaded model continues exactly as the original does.
    for model in (gan, loaded):
        model.fit(batched(random_images(32, seed=1), 16), epochs=1, verbose=0)
    assert int(loaded.d_optimizer.iterations) == 4
    assert max_weight_difference(gan.get_weights(), loaded.get_weights()) < 1e-6


def test_moving_average_of_the_generator_is_sampled_saved_and_restored(tmp_path):
    """BatchNorm statistics of the DCGAN generator are copied; the weights are averaged."""
    gan = _small_gan(ema_decay=0.8)
    gan.compile()
    assert_sampling_follows_the_generator_average(gan, batched(random_images(64), 16), 0.8)
    path = str(tmp_path / "gan.keras")
    save_model_atomically(gan, path)
    loaded = keras.models.load_model(path)
    assert loaded.ema_decay == 0.8
    np.testing.assert_array_equal(loaded.generate(8, seed=1), gan.generate(8, seed=1))
    plain = _small_gan()  # the default: sample from the trained generator
    assert plain.ema_decay is None and plain.sampling_generator is plain.generator


@pytest.mark.parametrize("decay", [-0.1, 1.0])
def test_ema_decay_outside_its_range_is_rejected(decay):
    with pytest.raises(ValueError, match="ema_decay must be None or in"):
        _small_gan(ema_decay=decay)


def test_ema_needs_a_generator_that_rebuilds_from_its_config():
    class WrappedGenerator(keras.Model):  # its config lacks `body`, so it cannot be copied
        def __init__(self, body):
            z = keras.Input((8,))
            super().__init__(z, keras.layers.Reshape((16, 16, 1))(body(z)))

    _, discriminator = small_dcgan_networks()
    generator = WrappedGenerator(keras.layers.Dense(256))
    with pytest.raises(ValueError, match="ema_decay needs a generator that can be rebuilt from its config"):
        kerasgan.DCGAN(generator=generator, discriminator=discriminator, ema_decay=0.9)
    assert kerasgan.DCGAN(generator=generator, discriminator=discriminator).generator is generator


def test_generator_saves_alone(tmp_path):
    gan = _small_gan()
    path = str(tmp_path / "generator.keras")
    save_model_atomically(gan.generator, path)
    generator = keras.models.load_model(path)
    z = gan.sample_latents(4, seed=2)
    np.testing.assert_array_equal(generator(z).numpy(), gan.generator(z).numpy())


def test_uint8_images_are_rejected_with_a_clear_error():
    gan = _small_gan()
    gan.compile()
    images = np.zeros((16, 16, 16, 1), dtype=np.uint8)
    with pytest.raises(ValueError, match="dtype uint8"):
        gan.fit(images, batch_size=8, verbose=0)
    with pytest.raises(ValueError, match=r"outside \[-1, 1\]"):
        gan.fit(batched(random_images(16) * 255.0, 8), verbose=0)


def test_wrong_rank_channels_and_empty_data_are_rejected():
    gan = _small_gan()
    gan.compile()
    with pytest.raises(ValueError, match="rank 2"):
        gan.fit(np.zeros((8, 16, 16), np.float32), verbose=0)
    with pytest.raises(ValueError, match="channels last"):
        gan.fit(np.zeros((8, 16, 16, 3), np.float32), verbose=0)
    with pytest.raises(ValueError, match="empty"):
        gan.fit(batched(random_images(16), 8).take(0), verbose=0)
