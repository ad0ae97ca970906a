"""pix2pix: learns a paired translation, follows the paper's objective, trains the same under a strategy."""

import keras
import numpy as np
import pytest

import kerasgan
from helpers import batched
from translation_data import digit_names, digits, edges, fast_adam, small_pix2pix_networks


def test_it_learns_to_draw_the_digit_from_its_edges():
    keras.utils.set_random_seed(0)
    train, _ = digits(1024)
    held_out, labels = digits(128, offset=4000)
    gan = kerasgan.Pix2Pix(*small_pix2pix_networks(), seed=0)
    gan.compile(fast_adam(), fast_adam())
    before = kerasgan.metrics.mean_l1(gan.translate(edges(held_out)), held_out)
    gan.fit(batched((edges(train), train), 16), epochs=4, verbose=0)
    translated = gan.translate(edges(held_out))
    after = kerasgan.metrics.mean_l1(translated, held_out)
    assert after < 0.3 * before, (before, after)
    # The content survives: the MNIST classifier reads the same digit in most translations.
    assert np.mean(digit_names(translated) == labels) > 0.8


def test_the_objective_is_the_papers_halved_cgan_loss_plus_lambda_l1():
    gan = kerasgan.Pix2Pix(*small_pix2pix_networks(), l1_weight=100.0)
    real_scores = np.random.default_rng(0).normal(size=(2, 8, 8, 1)).astype("float32")
    fake_scores = np.random.default_rng(1).normal(size=(2, 8, 8, 1)).astype("float32")
    softplus = lambda v: np.log1p(np.exp(v))  # noqa: E731
    # D: half the mean per-patch cross-entropy (section 3.3 and the reference code).
    expected = 0.5 * (softplus(-real_scores).mean(axis=(1, 2, 3)) + softplus(fake_scores).mean(axis=(1, 2, 3)))
    np.testing.assert_allclose(gan.discriminator_loss(real_scores, fake_scores), expected, rtol=1e-5)
    # G: -log D(x, G(x)) per patch, plus 100 * L1.
    np.testing.assert_allclose(gan.generator_loss(fake_scores), softplus(-fake_scores).mean(axis=(1, 2, 3)), rtol=1e-5)
    fake, real = np.zeros((2, 4, 4, 1), "float32"), np.full((2, 4, 4, 1), 0.5, "float32")
    values, logged = gan.supervised_loss(fake, real)
    np.testing.assert_allclose(values, [50.0, 50.0])
    np.testing.assert_allclose(logged["l1"], [0.5, 0.5])


def test_dropout_is_the_only_noise_and_stays_on_when_translating():
    images = edges(digits(8)[0])
    gan = kerasgan.Pix2Pix(*small_pix2pix_networks())
    assert np.abs(gan.translate(images) - gan.translate(images)).max() > 1e-3
    deterministic = kerasgan.Pix2Pix(*small_pix2pix_networks(dropout_rate=0.0))
    np.testing.assert_array_equal(deterministic.translate(images), deterministic.translate(images))
    with pytest.raises(ValueError, match="translates images"):
        gan.generate(4)


def test_saved_and_loaded_it_translates_the_same_and_trains_on(tmp_path):
    keras.utils.set_random_seed(0)
    train, _ = digits(64)
    gan = kerasgan.Pix2Pix(*small_pix2pix_networks(dropout_rate=0.0), seed=0)
    gan.compile(fast_adam(), fast_adam())
    gan.fit(batched((edges(train), train), 16), epochs=1, verbose=0)
    path = str(tmp_path / "pix2pix.keras")
    gan.save(path)
    loaded = kerasgan.load_model(path)
    assert isinstance(loaded, kerasgan.Pix2Pix) and loaded.l1_weight == 100.0
    np.testing.assert_allclose(loaded.translate(edges(train[:8])), gan.translate(edges(train[:8])), atol=1e-6)
    history = loaded.fit(batched((edges(train), train), 16), epochs=1, verbose=0).history
    assert {"d_loss", "g_loss", "l1"} <= set(history)


def test_bad_pairs_are_refused():
    gan = kerasgan.Pix2Pix(*small_pix2pix_networks())
    gan.compile()
    images = digits(16)[0]
    with pytest.raises(ValueError, match="input_image, target_image"):
        gan.fit(batched(images, 8), epochs=1, verbose=0)
    with pytest.raises(ValueError, match="shape"):
        gan.fit(batched((images[:, :16, :16], images), 8), epochs=1, verbose=0)
    with pytest.raises(ValueError, match="l1_weight"):
        kerasgan.Pix2Pix(*small_pix2pix_networks(), l1_weight=-1)
