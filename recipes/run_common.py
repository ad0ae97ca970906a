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
    """The parsed flags; with --quick, the `quick` settings ({name: value}) replace theirs, and a
    flag given beside --quick that it would replace is refused."""
    args = flags.parse_args()
    if args.quick:
        given = [name for name in quick if getattr(args, name) != flags.get_default(name)]
        if given:
            flags.error(f"--quick sets {', '.join('--' + name.replace('_', '-') for name in given)} itself "
                        f"({', '.join(f'{name}={quick[name]}' for name in given)}); drop --quick to choose them.")
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


def resume_line(epochs_saved, args):
    """What `--resume` continues from, and what a kill after that save cost."""
    total = getattr(args, "steps", None)
    per_epoch = getattr(args, "steps_per_epoch", None)
    if total is None or per_epoch is None:
        where = f"after epoch {epochs_saved}"
        done = epochs_saved >= getattr(args, "epochs", epochs_saved + 1)
    else:
        step = min(epochs_saved * per_epoch, total)
        where = f"after epoch {epochs_saved} (step {step:,} of {total:,})"
        done = step >= total
    if done:
        return f"--resume: the run is already finished ({where}): nothing to train."
    return (f"--resume: continuing from the save {where}; any steps trained after that save (at most one "
            "epoch's) are trained again.")


def run_callbacks(args):
    """(callbacks, clock) of a run: NaN guard, progress, per-epoch checkpoints and the clock."""
    checkpoint = kerasgan.callbacks.ResumableCheckpoint(os.path.join(args.output_dir, "checkpoints"))
    saved = checkpoint.saves()
    if saved and not args.resume:
        raise SystemExit(f"{args.output_dir!r} holds a run (epoch {saved[-1][0]} saved): pass --resume to continue "
                         "it, or choose another output folder.")
    if args.resume and not saved:
        raise SystemExit(f"--resume: no checkpoints in {checkpoint.directory!r}.")
    if args.resume:
        print(resume_line(saved[-1][0], args), flush=True)
    clock = TrainingClock(os.path.join(args.output_dir, "train_seconds.json"), args.resume)
    return [kerasgan.callbacks.StopOnNonFinite(), Progress(), checkpoint, clock], clock
