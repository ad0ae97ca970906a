"""Prints, step by step, how far one device and two MirroredStrategy replicas apart are.

For cases of tests/distribution_cases.py and seeded starts, it trains one epoch on one
device and on two logical CPUs from the same weights, keeps the weights after every
batch, and prints the largest difference per step and how far the one-device weights
moved. Rounding alone keeps the difference at 1e-8 to 1e-7; a step where it jumps to
1e-5 or more is a pre-activation that met a ReLU kink on one side only (see
docs/test_suite.md and KINK_FREE_START_SEEDS in tests/helpers.py).

Example:
    python tools/distribution_step_differences.py WGAN-GP CycleGAN --seeds 1 2 3
"""

import argparse
import os
import sys

TESTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", help="case names of tests/distribution_cases.py")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()

    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import keras

    import kerasgan

    sys.path.insert(0, TESTS)
    from distribution_cases import CASES
    from helpers import _build, batched, max_weight_difference

    cases = {case.name: case for case in CASES}
    unknown = [name for name in args.cases if name not in cases]
    if unknown:
        parser.error(f"no such case: {unknown}; the cases are {sorted(cases)}")
    strategy = kerasgan.distribute.local_mirrored_strategy()

    def train(on, case, data, initial=None):
        gan = _build(on, case.model_class, case.make_networks, case.learning_rate, **case.kwargs)
        if initial is not None:
            gan.set_weights(initial)
        start, steps = gan.get_weights(), []
        record = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: steps.append(gan.get_weights()))
        gan.fit(batched(data, case.global_batch), epochs=1, verbose=0, callbacks=[record])
        return start, steps

    for name in args.cases:
        case = cases[name]
        for seed in args.seeds:
            keras.utils.set_random_seed(seed)
            data = case.make_data()
            initial, single = train(tf.distribute.get_strategy(), case, data)
            _, mirrored = train(strategy, case, data, initial)
            apart = " ".join(f"{max_weight_difference(a, b):.1e}" for a, b in zip(single, mirrored))
            moved = " ".join(f"{max_weight_difference(initial, a):.1e}" for a in single)
            print(f"{name} seed {seed}: apart per step {apart} | moved {moved}", flush=True)


if __name__ == "__main__":
    main()
