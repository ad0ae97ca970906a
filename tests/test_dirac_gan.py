"""The Dirac-GAN (Mescheder et al. 2018): kerasgan's losses and penalties reproduce the paper's
convergence conclusions on the two-parameter game (tools/dirac_gan.py)."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import dirac_gan  # noqa: E402


@pytest.mark.parametrize("setting, converges", [
    ("gan (minimax)", False),
    ("wgan-gp (5 critic steps)", False),
    ("instance noise", True),
    ("r1 penalty", True),
])
def test_only_instance_noise_and_r1_converge_to_the_equilibrium(setting, converges):
    points = dirac_gan.trajectory(setting, steps=3000)
    summary = dirac_gan.summary(points)
    assert summary["converged"] == converges, summary
    if not converges:  # it circles or drifts: never closer than half its start
        assert np.hypot(points[:, 0], points[:, 1]).min() > 0.5 * summary["start"], summary
