"""One registry of metrics and extractors, used by evaluation, callbacks and the CLI alike."""

import numpy as np
import pytest

from kerasgan import metrics
from kerasgan.callbacks import SampleMetric
from kerasgan.cli import main
from kerasgan.evaluation import score_features
from kerasgan.metrics.registry import Registry


def test_unknown_names_list_the_known_ones():
    with pytest.raises(ValueError, match=r"Unknown metric 'fjd'; available: \[.*'fid'.*'kid'"):
        metrics.get_metric("fjd")
    with pytest.raises(ValueError, match=r"Unknown extractor 'resnet'; available: \['inception_v3', 'mnist_classifier'\]"):
        metrics.get_extractor("resnet")
    with pytest.raises(ValueError, match="Unknown metric 'fjd'"):  # the callbacks look names up alike
        SampleMetric("fjd", "mnist_classifier", np.zeros((1, 28, 28, 1), "float32"))


def test_the_cli_reports_an_unknown_metric_in_one_line(capsys):
    assert main(["evaluate", "absent.keras", "--metrics", "fjd"]) == 2
    assert "Unknown metric 'fjd'; available:" in capsys.readouterr().err


def test_a_taken_name_needs_overwrite():
    registry = Registry("metric")
    registry.register("mean_gap", metrics.Metric(lambda real, fake: {"gap": 1.0}))
    with pytest.raises(ValueError, match="'mean_gap' is already registered; pass overwrite=True"):
        registry.register("mean_gap", metrics.Metric(lambda real, fake: {"gap": 2.0}))
    registry.register("mean_gap", metrics.Metric(lambda real, fake: {"gap": 2.0}), overwrite=True)
    assert registry.get("mean_gap").compute(None, None) == {"gap": 2.0}
    with pytest.raises(ValueError, match="already registered"):
        metrics.register_metric("fid", metrics.get_metric("fid"))


def test_a_registered_metric_is_scored_like_the_built_in_ones():
    def mean_gap(real, fake):
        return {"mean_gap": float(np.abs(real.mean(axis=0) - fake.mean(axis=0)).sum())}

    metrics.register_metric("test_mean_gap", metrics.Metric(mean_gap), overwrite=True)
    real, fake = np.zeros((50, 3)), np.ones((60, 3))
    scores = score_features(["test_mean_gap", "fid"], real + np.random.default_rng(0).normal(size=(50, 3)), fake)
    assert scores["mean_gap"] == pytest.approx(3.0, abs=0.7) and scores["fid"] > 2.0
