"""DCGAN and WGAN-GP train-step throughput per Keras backend, in one run on this machine.

Runs `tools/benchmark_train_step.py` once per backend (`KERAS_BACKEND` is fixed
when Keras is imported, so each backend gets its own process): the same
default networks, minibatch 64, XLA where the backend uses it (and TensorFlow's
`tf.function` without XLA, its default), the median of 3 timed runs.

Example (the README's table):
    python tools/benchmark_backends.py
"""

import argparse
import os
import subprocess
import sys

STEP_BENCHMARK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "benchmark_train_step.py")
# Generator steps per timed run: WGAN-GP's step makes 5 critic updates.
STEPS = {"dcgan": 60, "wgan_gp": 15}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", nargs="+", default=["tensorflow", "jax"])
    parser.add_argument("--models", nargs="+", default=sorted(STEPS), choices=sorted(STEPS))
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    for model in args.models:
        for backend in args.backends:
            command = [sys.executable, STEP_BENCHMARK, "--model", model, "--batch-size", str(args.batch_size),
                       "--steps", str(STEPS[model]), "--warmup", "3"]
            environment = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
            completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
            lines = [line for line in completed.stdout.splitlines() if line.strip()]
            print("\n".join(lines) if completed.returncode == 0 else f"{model} on {backend} failed:\n{completed.stderr[-2000:]}",
                  flush=True)


if __name__ == "__main__":
    main()
