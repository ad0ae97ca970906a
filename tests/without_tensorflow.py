"""Runs a Python module as if TensorFlow were not installed.

Usage: python tests/without_tensorflow.py -m pytest tests/other_backends ...

The finder of installed packages is replaced by one that does not see
`tensorflow` (or its submodules): importing it raises ModuleNotFoundError and
`importlib.util.find_spec` returns None, as where the package is absent. A run
under this proves that kerasgan on the JAX or PyTorch backend never needs
TensorFlow.
"""

import importlib.machinery
import runpy
import sys

BLOCKED = "tensorflow"


def is_blocked(name):
    return name == BLOCKED or name.startswith(BLOCKED + ".")


class PathFinderWithoutTensorFlow(importlib.machinery.PathFinder):
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        return None if is_blocked(name) else super().find_spec(name, path, target)


if __name__ == "__main__":
    if sys.argv[1:2] != ["-m"] or len(sys.argv) < 3:
        raise SystemExit(__doc__)
    if any(is_blocked(name) for name in sys.modules):
        raise RuntimeError("TensorFlow was imported before it was hidden.")
    if importlib.machinery.PathFinder not in sys.meta_path:
        raise RuntimeError("No standard path finder to replace in sys.meta_path.")
    sys.meta_path = [
        PathFinderWithoutTensorFlow if finder is importlib.machinery.PathFinder else finder for finder in sys.meta_path
    ]
    module, sys.argv = sys.argv[2], sys.argv[2:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
