"""EBGAN: the paper's energy losses and pulling-away term, mode coverage, the same numbers under a strategy."""

import keras
import numpy as np
import pytest

import kerasgan
from helpers import random_images, train_ring_gan
from kerasgan import losses
from kerasgan.architectures import dcgan_generator, ebgan_discriminator
from kerasgan.metrics import mode_coverage


def small_ebgan_networks():
    return dcgan_generator((16, 16, 1), 8, base_filters=8), ebgan_discriminator((16, 16, 1), code_dim=8, base_filters=8)


def test_it_covers_the_ring():
    gan, centers = train_ring_gan(kerasgan.EBGAN, steps=1500, margin=1.0)
    coverage = mode_coverage(gan.generate(2000, seed=1), centers, 0.05)
    assert coverage["modes"] >= 7 and coverage["high_quality"] > 0.5, coverage


def test_the_losses_are_the_papers_margin_loss_and_pulling_away_term():
    real, fake = np.array([0.2, 0.5], "float32"), np.array([0.3, 1.5], "float32")
    np.testing.assert_allclose(losses.energy_discriminator_loss(real, fake, margin=1.0), [0.2 + 0.7, 0.5 + 0.0], rtol=1e-6)
    codes = np.random.default_rng(0).normal(size=(5, 3))
    unit = codes / np.linalg.norm(codes, axis=1, keepdims=True)
    cosines = (unit @ unit.T) ** 2
    expected = (cosines.sum() - np.trace(cosines)) / (5 * 4)
    np.testing.assert_allclose(losses.pulling_away_term(codes.astype("float32")), expected, rtol=1e-5)
    assert float(losses.pulling_away_term(np.eye(4, dtype="float32"))) == pytest.approx(0.0, abs=1e-6)
    assert float(losses.pulling_away_term(np.ones((4, 3), "float32"))) == pytest.approx(1.0, abs=1e-5)


def test_the_generator_loss_adds_the_weighted_pulling_away_term_of_the_batch():
    gan = kerasgan.EBGAN(*small_ebgan_networks(), pull_away_weight=0.1)
    energy, codes = np.array([0.5, 1.0], "float32"), np.array([[1.0, 0.0], [1.0, 1.0]], "float32")
    expected = energy + 0.1 * 0.5  # cos^2 of 45 degrees
    np.testing.assert_allclose(gan.generator_objective({"energy": energy, "code": codes}, None), expected, rtol=1e-5)


def test_saved_and_loaded_it_generates_the_same_and_bad_settings_are_refused(tmp_path):
    gan = kerasgan.EBGAN(*small_ebgan_networks(), margin=0.5, seed=0)
    gan.compile()
    gan.fit(random_images(32), batch_size=8, epochs=1, verbose=0)
    path = str(tmp_path / "ebgan.keras")
    gan.save(path)
    loaded = kerasgan.load_model(path)
    assert loaded.margin == 0.5 and loaded.pull_away_weight == 0.1
    np.testing.assert_allclose(loaded.generate(4, seed=1), gan.generate(4, seed=1), atol=1e-6)
    with pytest.raises(ValueError, match="margin"):
        kerasgan.EBGAN(*small_ebgan_networks(), margin=0)
    generator, _ = small_ebgan_networks()
    image = keras.Input((16, 16, 1))
    critic = keras.Model(image, keras.layers.Dense(1)(keras.layers.Flatten()(image)))
    with pytest.raises(ValueError, match="energy"):
        kerasgan.EBGAN(generator, critic)
