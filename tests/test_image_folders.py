"""Translation data: pair and domain folders, the facades splits, jitter; bad folders and files named."""

import io
import os

import numpy as np
import pytest
from PIL import Image

import kerasgan
from kerasgan.data.facades import split_files
from kerasgan.data.translation import random_crops_and_flips

FACADES_DIR = os.environ.get(
    kerasgan.data.FACADES_DIR_ENV,
    os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "facades", "train"),
)


def write_pairs(folder, count, side=8, width=None, extension="png"):
    """Pair images whose left half is dark and right half bright, numbered 1..count."""
    os.makedirs(folder, exist_ok=True)
    for index in range(1, count + 1):
        pixels = np.zeros((side, width or 2 * side, 3), np.uint8)
        pixels[:, (width or 2 * side) // 2 :] = 200
        Image.fromarray(pixels).save(os.path.join(folder, f"{index}.{extension}"))
    return folder


def test_pairs_split_into_halves_in_numeric_order_and_either_direction(tmp_path):
    folder = write_pairs(str(tmp_path / "pairs"), 12)
    files = kerasgan.data.image_folders.image_files(folder)
    assert [os.path.basename(path) for path in files[:3]] == ["1.png", "2.png", "3.png"] and files[-1].endswith("12.png")
    inputs, targets = kerasgan.data.load_paired_folder(folder, direction="AtoB")
    assert inputs.shape == targets.shape == (12, 8, 8, 3) and inputs.dtype == np.uint8
    assert inputs.max() < 10 and targets.min() > 190
    inputs, targets = kerasgan.data.load_paired_folder(folder, direction="BtoA", size=4)
    assert inputs.shape == (12, 4, 4, 3) and inputs.min() > 190 and targets.max() < 10


def test_bad_folders_and_files_are_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        kerasgan.data.load_paired_folder(str(tmp_path / "missing"))
    os.makedirs(tmp_path / "empty")
    with pytest.raises(ValueError, match="holds no images"):
        kerasgan.data.load_image_folder(str(tmp_path / "empty"))
    odd = write_pairs(str(tmp_path / "odd"), 1, side=8, width=12)
    with pytest.raises(ValueError, match=r"1\.png.*two equal square halves"):
        kerasgan.data.load_paired_folder(odd)
    mixed = write_pairs(str(tmp_path / "mixed"), 2)
    Image.fromarray(np.zeros((6, 12, 3), np.uint8)).save(os.path.join(mixed, "3.png"))
    with pytest.raises(ValueError, match=r"mixed sizes.*3\.png"):
        kerasgan.data.load_paired_folder(mixed)
    corrupt = write_pairs(str(tmp_path / "corrupt"), 2, side=64, extension="jpg")
    with open(os.path.join(corrupt, "2.jpg"), "r+b") as stream:
        stream.truncate(300)
    with pytest.raises(ValueError, match=r"2\.jpg.*corrupt"):
        kerasgan.data.load_paired_folder(corrupt)
    with pytest.raises(ValueError, match="direction"):
        kerasgan.data.load_paired_folder(mixed, direction="left")


def test_jitter_crops_and_mirrors_a_pair_alike_and_unpaired_domains_apart():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 255, (64, 9, 9, 1), dtype=np.uint8)
    cropped_a, cropped_b = random_crops_and_flips((a, a.copy()), 8, rng)
    np.testing.assert_array_equal(cropped_a, cropped_b)  # one crop and flip for both images of a pair
    assert cropped_a.shape == (64, 8, 8, 1)
    crops_of_one = random_crops_and_flips(np.repeat(a[:1], 64, axis=0), 8, rng)
    assert len({crop.tobytes() for crop in crops_of_one}) > 4  # offsets and flips vary
    batches = kerasgan.data.unpaired_dataset(a, a.copy(), 8, crop_size=8, seed=0)
    first_a, first_b = batches[0]
    assert first_a.shape == (8, 8, 8, 1) and first_a.dtype == np.float32 and -1 <= first_a.min() <= first_a.max() <= 1
    assert not np.array_equal(first_a, first_b)  # the domains are shuffled apart
    paired = kerasgan.data.paired_dataset(a, a.copy(), 8, crop_size=8, seed=0)
    np.testing.assert_array_equal(*paired[0])
    with pytest.raises(ValueError, match="one target per input"):
        kerasgan.data.paired_dataset(a, a[:10], 8)


# The 12 CMP Facades label colours, as they appear in the pix2pix JPEGs.
FACADE_COLOURS = np.array([[0, 1, 221], [1, 49, 251], [7, 124, 253], [251, 81, 5], [172, 1, 4], [193, 254, 66],
                           [38, 251, 228], [5, 205, 254], [253, 158, 7], [245, 4, 7], [252, 240, 9], [114, 252, 151]])


def jpeg_label_maps(count=24, side=128, seed=0):
    """Facade-like label maps: a background, a large facade and a square of each other label, the
    rarer the smaller (the smallest 0.5% of the pixels), through JPEG (its noise and border blends)."""
    rng = np.random.default_rng(seed)
    maps = []
    for _ in range(count):
        image = np.empty((side, side, 3), np.uint8)
        image[:] = FACADE_COLOURS[0]
        image[side // 8 :, side // 8 : -side // 8] = FACADE_COLOURS[1]
        for rank, colour in enumerate(FACADE_COLOURS[2:]):
            extent = side // (4 + rank)
            top, left = rng.integers(side // 8, side - extent, 2)
            image[top : top + extent, left : left + extent] = colour
        stream = io.BytesIO()
        Image.fromarray(image).save(stream, format="JPEG", quality=75)
        maps.append(np.asarray(Image.open(stream)))
    return np.stack(maps)


def test_label_palette_finds_every_label_colour_and_no_border_blend():
    palette = kerasgan.data.facade_label_colors(jpeg_label_maps()).astype(float)
    distances = np.sqrt(((palette[:, None] - FACADE_COLOURS) ** 2).sum(-1))
    # One palette colour within a few levels of each label colour: none is a blend, none is missed.
    assert sorted(distances.argmin(axis=1)) == list(range(12)) and distances.min(axis=1).max() < 6
    with pytest.raises(ValueError, match="fewer than 12"):
        kerasgan.data.facade_label_colors(np.zeros((2, 8, 8, 3), np.uint8))
    with pytest.raises(ValueError, match="RGB label maps"):
        kerasgan.data.facade_label_colors(np.zeros((8, 8, 3), np.uint8))


@pytest.mark.skipif(not os.path.isdir(FACADES_DIR), reason=f"facades not found in {FACADES_DIR}")
def test_facades_splits_are_the_first_360_and_the_last_40_pairs():
    train, validation = split_files(FACADES_DIR, "train"), split_files(FACADES_DIR, "validation")
    assert len(train) == 360 and len(validation) == 40 and not set(train) & set(validation)
    assert os.path.basename(validation[0]) == "361.jpg" and os.path.basename(validation[-1]) == "400.jpg"
    photos, label_maps = kerasgan.data.load_facades(FACADES_DIR, "validation", size=64)
    assert photos.shape == label_maps.shape == (40, 64, 64, 3)
    # The training maps resized to 64x64 (their borders blended) still give each label colour.
    palette = kerasgan.data.facade_label_colors(kerasgan.data.load_facades(FACADES_DIR, "train", size=64)[1])
    assert np.sqrt(((palette[:, None].astype(float) - FACADE_COLOURS) ** 2).sum(-1)).min(axis=0).max() < 16


def test_tensorflow_datasets_cycle_gan_domains_load_resized():
    tfds = pytest.importorskip("tensorflow_datasets")
    with tfds.testing.mock_data(num_examples=3):  # offline: random images of the right spec
        a, b = kerasgan.data.image_folders.load_cycle_gan_tfds("facades", size=16)
    assert a.shape == b.shape == (3, 16, 16, 3) and a.dtype == np.uint8
    with pytest.raises(ValueError, match="split"):
        kerasgan.data.image_folders.load_cycle_gan_tfds("facades", split="validation")
