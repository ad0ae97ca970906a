"""LSGAN on MNIST (28x28): least-squares losses (a, b, c) = (0, 1, 1) on DCGAN's networks.

    python recipes/lsgan_mnist.py --data-dir ../shared/data/mnist [--publish]

Mao et al. 2017, section 3.2.2's choice of codes, on the DCGAN networks and Adam(2e-4,
beta_1=0.5); samples from a moving average of the generator (decay 0.999, not in the
paper).

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import kerasgan
from mnist_common import run_recipe

if __name__ == "__main__":
    run_recipe("lsgan_mnist", __doc__.splitlines()[0], kerasgan.LSGAN, steps=20_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999)
