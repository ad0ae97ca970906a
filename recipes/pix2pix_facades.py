"""pix2pix on CMP Facades, label maps -> photos (BtoA), in one command.

    python recipes/pix2pix_facades.py --data-dir ../shared/data/facades/train
    python recipes/pix2pix_facades.py --data-dir ... --l1-only --output-dir runs/unet_l1_facades

The paper's setting (Isola et al. 2017, facades): U-Net generator, 70x70
PatchGAN, lambda_L1 = 100, Adam(2e-4, beta_1=0.5), batch 1, random jitter
(resize to 286/256 of the crop, random crop, mirror), dropout the only
noise. Ours is smaller so that it trains in about an hour on 2 CPU cores
and ships in the zoo: 128x128 images, width 32 and at most 128 filters in
the U-Net (the paper: 256x256, width 64, at most 512, 200 epochs).
`--l1-only` trains the same U-Net on the L1 loss alone, the paper's
blurrier baseline. Both report L1, PSNR and the sharpness ratio of their
translations of the 40 validation label maps against the true photos,
beside the mean training photo's figures, and save a grid of validation
label maps | translations | photos.
"""

import os

import keras
import numpy as np

import kerasgan
from facades_common import compile_for_minibatch, fit_epochs, parse, parser, save_rows, set_seed, splits, write_results
from run_common import distribution


def main():
    flags = parser(__doc__.splitlines()[0], epochs=60, output_dir="runs/pix2pix_facades")
    flags.add_argument("--l1-only", action="store_true", help="train the U-Net on L1 alone (baseline)")
    args = parse(flags)
    set_seed(args)
    (train_photos, train_labels), (photos, labels) = splits(args)
    shape = (args.size, args.size, 3)
    dataset = kerasgan.data.paired_dataset(train_labels, train_photos, args.batch_size, crop_size=args.size,
                                           seed=args.seed)
    with distribution(args):
        generator = kerasgan.architectures.unet_generator(shape, base_filters=args.width, max_filters=args.max_filters,
                                                          seed=args.seed)
        if args.l1_only:
            model = generator
            model.compile(optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5), loss="mean_absolute_error")
        else:
            discriminator = kerasgan.architectures.patch_discriminator(shape, condition_shape=shape,
                                                                       base_filters=args.width)
            model = kerasgan.Pix2Pix(generator, discriminator, seed=args.seed)
            compile_for_minibatch(model, args)
    seconds = fit_epochs(model, dataset, args)
    if isinstance(model, kerasgan.Pix2Pix):
        translate = model.translate
    else:
        translate = lambda images: model.predict(images, batch_size=8, verbose=0)  # noqa: E731
    photos, labels = kerasgan.data.scale_images(photos), kerasgan.data.scale_images(labels)
    translated = translate(labels)
    train_at_size, _ = kerasgan.data.load_facades(args.data_dir, "train", size=args.size)
    mean_photo = np.broadcast_to(kerasgan.data.scale_images(train_at_size).mean(axis=0), photos.shape)
    os.makedirs(args.output_dir, exist_ok=True)
    save_rows(os.path.join(args.output_dir, "validation.png"), labels[:8], translated[:8], photos[:8])
    results = {
        "model": "L1-only U-Net" if args.l1_only else "Pix2Pix",
        "direction": "BtoA (label map -> photo)",
        "steps": args.epochs * len(dataset),
        "train_seconds": round(seconds, 1),
        **kerasgan.metrics.paired_scores(translated, photos),
        "mean_photo_baseline": kerasgan.metrics.paired_scores(mean_photo, photos),
    }
    write_results(model, args, results)


if __name__ == "__main__":
    main()
