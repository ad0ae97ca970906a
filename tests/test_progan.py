"""ProGAN: growth schedule, fade-in continuity, EMA sampling, stages, saving, distribution."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.architectures import ProgressiveDiscriminator, ProgressiveGenerator
from kerasgan.architectures.progan import downsample, upsample
from kerasgan.callbacks import ProgressiveGrowing, growth_stage_and_alpha
from kerasgan.io import save_model_atomically
from helpers import assert_sampling_follows_the_generator_average, batched, random_images

FILTERS = (8, 8, 4)  # 4x4, 8x8, 16x16


def small_networks(stage=0):
    return (
        ProgressiveGenerator(16, 1, latent_dim=8, filters=FILTERS, stage=stage),
        ProgressiveDiscriminator(16, 1, filters=FILTERS, stage=stage),
    )


def small_progan(stage=0, **kwargs):
    generator, discriminator = small_networks(stage)
    gan = kerasgan.ProGAN(generator=generator, discriminator=discriminator, stage=stage, seed=0, **kwargs)
    gan.compile()
    return gan


def test_schedule_stages_and_alpha():
    expected = {0: (0, 1.0), 99: (0, 1.0), 100: (1, 0.0), 125: (1, 0.5), 150: (1, 1.0),
                249: (1, 1.0), 250: (2, 0.0), 300: (2, 1.0), 10_000: (2, 1.0)}
    for seen, stage_alpha in expected.items():
        assert growth_stage_and_alpha(seen, 3, fade_images=50, stable_images=100) == stage_alpha, seen


def test_fit_follows_the_schedule_and_grows_with_fresh_optimizers():
    gan = small_progan()
    seen_by_batch = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            seen_by_batch.append((self.model.stage, self.model.alpha, id(self.model.g_optimizer)))

    images = random_images(8 * 12, image_size=16)
    schedule = ProgressiveGrowing(fade_images=16, stable_images=16)  # 2 batches each
    gan.fit(batched(images, 8), epochs=1, callbacks=[schedule, Record()], verbose=0)
    stages_alphas = [(stage, alpha) for stage, alpha, _ in seen_by_batch]
    assert stages_alphas == [(0, 1.0), (0, 1.0), (1, 0.0), (1, 0.5), (1, 1.0), (1, 1.0),
                             (2, 0.0), (2, 0.5), (2, 1.0), (2, 1.0), (2, 1.0), (2, 1.0)]
    assert len({optimizer for _, _, optimizer in seen_by_batch}) == 3  # one per stage
    assert int(gan.images_seen.numpy()) == len(images)
    # Stage 2's fresh optimizer was built on stage 2's variables and took 6 steps.
    assert int(gan.g_optimizer.iterations.numpy()) == 6
    assert len(gan.generator.trainable_variables) > len(small_networks(1)[0].trainable_variables)


@pytest.mark.parametrize("stage", [1, 2])
def test_grown_networks_at_alpha_zero_compute_the_previous_stage(stage):
    generator, discriminator = small_networks(stage - 1)
    z = np.random.default_rng(0).normal(size=(8, 8)).astype("float32")
    images = random_images(8, image_size=16)
    before = keras.ops.convert_to_numpy(generator(z)), keras.ops.convert_to_numpy(discriminator(images))
    for network in (generator, discriminator):
        network.set_stage(stage)
        network.alpha.assign(0.0)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(generator(z)), before[0], atol=1e-5)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(discriminator(images)), before[1], atol=1e-5)
    generator.alpha.assign(1.0)
    assert np.abs(keras.ops.convert_to_numpy(generator(z)) - before[0]).max() > 1e-3  # the new block does take over


def test_real_images_fade_with_alpha():
    gan = small_progan(stage=1)
    images = keras.ops.convert_to_tensor(random_images(4, image_size=16))
    at_8 = upsample(downsample(images, 2), 2)
    at_4 = upsample(downsample(images, 4), 4)
    gan.set_alpha(0.0)
    np.testing.assert_allclose(gan.process_reals(images), at_4, atol=1e-6)
    gan.set_alpha(1.0)
    np.testing.assert_allclose(gan.process_reals(images), at_8, atol=1e-6)
    gan.set_alpha(0.25)
    np.testing.assert_allclose(gan.process_reals(images), 0.75 * at_4 + 0.25 * at_8, atol=1e-6)


def test_sampling_uses_the_moving_average_of_the_generator():
    gan = small_progan(ema_decay=0.9)
    assert_sampling_follows_the_generator_average(gan, batched(random_images(24, image_size=16), 8), 0.9)
    assert small_progan().ema_decay == 0.999  # the paper's


def test_saved_mid_fade_resumes_at_its_stage_and_alpha(tmp_path):
    gan = small_progan()
    schedule = ProgressiveGrowing(fade_images=32, stable_images=16)
    images = random_images(8 * 4, image_size=16)
    gan.fit(batched(images, 8), epochs=1, callbacks=[schedule], verbose=0)  # 16 stable + 16 into the fade
    path = str(tmp_path / "progan.keras")
    save_model_atomically(gan, path)
    loaded = keras.models.load_model(path)
    assert (loaded.stage, loaded.alpha, int(loaded.images_seen.numpy())) == (1, 0.25, 32)
    np.testing.assert_allclose(loaded.generate(4, seed=1), gan.generate(4, seed=1), atol=1e-6)
    more_images = random_images(8 * 6, image_size=16, seed=1)
    for model in (gan, loaded):  # 32 more to the end of the fade, 16 stable, 16 into stage 2
        model.fit(batched(more_images, 8), epochs=1, callbacks=[ProgressiveGrowing(32, 16)], verbose=0)
    assert (loaded.stage, loaded.alpha) == (gan.stage, gan.alpha) == (2, 0.25)
    np.testing.assert_allclose(loaded.generate(4, seed=1), gan.generate(4, seed=1), atol=1e-4)


def test_rejects_networks_that_cannot_grow():
    from helpers import small_dcgan_networks

    generator, discriminator = small_dcgan_networks(normalization="layer")
    with pytest.raises(TypeError, match="growing network"):
        kerasgan.ProGAN(generator=generator, discriminator=discriminator)
    with pytest.raises(ValueError, match="powers of two"):
        kerasgan.ProGAN(data_shape=(28, 28, 1))
