"""Callbacks: sample grids and metric monitors during fit."""

import os

import keras
import numpy as np
import pytest
import tensorflow as tf

import kerasgan
from kerasgan import data
from kerasgan.architectures import dcgan_discriminator, dcgan_generator
from kerasgan.callbacks import FID, KID, InceptionScore, SampleGrid
from helpers import batched, random_images, small_dcgan_networks


def _small_mnist_gan(seed=0):
    return kerasgan.DCGAN(
        generator=dcgan_generator((28, 28, 1), 32, base_filters=16),
        discriminator=dcgan_discriminator((28, 28, 1), base_filters=16),
        seed=seed,
    )


def test_metric_callbacks_track_learning_on_mnist(mnist_dir, tmp_path):
    keras.utils.set_random_seed(0)
    train = data.load_mnist(mnist_dir, split="train")[:6400]
    real = data.scale_images(data.load_mnist(mnist_dir, split="validation")[:1000])
    gan = _small_mnist_gan()
    gan.compile()
    monitors = [
        FID("mnist_classifier", real, num_samples=500, every_n_epochs=1, dataset="mnist", split="validation",
            cache_dir=str(tmp_path)),
        KID("mnist_classifier", real, num_samples=500, subset_size=200, num_subsets=10, every_n_epochs=2,
            cache_dir=str(tmp_path)),
        InceptionScore("mnist_classifier", num_samples=500, every_n_epochs=1),
    ]
    history = gan.fit(data.image_dataset(train, 64, seed=0), epochs=4, callbacks=monitors, verbose=0).history
    assert len(history["fid"]) == 4 and len(history["inception_score"]) == 4
    assert len(history["kid"]) == 2  # every second epoch only
    assert history["fid"][-1] < 0.5 * history["fid"][0], history["fid"]
    assert history["inception_score"][-1] > history["inception_score"][0], history["inception_score"]
    assert history["kid"][-1] < history["kid"][0], history["kid"]
    assert len(os.listdir(tmp_path)) == 2  # FID and KID reference activations were cached


def test_metric_callback_after_training_under_a_strategy(two_cpu_strategy, mnist_dir):
    images = data.load_mnist(mnist_dir, split="validation")[:300]
    with two_cpu_strategy.scope():
        gan = _small_mnist_gan()
        gan.compile()
    monitor = FID("mnist_classifier", data.scale_images(images), num_samples=300, every_n_epochs=1)
    history = gan.fit(data.image_dataset(images[:256], 64), epochs=1, callbacks=[monitor], verbose=0).history
    assert np.isfinite(history["fid"][0]) and history["fid"][0] > 0


def test_sample_grid_writes_png_and_tensorboard(tmp_path):
    generator, discriminator = small_dcgan_networks()
    gan = kerasgan.DCGAN(generator=generator, discriminator=discriminator, seed=0)
    gan.compile()
    grid = SampleGrid(str(tmp_path / "png"), num_samples=9, every_n_epochs=2, log_dir=str(tmp_path / "tb"))
    gan.fit(batched(random_images(32), 16), epochs=4, callbacks=[grid], verbose=0)
    assert sorted(os.listdir(tmp_path / "png")) == ["samples_epoch_0002.png", "samples_epoch_0004.png"]
    first = tf.io.decode_png((tmp_path / "png" / "samples_epoch_0002.png").read_bytes()).numpy()
    last = tf.io.decode_png((tmp_path / "png" / "samples_epoch_0004.png").read_bytes()).numpy()
    assert first.shape == (48, 48, 1) and not np.array_equal(first, last)  # same noise, trained generator
    events = [f for root, _, files in os.walk(tmp_path / "tb") for f in files if "tfevents" in f]
    assert events


def test_a_diverging_run_stops_with_the_first_non_finite_loss_and_keeps_the_last_good_checkpoint(tmp_path):
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
    gan.compile()
    images = random_images(64)
    path = str(tmp_path / "checkpoint.keras")
    checkpoint = keras.callbacks.ModelCheckpoint(path)
    gan.fit(images, batch_size=8, epochs=1, callbacks=[kerasgan.callbacks.StopOnNonFinite(), checkpoint], verbose=0)
    good = open(path, "rb").read()
    gan.compile(keras.optimizers.SGD(1e30), keras.optimizers.SGD(1e30))  # diverges within a few steps
    with pytest.raises(kerasgan.callbacks.NonFiniteTrainingError, match=r"(d_loss|g_loss) = (nan|inf).* at step \d+"):
        gan.fit(images, batch_size=8, epochs=3, callbacks=[kerasgan.callbacks.StopOnNonFinite(), checkpoint], verbose=0)
    assert open(path, "rb").read() == good
    # Keras' own TerminateOnNaN reads logs["loss"], which the models do not log: it lets the run go on.
    history = gan.fit(images, batch_size=8, epochs=2, callbacks=[keras.callbacks.TerminateOnNaN()], verbose=0).history
    assert len(history["d_loss"]) == 2 and not np.isfinite(history["d_loss"][-1])


def test_it_can_find_a_non_finite_weight_when_no_loss_shows_it():
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
    gan.compile()
    gan.generator.layers[1].kernel.assign(np.full(gan.generator.layers[1].kernel.shape, np.nan, "float32"))
    logs = {"d_loss": 0.5}
    guard = kerasgan.callbacks.StopOnNonFinite(check_weights_every=1)
    guard.set_model(gan)
    with pytest.raises(kerasgan.callbacks.NonFiniteTrainingError, match=gan.generator.layers[1].kernel.path):
        guard.on_train_batch_end(0, logs)


def test_linear_decay_counts_train_steps_when_the_critic_updates_n_critic_times():
    # WGAN-GP's critic takes 5 updates per step: both rates follow the step count, the generator's.
    gan = kerasgan.WGANGP(data_shape=(2,), latent_dim=2, seed=0)
    gan.compile()
    rates = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            rates.append((float(self.model.d_optimizer.learning_rate), float(self.model.g_optimizer.learning_rate)))

    points = np.random.default_rng(0).normal(size=(8 * 5 * 4, 2)).astype("float32")
    gan.fit(points, batch_size=5 * 4, epochs=1, callbacks=[kerasgan.callbacks.LinearDecay(8, 0.5), Record()],
            verbose=0)
    expected = [1e-4] * 4 + [1e-4, 0.75e-4, 0.5e-4, 0.25e-4]
    np.testing.assert_allclose(rates, np.stack([expected, expected], axis=1), rtol=1e-5)
    assert int(gan.d_optimizer.iterations) == 5 * int(gan.g_optimizer.iterations) == 40


def test_a_run_whose_losses_explode_but_stay_finite_is_stopped_before_saving(tmp_path):
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
    gan.compile(keras.optimizers.SGD(1e6), keras.optimizers.SGD(1e6))
    images, path = random_images(64), str(tmp_path / "checkpoint.keras")
    checkpoint = keras.callbacks.ModelCheckpoint(path)
    with pytest.raises(kerasgan.callbacks.NonFiniteTrainingError,
                       match=r"(d_loss|g_loss) = [-\d.e+]+, beyond max_abs_value=1e\+06, at step \d+"):
        gan.fit(images, batch_size=8, epochs=3, callbacks=[kerasgan.callbacks.StopOnNonFinite(), checkpoint], verbose=0)
    assert not os.path.exists(path)
