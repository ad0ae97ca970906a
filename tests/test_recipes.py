"""Every recipe runs end to end with --quick (seconds): trains, scores, saves; the MNIST ones publish
a zoo entry whose card's figures `kerasgan evaluate` reproduces, and refuse to start over a run."""

import json
import os
import runpy
import sys

import numpy as np
import pytest

import kerasgan

RECIPES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recipes")
MNIST_RECIPES = sorted(name[:-3] for name in os.listdir(RECIPES) if name.endswith("_mnist.py"))
# InfoGAN's generator takes latent codes, not class labels: its recipe studies the codes, no entry.
ENTRY_RECIPES = [name for name in MNIST_RECIPES if name != "infogan_mnist"]
FACADES_RECIPES = sorted(name[:-3] for name in os.listdir(RECIPES) if name.endswith("_facades.py"))
FACADES_DIR = os.environ.get(
    kerasgan.data.FACADES_DIR_ENV, os.path.join(RECIPES, "..", "..", "shared", "data", "facades", "train")
)


def run_recipe(name, *flags):
    saved = sys.argv
    sys.argv = [os.path.join(RECIPES, f"{name}.py"), *flags]
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    finally:
        sys.argv = saved


@pytest.fixture
def recipe_environment(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(RECIPES)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(kerasgan.zoo.ZOO_DIR_ENV, str(tmp_path / "zoo"))
    monkeypatch.setenv("KERASGAN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_every_zoo_entry_has_a_recipe():
    assert {"dcgan_mnist", "lsgan_mnist", "wgan_mnist", "wgan_gp_mnist", "hinge_mnist", "began_mnist",
            "progan_mnist", "cramer_mnist", "ebgan_mnist", "alae_mnist", "cgan_mnist", "acgan_mnist"} <= set(MNIST_RECIPES)
    shipped = [name for name in kerasgan.zoo.list() if name != "mnist_classifier"]
    assert set(shipped) <= set(MNIST_RECIPES) | set(FACADES_RECIPES)


@pytest.mark.parametrize("name", ENTRY_RECIPES)
def test_a_quick_mnist_recipe_publishes_an_entry_that_kerasgan_evaluate_reproduces(name, recipe_environment, mnist_dir):
    run_recipe(name, "--data-dir", mnist_dir, "--quick", "--publish", "--out", "run")
    results = json.loads((recipe_environment / "run" / "results.json").read_text())
    assert results["steps"] == 20 and np.isfinite(results["fid"])
    assert kerasgan.zoo.entry_dir(name).startswith(str(recipe_environment))  # published into $KERASGAN_ZOO_DIR
    card = kerasgan.zoo.info(name)
    assert card["recipe"] == f"python recipes/{name}.py --data-dir DIR --quick"
    assert results["fid_curve"] and card["fid_curve"]["steps_and_fid"] == results["fid_curve"]
    if name != "progan_mnist":  # its --quick run is as long as its growth schedule
        assert [step for step, _ in results["fid_curve"]] == [10, 20]
    again = kerasgan.evaluation.evaluate_on_mnist(name, mnist_dir, num_samples=200, seed=0)
    for metric, value in card["metrics"].items():
        assert again[metric] == pytest.approx(value, abs=1e-4), metric
    with pytest.raises(SystemExit, match="holds a run .* pass --resume"):
        run_recipe(name, "--data-dir", mnist_dir, "--quick", "--out", "run")


def test_the_quick_infogan_recipe_scores_its_codes_and_refuses_to_publish(recipe_environment, mnist_dir):
    run_recipe("infogan_mnist", "--data-dir", mnist_dir, "--quick", "--out", "run")
    results = json.loads((recipe_environment / "run" / "results.json").read_text())
    assert 0 <= results["unsupervised_digit_accuracy"] <= 1 and np.isfinite(results["fid"])
    with pytest.raises(ValueError, match="takes codes, not class labels"):
        run_recipe("infogan_mnist", "--data-dir", mnist_dir, "--quick", "--publish", "--out", "run2")


@pytest.mark.parametrize("name", FACADES_RECIPES)
def test_a_quick_facades_recipe_trains_and_scores(name, recipe_environment):
    if not os.path.isdir(FACADES_DIR):
        pytest.skip(f"no facades data at {FACADES_DIR} (set KERASGAN_FACADES_DIR)")
    run_recipe(name, "--data-dir", FACADES_DIR, "--quick", "--out", "run")
    results = json.loads((recipe_environment / "run" / "results.json").read_text())
    assert results["epochs"] == 1 and results["image_size"] == 32
    figures = [value for value in results.values() if isinstance(value, float)]
    assert figures and np.isfinite(figures).all()


def test_the_translation_evaluator_scores_a_saved_cyclegan_as_its_recipe_did(recipe_environment):
    if not os.path.isdir(FACADES_DIR):
        pytest.skip(f"no facades data at {FACADES_DIR} (set KERASGAN_FACADES_DIR)")
    run_recipe("cyclegan_facades", "--data-dir", FACADES_DIR, "--size", "64", "--width", "8", "--epochs", "1",
               "--batch-size", "8", "--out", "run")
    results = json.loads((recipe_environment / "run" / "results.json").read_text())
    sys.path.insert(0, os.path.join(RECIPES, "..", "tools"))
    from evaluate_translation_entry import saved_cyclegan_scores

    scores = saved_cyclegan_scores(str(recipe_environment / "run" / "model.keras"), FACADES_DIR)
    assert scores == {name: results[name] for name in scores}
    small = recipe_environment / "small.keras"
    kerasgan.CycleGAN(data_shape=(32, 32, 3)).save(small)
    with pytest.raises(ValueError, match="64x64 or more"):
        saved_cyclegan_scores(str(small), FACADES_DIR)


def test_steps_that_are_not_whole_epochs_train_exactly_and_resume_says_where(recipe_environment, capsys):
    """--steps 25 in epochs of 10 trains 25 generator steps (a last epoch of 5), and --resume on the
    finished run says there is nothing to train."""
    import argparse

    from helpers import batched, random_images, small_dcgan_networks
    from mnist_common import fit_for_steps

    args = argparse.Namespace(steps=25, steps_per_epoch=10, fid_every=0, output_dir="run", resume=False)
    gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
    gan.compile()
    fit_for_steps(gan, batched(random_images(64), 8), args)
    assert int(gan.g_optimizer.iterations) == 25
    args.resume = True
    fit_for_steps(gan, batched(random_images(64), 8), args)
    assert "already finished (after epoch 3 (step 25 of 25)): nothing to train" in capsys.readouterr().out
    assert int(gan.g_optimizer.iterations) == 25


def test_quick_refuses_the_flags_it_would_replace(recipe_environment, mnist_dir, capsys):
    with pytest.raises(SystemExit):
        run_recipe("dcgan_mnist", "--data-dir", mnist_dir, "--quick", "--steps", "25", "--out", "run")
    assert "--quick sets --steps itself (steps=20); drop --quick to choose them" in capsys.readouterr().err
