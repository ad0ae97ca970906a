"""What every recipe shares: the distribution and resume flags, and the callbacks of a run.

`--strategy` picks the distribution (`kerasgan.distribute.scope`): create and
compile the model inside `distribution(args)`; `--batch-size` is then the
global batch, split among the replicas. Every run saves a checkpoint each
epoch under `<output dir>/checkpoints` (`kerasgan.callbacks.ResumableCheckpoint`,
atomic); `--resume` continues it after a crash or a kill, or up to a larger
`--steps`/`--epochs`, and a run folder that holds checkpoints is never
started over without it.
"""

import json
import os
import time

import keras

import kerasgan
from kerasgan.io import atomic_write_bytes


def add_run_flags(flags):
    flags.add_argument("--strategy", default="auto", choices=kerasgan.distribute.KINDS,
                       help="distribution (auto: TF_CONFIG's workers, else all local GPUs, else one device); "
                            "--batch-size is the global batch")
    flags.add_argument("--resume", action="store_true",
                       help="continue the run checkpointed in the output folder (after a kill, or to more steps)")
    return flags


def parse_with_quick(flags, quick):
    """The parsed flags; with --quick, the `quick` settings ({name: value}) replace theirs."""
    args = flags.parse_args()
    if args.quick:
        for name, value in quick.items():
            setattr(args, name, value)
    return args


def distribution(args):
    """The scope to create and compile the model in."""
    return kerasgan.distribute.scope(args.strategy)


class Progress(keras.callbacks.Callback):
    """Prints the epoch's logs and the elapsed time."""

    def on_train_begin(self, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        figures = " ".join(f"{key}={float(value):.4g}" for key, value in sorted(logs.items()))
        print(f"epoch {epoch + 1} [{time.perf_counter() - self.started:.0f} s] {figures}", flush=True)


class TrainingClock(keras.callbacks.Callback):
    """Training seconds over every leg of a resumed run, saved at each epoch's end beside the checkpoint."""

    def __init__(self, path, resume):
        super().__init__()
        self.path = path
        self.seconds = 0.0
        if resume and os.path.isfile(path):
            with open(path) as stream:
                self.seconds = json.load(stream)["train_seconds"]

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds += time.perf_counter() - self.epoch_started
        atomic_write_bytes(self.path, json.dumps({"train_seconds": self.seconds, "epochs": epoch + 1}).encode())


def run_callbacks(args):
    """(callbacks, clock) of a run: NaN guard, progress, per-epoch checkpoints and the clock."""
    checkpoint = kerasgan.callbacks.ResumableCheckpoint(os.path.join(args.output_dir, "checkpoints"))
    saved = checkpoint.saves()
    if saved and not args.resume:
        raise SystemExit(f"{args.output_dir!r} holds a run (epoch {saved[-1][0]} saved): pass --resume to continue "
                         "it, or choose another output folder.")
    if args.resume and not saved:
        raise SystemExit(f"--resume: no checkpoints in {checkpoint.directory!r}.")
    clock = TrainingClock(os.path.join(args.output_dir, "train_seconds.json"), args.resume)
    return [kerasgan.callbacks.StopOnNonFinite(), Progress(), checkpoint, clock], clock
