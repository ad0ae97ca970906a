"""Salimans et al. 2016's stabilisers: feature matching, minibatch discrimination, historical
averaging and virtual batch normalisation, each learning the ring and exact under a strategy."""

import keras
import numpy as np
import pytest

import kerasgan
from helpers import random_images, small_dcgan_networks, train_ring_gan
from kerasgan import losses
from kerasgan.architectures import dcgan_generator, mlp_discriminator, mlp_generator
from kerasgan.layers import MinibatchDiscrimination, VirtualBatchNormalization
from kerasgan.metrics import mode_coverage

RING_STEPS = 1000  # DCGAN alone: 8 / 8 modes, 39% high quality at this budget


def assert_covers_the_ring(batch_size=128, min_high_quality=0.5, make_networks=None, **kwargs):
    keras.utils.set_random_seed(0)
    networks = {} if make_networks is None else dict(zip(("generator", "discriminator"), make_networks()))
    gan, centers = train_ring_gan(kerasgan.DCGAN, steps=RING_STEPS, batch_size=batch_size, **networks, **kwargs)
    coverage = mode_coverage(gan.generate(2000, seed=1), centers, 0.05)
    assert coverage["modes"] == 8 and coverage["high_quality"] > min_high_quality, coverage
    return gan


# ----------------------------------------------------------------------
# Feature matching (section 3.1).
def test_feature_matching_loss_is_the_squared_distance_of_the_feature_means():
    rng = np.random.default_rng(0)
    real, fake = rng.normal(size=(6, 2, 3)).astype("float32"), rng.normal(size=(4, 2, 3)).astype("float32")
    expected = np.sum((real.reshape(6, -1).mean(0) - fake.reshape(4, -1).mean(0)) ** 2)
    np.testing.assert_allclose(losses.feature_matching_loss(real, fake), expected, rtol=1e-5)


def test_feature_matching_learns_the_ring():
    gan = assert_covers_the_ring(feature_matching=True)
    assert gan.feature_network.output.shape[-1] == 256  # the last hidden layer, not the score


def test_feature_matching_names_a_missing_layer():
    with pytest.raises(ValueError, match="'penultimate'"):
        kerasgan.DCGAN(*small_dcgan_networks(), feature_matching="penultimate")


# ----------------------------------------------------------------------
# Minibatch discrimination (section 3.2).
def test_minibatch_discrimination_is_the_papers_closeness_sum():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(5, 3)).astype("float32")
    layer = MinibatchDiscrimination(num_kernels=4, kernel_dim=2)
    outputs = keras.ops.convert_to_numpy(layer(features))
    rows = (features @ keras.ops.convert_to_numpy(layer.tensor)).reshape(5, 4, 2)
    closeness = np.exp(-np.abs(rows[:, None] - rows[None]).sum(-1)).sum(1)
    np.testing.assert_allclose(outputs, np.concatenate([features, closeness], axis=1), rtol=1e-5)
    # A collapsed batch is maximally close: every o_b equals the batch size.
    same = keras.ops.convert_to_numpy(layer(np.repeat(features[:1], 5, axis=0)))
    np.testing.assert_allclose(same[:, 3:], 5.0, rtol=1e-5)


def collapse_detection_gap(minibatch_discrimination):
    """Trains a discriminator on whole real batches (all 8 ring modes) against collapsed fake
    batches (all at one real mode) and returns its mean score on real points of that mode minus
    its mean score on the fakes: a per-example discriminator cannot tell them apart."""
    from kerasgan.data.toy import ring_centers, sample_mixture

    keras.utils.set_random_seed(0)
    centers, batch = ring_centers(), 64
    discriminator = mlp_discriminator(2, (64, 64), minibatch_discrimination=minibatch_discrimination)
    discriminator.compile(keras.optimizers.Adam(1e-3), keras.losses.BinaryCrossentropy(from_logits=True))
    real = sample_mixture(centers, 0.05, 200 * batch, seed=0).reshape(200, batch, 2)
    collapsed = sample_mixture(centers[:1], 0.05, 200 * batch, seed=1).reshape(200, batch, 2)
    x = np.stack([real, collapsed], axis=1).reshape(-1, 2)  # whole batches, real and fake in turn
    y = np.tile(np.repeat([1.0, 0.0], batch), 200)
    discriminator.fit(x, y, batch_size=batch, epochs=2, shuffle=False, verbose=0)
    test_real = sample_mixture(centers, 0.05, batch, seed=2)
    real_scores = keras.ops.convert_to_numpy(discriminator(test_real))[:, 0]
    near_first_mode = np.linalg.norm(test_real - centers[0], axis=1) < 0.2
    fake_scores = keras.ops.convert_to_numpy(discriminator(sample_mixture(centers[:1], 0.05, batch, seed=3)))[:, 0]
    return float(real_scores[near_first_mode].mean() - fake_scores.mean())


def test_minibatch_discrimination_lets_the_discriminator_see_a_collapsed_batch():
    with_layer, without = collapse_detection_gap(True), collapse_detection_gap(False)
    assert with_layer > 3.0 and abs(without) < 1.0, (with_layer, without)
    discriminator = mlp_discriminator(2, minibatch_discrimination=True)
    assert isinstance(discriminator.layers[-2], MinibatchDiscrimination)


# ----------------------------------------------------------------------
# Historical averaging (section 3.3).
def test_historical_averages_are_the_mean_of_the_parameters_so_far_and_are_saved(tmp_path):
    gan = kerasgan.DCGAN(*small_dcgan_networks(), historical_averaging=0.01, seed=0)
    gan.compile()
    trajectory = [gan.discriminator.get_weights()]

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            trajectory.append(self.model.discriminator.get_weights())

    gan.fit(random_images(48), batch_size=8, epochs=1, callbacks=[Record()], verbose=0)
    trainable = [any(weight is own for own in gan.discriminator.trainable_weights) for weight in gan.discriminator.weights]
    expected = [np.mean(values, axis=0) for values, kept in zip(zip(*trajectory), trainable) if kept]
    averages = [keras.ops.convert_to_numpy(average) for average in gan.historical_averages.averages["d_optimizer"]]
    for average, wanted in zip(averages, expected):
        np.testing.assert_allclose(average, wanted, atol=1e-6)
    assert float(gan.historical_averages.counts["d_optimizer"]) == len(trajectory)
    path = str(tmp_path / "averaged.keras")
    gan.save(path)
    loaded = kerasgan.load_model(path)
    for average, wanted in zip(loaded.historical_averages.averages["d_optimizer"], averages):
        np.testing.assert_allclose(keras.ops.convert_to_numpy(average), wanted, atol=1e-7)


def test_historical_averaging_pulls_the_parameters_towards_their_average():
    def distance_travelled(weight):
        gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0, **({} if weight is None else {"historical_averaging": weight}))
        gan.compile(keras.optimizers.SGD(0.01), keras.optimizers.SGD(0.01))
        start = [keras.ops.convert_to_numpy(variable) for variable in gan.generator.trainable_variables]
        gan.fit(random_images(64), batch_size=8, epochs=2, verbose=0)
        end = [keras.ops.convert_to_numpy(variable) for variable in gan.generator.trainable_variables]
        return sum(float(np.sum((a - b) ** 2)) for a, b in zip(start, end))

    keras.utils.set_random_seed(0)
    free = distance_travelled(None)
    keras.utils.set_random_seed(0)
    assert distance_travelled(20.0) < 0.5 * free


def test_historical_averaging_learns_the_ring():
    # It still learns; the paper claims help in low-dimensional games, not sharper modes here.
    assert_covers_the_ring(min_high_quality=0.4, historical_averaging=1e-3)


# ----------------------------------------------------------------------
# Virtual batch normalisation (section 3.4).
def test_virtual_batch_normalization_makes_each_sample_independent_of_its_batch():
    z = np.random.default_rng(0).normal(size=(6, 8)).astype("float32")
    virtual = dcgan_generator((16, 16, 1), 8, base_filters=8, virtual_batch_size=16)
    batch_norm = dcgan_generator((16, 16, 1), 8, base_filters=8)
    for generator, independent in ((virtual, True), (batch_norm, False)):
        together = keras.ops.convert_to_numpy(generator(z, training=True))
        alone = keras.ops.convert_to_numpy(generator(z[:2], training=True))
        assert np.allclose(together[:2], alone, atol=1e-5) == independent


def test_virtual_batch_normalization_uses_the_reference_statistics_with_the_example():
    rng = np.random.default_rng(0)
    x = rng.normal(2.0, 3.0, size=(7, 4)).astype("float32")  # 5 reference rows, then 2 examples
    outputs = keras.ops.convert_to_numpy(VirtualBatchNormalization(5, epsilon=0.0)(x))
    reference = x[:5]
    np.testing.assert_allclose(outputs[:5], (reference - reference.mean(0)) / reference.std(0), rtol=1e-4, atol=1e-5)
    for row in (5, 6):
        combined = np.concatenate([reference, x[row : row + 1]])
        np.testing.assert_allclose(outputs[row], (x[row] - combined.mean(0)) / combined.std(0), rtol=1e-4, atol=1e-5)


def test_virtual_batch_normalization_learns_the_ring_and_keeps_its_reference_batch(tmp_path):
    gan = assert_covers_the_ring(make_networks=lambda: (mlp_generator(2, 2, virtual_batch_size=64), mlp_discriminator(2)))
    path = str(tmp_path / "virtual.keras")
    gan.save(path)
    np.testing.assert_allclose(kerasgan.load_model(path).generate(8, seed=3), gan.generate(8, seed=3), atol=1e-6)
