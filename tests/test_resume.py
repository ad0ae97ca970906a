"""Kill a training process with SIGKILL (mid-epoch, or inside a save), start it again: the
final weights equal those of an uninterrupted run, and no save is ever lost or left partial."""

import os
import signal
import subprocess
import sys

import numpy as np

import kerasgan

TESTS = os.path.dirname(os.path.abspath(__file__))


def run_worker(directory, *mode):
    environment = dict(os.environ, PYTHONPATH=TESTS, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, os.path.join(TESTS, "resume_worker.py"), str(directory), *mode],
                          env=environment, capture_output=True, text=True, timeout=600)


def final_values(directory):
    with np.load(os.path.join(directory, "final.npz")) as stored:
        return [stored[key] for key in sorted(stored.files, key=lambda name: int(name.split("_")[1]))]


def epochs_run(directory):
    return np.load(os.path.join(directory, "epochs_run.npy")).tolist()


def assert_same_final_values(directory, reference):
    ours, theirs = final_values(directory), final_values(reference)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(a, b)


def saved_epochs(directory):
    return [epochs for epochs, _ in kerasgan.callbacks.ResumableCheckpoint(directory / "checkpoints").saves()]


def test_killed_mid_epoch_and_started_again_it_ends_where_an_uninterrupted_run_ends(tmp_path):
    straight, resumed = tmp_path / "straight", tmp_path / "resumed"
    assert run_worker(straight).returncode == 0
    killed = run_worker(resumed, "kill-mid-epoch", "2")
    assert killed.returncode == -signal.SIGKILL
    assert saved_epochs(resumed) == [2] and not os.path.exists(resumed / "final.npz")
    finished = run_worker(resumed)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert saved_epochs(resumed) == [4]
    assert epochs_run(resumed) == [2, 3] and epochs_run(straight) == [0, 1, 2, 3]
    # Both optimizers' states, the moving average, the historical averages and the noise state came back.
    assert_same_final_values(resumed, straight)


def test_killed_inside_a_save_it_keeps_the_previous_save_and_leaves_nothing_behind(tmp_path):
    straight, resumed = tmp_path / "straight", tmp_path / "resumed"
    assert run_worker(straight).returncode == 0
    killed = run_worker(resumed, "kill-during-save", "3")  # the temporary of epoch 3's save is complete
    assert killed.returncode == -signal.SIGKILL
    checkpoints = resumed / "checkpoints"
    assert saved_epochs(resumed) == [2]
    assert any(name.startswith(".partial-") for name in os.listdir(checkpoints))
    kerasgan.load_model(str(checkpoints / "epoch-00002.keras"))  # the previous save is whole
    finished = run_worker(resumed)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert sorted(os.listdir(checkpoints)) == ["epoch-00004.keras"]
    assert epochs_run(resumed) == [2, 3]
    assert_same_final_values(resumed, straight)
