"""ALAE on MNIST (28x28): convolutional generator and encoder, latent reconstruction in w, R1 penalty.

    python recipes/alae_mnist.py --data-dir ../shared/data/mnist [--publish]

Pidhorskyi et al. 2020, Algorithm 1 (`kerasgan.ALAE`, with its two measured departures:
the reconstruction error averaged over w and Adam 2e-4); samples from a moving average
of the generator (decay 0.999, not in the paper).

Networks: `architectures.convolutional_alae_networks`, DCGAN's generator (width 32)
from w and DCGAN's discriminator without normalisation as the encoder to w, with the
paper's MLPs for the mapping F and the latent discriminator D; z and w of 64. The
paper's MNIST networks are MLPs throughout (`kerasgan.ALAE`'s default): with them the
samples stayed noise here (FID of 2,000 samples 415, 408, 466 at 2,000, 4,000 and
6,000 steps, 5,000 samples at 10,000 steps: 467), where the convolutional pair reached
366, 54, 18, 15 and 11 at 2,000 to 10,000 steps, and 9.0 with 5,000 samples: the
`alae_mnist` entry (29 min on 2 CPU cores beside other runs; docs/zoo_mnist.md).

Common flags (mnist_common): --steps, --batch-size, --seed, --out, --strategy,
--resume, --quick, --publish, --preset, --fid-every, --lr-decay-start.
"""

import keras

import kerasgan
from kerasgan.architectures import convolutional_alae_networks
from mnist_common import MNIST_SHAPE, parse, parser, train_on_mnist
from run_common import distribution

LATENT_DIM = 64
WIDTH = 32


def main():
    args = parse(parser("alae_mnist", __doc__.splitlines()[0], steps=10_000, batch_size=64))
    keras.utils.set_random_seed(args.seed)
    with distribution(args):
        mapping, decoder, encoder, latent_discriminator = convolutional_alae_networks(MNIST_SHAPE, LATENT_DIM, WIDTH)
        gan = kerasgan.ALAE(mapping=mapping, decoder=decoder, encoder=encoder, latent_discriminator=latent_discriminator,
                            data_shape=MNIST_SHAPE, seed=args.seed, ema_decay=0.999)
        gan.compile()
    config = {"networks": f"convolutional_alae_networks(latent_dim={LATENT_DIM}, base_filters={WIDTH})",
              "ema_decay": 0.999}
    train_on_mnist(gan, args, config)


if __name__ == "__main__":
    main()
