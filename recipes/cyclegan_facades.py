"""CycleGAN on CMP Facades, photos (A) <-> label maps (B), unpaired, in one command.

    python recipes/cyclegan_facades.py --data-dir ../shared/data/facades/train

The paper's facades experiment (Zhu et al. 2017, section 5.1.1) run as
unpaired translation: the 360 training photos and label maps are shuffled
apart every epoch, so no pair is ever seen together. The paper's settings:
ResNet generators (6 residual blocks), 70x70 PatchGANs, instance
normalisation, least-squares GAN loss, lambda = 10, 50-image history pools,
Adam(2e-4, beta_1=0.5), batch 1, jitter, the rate constant for the first
half and linearly decayed to 0 over the second. No identity loss by default:
the paper introduced it for paintings -> photos (section 5.2), and between
photos and colour-coded label maps an identity mapping is not a goal
(`--identity-weight 0.5` turns on the paper code's weight). Ours is smaller
so that it trains on 2 CPU cores: 64x64 and width 32 (the paper: 256x256,
width 64), for the paper's 200 epochs. The recipe compiles with XLA at
batch 1 (epochs of about 135 s against 197 s without, on one machine,
docs/benchmarks.md); the zoo entry's 200 epochs took 4.3 hours at 62-77 s
each. docs/image_to_image.md has the shorter runs, the 128x128 ones and the
patch-size comparison of --patch-downsamplings.

It reports, on the 40 validation pairs, photo -> labels per-pixel accuracy,
per-class accuracy and class IoU (the paper's Table 2 figures; each pixel
mapped to the nearest of the 12 label colours, the densest flat colours of
the training label maps) beside three baselines (the constant most frequent
label, each position's most frequent label, and the model's own maps of
other photos), with the gains' 95% intervals over the photos
(`kerasgan.metrics.label_scores`), and cycle reconstruction L1 both ways; and it
saves grids of photo | G(photo) | true labels and labels | F(labels) | photo.
"""

import os

import keras

import kerasgan
from facades_common import compile_for_minibatch, fit_epochs, parse, parser, save_rows, set_seed, splits, write_results
from run_common import distribution

LEARNING_RATE = 2e-4  # the paper's, for both optimizers (CycleGAN's default)


def initial_generator_weights(entry):
    """The weights of zoo translator `entry`'s two generators (a2b, b2a), checksums verified; none
    without an entry."""
    if entry is None:
        return ()
    return [kerasgan.zoo.load(entry, direction=direction).get_weights() for direction in ("a2b", "b2a")]


def main():
    flags = parser(__doc__.splitlines()[0], epochs=200, output_dir="runs/cyclegan_facades", size=64)
    flags.add_argument("--pool-size", type=int, default=50)
    flags.add_argument("--identity-weight", type=float, default=0.0,
                       help="identity loss weight relative to lambda (0: off, for labels <-> photos; the paper's "
                            "code: 0.5)")
    flags.add_argument("--patch-downsamplings", type=int, default=3,
                       help="stride-2 layers of the PatchGANs: 3 scores 70x70 patches (the paper's, at 256x256), "
                            "1 scores 16x16 ones (the same share of a 64x64 image)")
    flags.add_argument("--init-from", default=None, metavar="ENTRY",
                       help="start both generators from zoo entry ENTRY's (same size and width); the "
                            "discriminators, pools and optimizers start fresh")
    args = parse(flags)
    set_seed(args)
    (train_photos, train_labels), (photos, labels) = splits(args)
    shape = (args.size, args.size, 3)
    starting_weights = initial_generator_weights(args.init_from)
    provenance = ({"init_from": {"entry": args.init_from, "files": kerasgan.zoo.info(args.init_from)["files"]}}
                  if args.init_from else {})
    with distribution(args):
        networks = [kerasgan.architectures.resnet_generator(shape, base_filters=args.width, name=name)
                    for name in ("generator_a2b", "generator_b2a")]
        for network, weights in zip(networks, starting_weights):
            network.set_weights(weights)
        networks += [kerasgan.architectures.patch_discriminator(shape, base_filters=args.width,
                                                                downsamplings=args.patch_downsamplings, name=name)
                     for name in ("discriminator_a", "discriminator_b")]
        gan = kerasgan.CycleGAN(*networks, pool_size=args.pool_size, identity_weight=args.identity_weight,
                               seed=args.seed)
        compile_for_minibatch(gan, args)
    dataset = kerasgan.data.unpaired_dataset(train_photos, train_labels, args.batch_size, crop_size=args.size,
                                             seed=args.seed)
    # The rate holds at 2e-4 for the first half of --epochs and falls linearly to 0 over the second,
    # from each optimizer's step count: a run resumed up to more epochs stretches the schedule.
    decay = kerasgan.callbacks.LinearDecay(total_steps=args.epochs * len(dataset), decay_start=0.5,
                                           initial_learning_rate=LEARNING_RATE)
    seconds = fit_epochs(gan, dataset, args, callbacks=[decay])
    photos, labels = kerasgan.data.scale_images(photos), kerasgan.data.scale_images(labels)
    predicted_labels, predicted_photos = gan.translate(photos, "a2b"), gan.translate(labels, "b2a")
    # From all 360 training maps at 64x64 or more, where every label has flat pixels (not --quick's 8 small ones).
    palette_size = max(args.size, 64)
    _, palette_maps = kerasgan.data.load_facades(args.data_dir, "train", size=palette_size)
    palette = kerasgan.data.facade_label_colors(palette_maps)
    if palette_size != args.size:
        _, train_label_maps = kerasgan.data.load_facades(args.data_dir, "train", size=args.size)
    else:
        train_label_maps = palette_maps
    train_labels_at_size = kerasgan.data.scale_images(train_label_maps)
    os.makedirs(args.output_dir, exist_ok=True)
    save_rows(os.path.join(args.output_dir, "photo_to_labels.png"), photos[:8], predicted_labels[:8], labels[:8])
    save_rows(os.path.join(args.output_dir, "labels_to_photo.png"), labels[:8], predicted_photos[:8], photos[:8])
    results = {
        "model": "CycleGAN",
        "pool_size": args.pool_size,
        "identity_weight": gan.identity_weight,
        "patch_downsamplings": args.patch_downsamplings,
        "steps": args.epochs * len(dataset),
        **provenance,
        "train_seconds": round(seconds, 1),
        "photo_to_labels": kerasgan.metrics.label_scores(predicted_labels, labels, palette, train_labels_at_size),
        "cycle_l1_photo": round(kerasgan.metrics.mean_l1(gan.translate(predicted_labels, "b2a"), photos), 4),
        "cycle_l1_labels": round(kerasgan.metrics.mean_l1(gan.translate(predicted_photos, "a2b"), labels), 4),
        "labels_to_photo_l1": round(kerasgan.metrics.mean_l1(predicted_photos, photos), 4),
        "palette": palette.tolist(),
    }
    write_results(gan, args, results)


if __name__ == "__main__":
    keras.config.disable_interactive_logging()
    main()
