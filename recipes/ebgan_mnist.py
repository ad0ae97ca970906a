"""EBGAN on MNIST (28x28): the autoencoder discriminator's energy with margin 0.2 and the pulling-away term.

    python recipes/ebgan_mnist.py --data-dir ../shared/data/mnist [--publish]

Zhao et al. 2017 (`kerasgan.EBGAN`): margin 0.2 (measured here: 1.0 leaves noise,
docs/objectives.md), pulling-away weight 0.1; samples from a moving average of the
generator (decay 0.999, not in the paper).

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import kerasgan
from mnist_common import run_recipe

if __name__ == "__main__":
    run_recipe("ebgan_mnist", __doc__.splitlines()[0], kerasgan.EBGAN, steps=20_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999)
