"""Loss functions against their formulas written out in numpy."""

import numpy as np
import pytest

from kerasgan import losses

RNG = np.random.default_rng(0)
REAL = RNG.normal(size=(6, 1)).astype(np.float32)
FAKE = RNG.normal(size=(6, 1)).astype(np.float32)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def test_minimax_losses():
    d_real, d_fake = sigmoid(REAL[:, 0]), sigmoid(FAKE[:, 0])
    np.testing.assert_allclose(
        losses.minimax_discriminator_loss(REAL, FAKE), -np.log(d_real) - np.log(1 - d_fake), rtol=1e-5
    )
    np.testing.assert_allclose(losses.minimax_generator_loss(FAKE), np.log(1 - d_fake), rtol=1e-5)
    np.testing.assert_allclose(losses.non_saturating_generator_loss(FAKE), -np.log(d_fake), rtol=1e-5)


def test_one_sided_label_smoothing_only_touches_real_targets():
    d_real, d_fake = sigmoid(REAL[:, 0]), sigmoid(FAKE[:, 0])
    expected = -(0.9 * np.log(d_real) + 0.1 * np.log(1 - d_real)) - np.log(1 - d_fake)
    np.testing.assert_allclose(
        losses.minimax_discriminator_loss(REAL, FAKE, label_smoothing=0.1), expected, rtol=1e-5
    )
    with pytest.raises(ValueError, match="label_smoothing"):
        losses.minimax_discriminator_loss(REAL, FAKE, label_smoothing=1.0)


@pytest.mark.parametrize("a,b,c", [(0.0, 1.0, 1.0), (-1.0, 1.0, 0.0)])
def test_least_squares_losses(a, b, c):
    np.testing.assert_allclose(
        losses.least_squares_discriminator_loss(REAL, FAKE, a=a, b=b),
        0.5 * (REAL[:, 0] - b) ** 2 + 0.5 * (FAKE[:, 0] - a) ** 2,
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        losses.least_squares_generator_loss(FAKE, c=c), 0.5 * (FAKE[:, 0] - c) ** 2, rtol=1e-6
    )


def test_wasserstein_and_hinge_losses():
    np.testing.assert_allclose(losses.wasserstein_discriminator_loss(REAL, FAKE), FAKE[:, 0] - REAL[:, 0])
    np.testing.assert_allclose(losses.wasserstein_generator_loss(FAKE), -FAKE[:, 0])
    np.testing.assert_allclose(
        losses.hinge_discriminator_loss(REAL, FAKE),
        np.maximum(0, 1 - REAL[:, 0]) + np.maximum(0, 1 + FAKE[:, 0]),
        rtol=1e-6,
    )
    np.testing.assert_allclose(losses.hinge_generator_loss(FAKE), -FAKE[:, 0])


def test_patch_outputs_are_averaged_per_example():
    patches = RNG.normal(size=(4, 3, 3, 1)).astype(np.float32)
    per_example = losses.wasserstein_generator_loss(patches)
    assert per_example.shape == (4,)
    np.testing.assert_allclose(per_example, -patches.mean(axis=(1, 2, 3)), rtol=1e-5)


def test_optimal_discriminator_value_is_minus_log4():
    # At D = 1/2 everywhere (logit 0) the minimax discriminator loss is log 4
    # (Goodfellow et al. 2014, Theorem 1: C(G) = -log 4 at the optimum).
    zeros = np.zeros((3, 1), np.float32)
    np.testing.assert_allclose(losses.minimax_discriminator_loss(zeros, zeros), np.log(4.0), rtol=1e-6)
