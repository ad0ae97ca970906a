"""CycleGAN: learns an unpaired translation that keeps the content, keeps its image pools as
saved state, trains the same under a strategy, and decays its learning rate as the paper does."""

import keras
import numpy as np
import pytest

import kerasgan
from helpers import batched
from kerasgan.core.image_pool import ImageHistoryPool
from translation_data import digit_names, digits, fast_adam, small_cyclegan_networks


def test_it_learns_to_invert_digits_from_unpaired_examples_and_keeps_the_digit():
    keras.utils.set_random_seed(0)
    a, _ = digits(1024)
    b = -digits(1024, offset=2048)[0]  # inverted digits, none of them the inverse of an image in `a`
    held_out, labels = digits(128, offset=4000)
    gan = kerasgan.CycleGAN(*small_cyclegan_networks(), seed=0)
    gan.compile(fast_adam(), fast_adam())
    before = kerasgan.metrics.mean_l1(gan.translate(held_out, "a2b"), -held_out)
    gan.fit(kerasgan.data.translation.TranslationBatches(
        np.uint8((a + 1) * 127.5), np.uint8((b + 1) * 127.5), 8, seed=0, jitter=False), verbose=0)
    inverted = gan.translate(held_out, "a2b")
    after = kerasgan.metrics.mean_l1(inverted, -held_out)
    assert after < 0.3 * before, (before, after)
    # No pair was seen, yet the digit survives both ways: the MNIST classifier agrees. One epoch
    # (128 steps) gave an L1 ratio of 0.096 and agreement 0.98 (a2b) and 0.95 (b2a); three
    # epochs 0.036, 1.0 and 1.0 in 2.3 times as long (one thread, docs/test_suite.md).
    assert np.mean(digit_names(-inverted) == labels) > 0.8
    assert np.mean(digit_names(gan.translate(-held_out, "b2a")) == labels) > 0.8


def test_the_pool_returns_new_images_until_full_then_swaps_half_of_them():
    pool = ImageHistoryPool(4, image_shape=(1, 1, 1))
    seeds = keras.random.SeedGenerator(0)
    first = np.arange(4, dtype="float32").reshape(4, 1, 1, 1)
    np.testing.assert_array_equal(pool(first, seed_generator=seeds), first)  # filling: the new images
    np.testing.assert_array_equal(np.sort(keras.ops.convert_to_numpy(pool.images).ravel()), [0, 1, 2, 3])
    returned_old = 0
    for step in range(50):
        fresh = np.full((4, 1, 1, 1), 100.0 + step, "float32")
        stored_before = set(keras.ops.convert_to_numpy(pool.images).ravel())
        returned = keras.ops.convert_to_numpy(pool(fresh, seed_generator=seeds)).ravel()
        returned_old += int(np.sum(returned != 100.0 + step))
        assert set(returned) <= stored_before | {100.0 + step}  # an old image, or the new one
        # What went out was replaced by the new image: the pool holds what it held, minus the
        # returned old images, plus the new one.
        stored_after = set(keras.ops.convert_to_numpy(pool.images).ravel())
        assert stored_after <= stored_before | {100.0 + step}
    assert 0.35 < returned_old / 200 < 0.65  # each image swaps with probability 1/2
    assert int(keras.ops.convert_to_numpy(pool.count)) == 4
    np.testing.assert_array_equal(ImageHistoryPool(0, image_shape=(1, 1, 1))(first, seed_generator=seeds), first)


def test_saved_and_loaded_it_keeps_its_pools_and_translates_the_same(tmp_path):
    a, _ = digits(32)
    gan = kerasgan.CycleGAN(*small_cyclegan_networks(), pool_size=8, seed=0)
    gan.compile(fast_adam(), fast_adam())
    gan.fit(batched((a, -a), 4), epochs=1, verbose=0)
    path = str(tmp_path / "cyclegan.keras")
    gan.save(path)
    loaded = kerasgan.load_model(path)
    assert isinstance(loaded, kerasgan.CycleGAN) and loaded.cycle_weight == 10.0 and loaded.identity_weight == 0.5
    for pool, restored in ((gan.pool_a, loaded.pool_a), (gan.pool_b, loaded.pool_b)):
        assert int(keras.ops.convert_to_numpy(restored.count)) == 8
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(restored.images), keras.ops.convert_to_numpy(pool.images))
    for direction in ("a2b", "b2a"):
        np.testing.assert_allclose(loaded.translate(a[:4], direction), gan.translate(a[:4], direction), atol=1e-6)
    history = loaded.fit(batched((a, -a), 4), epochs=1, verbose=0).history
    assert {"d_loss", "g_loss", "cycle_loss", "identity_loss"} <= set(history)


def test_bad_settings_and_data_are_refused():
    networks = small_cyclegan_networks()
    with pytest.raises(ValueError, match="all four networks"):
        kerasgan.CycleGAN(*networks[:2])
    gan = kerasgan.CycleGAN(*networks)
    with pytest.raises(ValueError, match="direction"):
        gan.translate(digits(2)[0], "sideways")
    with pytest.raises(ValueError, match="shape"):
        gan.translate(np.zeros((2, 16, 16, 1), "float32"))
    gan.compile()
    with pytest.raises(ValueError, match="pairs|batch"):
        gan.fit(batched(digits(8)[0], 4), epochs=1, verbose=0)
    with pytest.raises(ValueError, match="pool_size"):
        kerasgan.CycleGAN(*small_cyclegan_networks(), pool_size=-1)


def test_linear_decay_holds_then_falls_to_zero_and_resumes_where_it_was():
    a, _ = digits(16)
    gan = kerasgan.CycleGAN(*small_cyclegan_networks(), pool_size=0)
    gan.compile(keras.optimizers.Adam(2e-4), keras.optimizers.Adam(2e-4))
    rates = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            rates.append(float(self.model.g_optimizer.learning_rate))

    decay = kerasgan.callbacks.LinearDecay(total_steps=8, decay_start=0.5)
    gan.fit(batched((a, -a), 4), epochs=1, callbacks=[decay, Record()], verbose=0)  # steps 0-3
    gan.fit(batched((a, -a), 4), epochs=1, callbacks=[kerasgan.callbacks.LinearDecay(8, 0.5), Record()], verbose=0)
    np.testing.assert_allclose(rates, [2e-4] * 4 + [2e-4, 1.5e-4, 1e-4, 0.5e-4], rtol=1e-5)
    with pytest.raises(ValueError, match="initial_learning_rate"):
        gan.fit(batched((a, -a), 4), epochs=1, callbacks=[kerasgan.callbacks.LinearDecay(8, 0.5)], verbose=0)
    # A finished schedule extended: the rate restarts and decays over the new second half.
    extended = kerasgan.callbacks.LinearDecay(14, 0.5, initial_learning_rate=2e-4)  # decays from step 7
    gan.fit(batched((a, -a), 4), epochs=1, callbacks=[extended, Record()], verbose=0)  # steps 8-11
    np.testing.assert_allclose(rates[-4:], [2e-4 * (14 - step) / 7 for step in range(8, 12)], rtol=1e-5)
