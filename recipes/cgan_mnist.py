"""Class-conditional GAN on MNIST with a projection discriminator, in one command.

    python recipes/cgan_mnist.py --data-dir ../shared/data/mnist

Miyato & Koyama's projection discriminator on DCGAN's networks (a label
embedding joined to z in the generator), the non-saturating loss,
Adam(2e-4, beta_1=0.5), minibatch 64 from the 55,000-image training split,
and a moving average of the generator's weights (decay 0.999) for sampling.
Besides FID, classifier score and precision/recall (random labels, against
the validation split), it reports class agreement: how often the
`mnist_classifier` names the digit each sample was generated for.
"""

import time

import keras
import numpy as np

import kerasgan
from mnist_common import Progress, finish, parser

LATENT_DIM = 64
STEPS_PER_EPOCH = 500


def class_agreement(gan, per_class, seed):
    requested = np.repeat(np.arange(10), per_class)
    samples = gan.generate(len(requested), labels=requested, seed=seed)
    logits = kerasgan.metrics.get_extractor("mnist_classifier").logits(samples)
    return round(float((logits.argmax(axis=1) == requested).mean()), 4)


def main():
    flags = parser(__doc__.splitlines()[0], steps=20_000, batch_size=64, output_dir="runs/cgan_mnist")
    flags.add_argument("--conditioning", choices=("projection", "concat"), default="projection")
    flags.add_argument("--ema-decay", type=float, default=0.999)
    args = flags.parse_args()
    keras.utils.set_random_seed(args.seed)
    gan = kerasgan.ConditionalGAN(
        num_classes=10, conditioning=args.conditioning, latent_dim=LATENT_DIM, ema_decay=args.ema_decay, seed=args.seed
    )
    gan.compile()
    dataset = kerasgan.data.mnist_dataset(args.batch_size, args.data_dir, with_labels=True, seed=args.seed)
    started = time.perf_counter()
    gan.fit(
        dataset.repeat() if hasattr(dataset, "repeat") else dataset,
        epochs=max(1, args.steps // STEPS_PER_EPOCH),
        steps_per_epoch=min(args.steps, STEPS_PER_EPOCH),
        callbacks=[Progress()],
        verbose=0,
    )
    seconds = time.perf_counter() - started
    config = {
        "model": "ConditionalGAN", "conditioning": args.conditioning, "steps": args.steps,
        "batch_size": args.batch_size, "latent_dim": LATENT_DIM, "ema_decay": args.ema_decay,
        "class_agreement": class_agreement(gan, args.num_eval // 10, args.seed + 2),
    }
    finish(gan, args, config, seconds)


if __name__ == "__main__":
    main()
