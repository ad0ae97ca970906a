"""DCGAN on MNIST (28x28): the paper's discriminator and Adam(2e-4, beta_1=0.5), samples from a moving average of the generator.

    python recipes/dcgan_mnist.py --data-dir ../shared/data/mnist [--publish]

Radford et al. 2015: strided (transposed) convolutions, BatchNorm, ReLU / LeakyReLU(0.2),
non-saturating generator loss. The moving average (decay 0.999,
not in the paper; Karras et al. 2018) is what the entry samples from.

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import kerasgan
from mnist_common import run_recipe

if __name__ == "__main__":
    run_recipe("dcgan_mnist", __doc__.splitlines()[0], kerasgan.DCGAN, steps=20_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999)
