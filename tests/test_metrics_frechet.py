"""Frechet distance against the scipy sqrtm reference (TTUR / pytorch-fid)."""

import numpy as np
import pytest

from kerasgan.metrics import activation_statistics, fid_from_activations, frechet_distance
from kerasgan.metrics.frechet import scipy_frechet_distance


@pytest.mark.parametrize("n,d", [(500, 16), (300, 64)])
def test_matches_scipy_reference(n, d):
    rng = np.random.default_rng(d)
    a = rng.normal(size=(n, d))
    b = rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) * 0.3 + 0.5
    expected = scipy_frechet_distance(*activation_statistics(a), *activation_statistics(b))
    assert fid_from_activations(a, b) == pytest.approx(expected, rel=1e-6)


def test_identical_sets_give_zero():
    a = np.random.default_rng(1).normal(size=(200, 8))
    assert fid_from_activations(a, a) == pytest.approx(0.0, abs=1e-8)


def test_rank_deficient_covariances_stay_finite():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=(20, 64)), rng.normal(size=(20, 64)) + 1.0
    with pytest.raises(np.linalg.LinAlgError):  # singular: the symmetric-root path is taken
        np.linalg.cholesky(activation_statistics(a)[1])
    value = fid_from_activations(a, b)
    assert np.isfinite(value) and isinstance(value, float)
    expected = scipy_frechet_distance(*activation_statistics(a), *activation_statistics(b))
    assert value == pytest.approx(expected, rel=1e-4)


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="Feature sizes differ"):
        fid_from_activations(np.zeros((5, 3)), np.zeros((5, 4)))
    with pytest.raises(ValueError, match="NaN"):
        fid_from_activations(np.full((5, 3), np.nan), np.zeros((5, 3)))
    with pytest.raises(ValueError, match="At least 2"):
        fid_from_activations(np.zeros((1, 3)), np.zeros((5, 3)))
    with pytest.raises(ValueError, match="must both be"):
        frechet_distance(np.zeros(3), np.eye(3), np.zeros(3), np.eye(4))
