"""ALAE on MNIST (28x28): the paper's MNIST MLPs, latent reconstruction in w, R1 penalty.

    python recipes/alae_mnist.py --data-dir ../shared/data/mnist [--publish]

Pidhorskyi et al. 2020, Algorithm 1 (`kerasgan.ALAE`, with its two measured departures:
the reconstruction error averaged over w and Adam 2e-4); samples from a moving average
of the generator (decay 0.999, not in the paper).

Common flags (mnist_common): --steps, --batch-size, --seed, --out, --strategy,
--resume, --quick, --publish, --preset.
"""

import kerasgan
from mnist_common import run_recipe

if __name__ == "__main__":
    run_recipe("alae_mnist", __doc__.splitlines()[0], kerasgan.ALAE, steps=10_000, batch_size=64, ema_decay=0.999)
