"""Registries of feature extractors and metrics: each name means one thing.

Registering a name that is taken is an error unless `overwrite=True`, and an
unknown name is an error that lists the known ones. The CLI, the callbacks,
`kerasgan.evaluation` and the recipes all look names up here.
"""

import dataclasses
from typing import Callable


class Registry:
    """Named entries of one kind ("extractor", "metric")."""

    def __init__(self, kind):
        self.kind = kind
        self._entries = {}

    def register(self, name, entry=None, overwrite=False):
        """Registers `entry` under `name`; without `entry`, a decorator that does."""

        def add(value):
            if name in self._entries and not overwrite:
                raise ValueError(
                    f"The {self.kind} {name!r} is already registered; pass overwrite=True to replace it."
                )
            self._entries[name] = value
            return value

        return add if entry is None else add(entry)

    def get(self, name):
        if name not in self._entries:
            raise ValueError(f"Unknown {self.kind} {name!r}; available: {self.names()}.")
        return self._entries[name]

    def names(self):
        return sorted(self._entries)

    def __contains__(self, name):
        return name in self._entries


@dataclasses.dataclass(frozen=True)
class Metric:
    """A sample-based metric.

    Attributes:
        compute: `compute(real_features, fake, **options)` -> {log name:
            value}, where `fake` is the generated images' features, or their
            class logits when `uses_logits`.
        uses_logits: whether it scores the extractor's logits of the samples.
        needs_reference: whether it compares with real images' features.
        uses_labels: whether it is class-conditional: `compute` then also
            takes `fake_labels` (the classes the samples were generated for)
            and, with a reference, `real_labels` (the real images' classes).
    """

    compute: Callable
    uses_logits: bool = False
    needs_reference: bool = True
    uses_labels: bool = False


EXTRACTORS = Registry("extractor")
METRICS = Registry("metric")


def register_extractor(name, overwrite=False):
    """Decorator registering `factory(**kwargs) -> FeatureExtractor` under `name`."""
    return EXTRACTORS.register(name, overwrite=overwrite)


def available_extractors():
    return EXTRACTORS.names()


def register_metric(name, metric, overwrite=False):
    """Registers a `Metric` under `name`."""
    return METRICS.register(name, metric, overwrite=overwrite)


def get_metric(name):
    return METRICS.get(name)


def available_metrics():
    return METRICS.names()
