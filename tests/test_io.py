"""Atomic writes keep the previous file when a write fails; compressed model files load the same."""

import os
import zipfile

import keras
import numpy as np
import pytest

from kerasgan.io import atomic_write_bytes, image_grid, save_model_atomically


def test_failed_write_keeps_the_previous_file(tmp_path):
    path = tmp_path / "weights.bin"
    atomic_write_bytes(str(path), b"old")

    with pytest.raises(TypeError):
        atomic_write_bytes(str(path), object())  # fails mid-write
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["weights.bin"]  # no partial file left


def test_failed_model_save_keeps_the_previous_model(tmp_path, monkeypatch):
    path = str(tmp_path / "model.keras")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    save_model_atomically(model, path)
    before = open(path, "rb").read()

    def crash(self, filepath, *args, **kwargs):
        with open(filepath, "wb") as stream:
            stream.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(keras.Model, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        save_model_atomically(model, path)
    assert open(path, "rb").read() == before
    assert len(list(tmp_path.iterdir())) == 1


def test_a_compressed_model_file_is_smaller_and_loads_the_same_weights(tmp_path):
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(256), keras.layers.Dense(64)])
    plain, deflated = str(tmp_path / "plain.keras"), str(tmp_path / "deflated.keras")
    save_model_atomically(model, plain)
    save_model_atomically(model, deflated, compress=True)

    with zipfile.ZipFile(deflated) as archive:
        assert {member.compress_type for member in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert os.path.getsize(deflated) < 0.95 * os.path.getsize(plain)
    for saved, loaded in zip(model.get_weights(), keras.saving.load_model(deflated).get_weights()):
        np.testing.assert_array_equal(saved, loaded)


def test_image_grid_maps_range_and_layout():
    images = np.stack([np.full((2, 2, 1), -1.0), np.full((2, 2, 1), 1.0), np.zeros((2, 2, 1))])
    grid = image_grid(images, columns=2)
    assert grid.shape == (4, 4, 1) and grid.dtype == np.uint8
    assert grid[0, 0, 0] == 0 and grid[0, 2, 0] == 255 and grid[2, 0, 0] == 128
    assert grid[2, 2, 0] == 0  # the empty cell
