"""ACGAN on MNIST, in one command.

    python recipes/acgan_mnist.py --data-dir ../shared/data/mnist

Odena et al.'s auxiliary-classifier GAN on DCGAN's networks (a label
embedding joined to z; a source and a class head on the discriminator),
Adam(2e-4, beta_1=0.5), minibatch 64 from the 55,000-image training split,
and a moving average of the generator's weights (decay 0.999) for sampling.
Reports class agreement besides FID, classifier score and precision/recall.
"""

import keras

import kerasgan
from mnist_common import parse, parser, train_on_mnist
from run_common import distribution

LATENT_DIM = 64


def main():
    flags = parser("acgan_mnist", __doc__.splitlines()[0], steps=20_000, batch_size=64)
    flags.add_argument("--ema-decay", type=float, default=0.999)
    args = parse(flags)
    keras.utils.set_random_seed(args.seed)
    with distribution(args):
        gan = kerasgan.ACGAN(num_classes=10, latent_dim=LATENT_DIM, ema_decay=args.ema_decay, seed=args.seed)
        gan.compile()
    config = {"latent_dim": LATENT_DIM, "ema_decay": args.ema_decay}
    train_on_mnist(gan, args, config, with_labels=True)


if __name__ == "__main__":
    main()
