"""DCGAN and WGAN-GP train-step throughput per Keras backend, in one run on this machine.

Runs `tools/benchmark_train_step.py` once per backend (`KERAS_BACKEND` is fixed
when Keras is imported, so each backend gets its own process): the same
default networks, minibatch 64, XLA where the backend uses it (and TensorFlow's
`tf.function` without XLA, its default), the median of 3 timed runs, each as a
ratio to the first backend's first mode measured in the same run. PyTorch is
included where it is installed.

Example (docs/guides/benchmarks.md's table):
    python tools/benchmark_backends.py
"""

import argparse
import importlib.util
import os
import re
import subprocess
import sys

STEP_BENCHMARK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "benchmark_train_step.py")
# Generator steps per timed run: WGAN-GP's step makes 5 critic updates.
STEPS = {"dcgan": 60, "wgan_gp": 15}
RATE = re.compile(r":\s+([0-9.]+) images/s")


def installed_backends():
    return [backend for backend in ("tensorflow", "jax", "torch") if importlib.util.find_spec(backend) is not None]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", nargs="+", default=installed_backends())
    parser.add_argument("--models", nargs="+", default=sorted(STEPS), choices=sorted(STEPS))
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    for model in args.models:
        baseline = None
        for backend in args.backends:
            command = [sys.executable, STEP_BENCHMARK, "--model", model, "--batch-size", str(args.batch_size),
                       "--steps", str(STEPS[model]), "--warmup", "3"]
            environment = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3")
            completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
            if completed.returncode:
                print(f"{model} on {backend} failed:\n{completed.stderr[-2000:]}", flush=True)
                continue
            for line in filter(str.strip, completed.stdout.splitlines()):
                rate = RATE.search(line)
                if rate:
                    baseline = baseline or float(rate.group(1))
                    line += f"  x{float(rate.group(1)) / baseline:.2f}"
                print(line, flush=True)


if __name__ == "__main__":
    main()
