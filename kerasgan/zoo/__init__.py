"""The zoo: pretrained models with model cards, shipped with the package and loaded offline.

Each entry is a folder `kerasgan/zoo/<name>/` holding `card.json` (data and
split, recipe command, metrics with the split they were measured on, and the
sha256 of every file under "files") and the files it lists. `load(name)`
checks every file against its card before Keras reads it, so a corrupt,
truncated or tampered file is refused with both hashes named. Loading keeps
Keras' `safe_mode`: zoo models hold no Lambda layers.

`$KERASGAN_ZOO_DIR` points the zoo at another folder of entries.
"""

import hashlib
import json
import os

ZOO_DIR_ENV = "KERASGAN_ZOO_DIR"
CARD_FILE = "card.json"
MODEL_FILE = "model.keras"


def zoo_dir():
    """`$KERASGAN_ZOO_DIR`, else the entries shipped in this package."""
    return os.environ.get(ZOO_DIR_ENV) or os.path.dirname(os.path.abspath(__file__))


def list():  # noqa: A001  (the zoo's own name for it, as keras-hub's presets)
    """Names of the entries, sorted."""
    root = zoo_dir()
    return sorted(name for name in os.listdir(root) if os.path.isfile(os.path.join(root, name, CARD_FILE)))


def entry_dir(name):
    """The folder of entry `name`; an unknown name is an error that lists the known ones."""
    directory = os.path.join(zoo_dir(), name)
    if not os.path.isfile(os.path.join(directory, CARD_FILE)):
        raise ValueError(f"Unknown zoo entry {name!r}; available: {list()}.")
    return directory


def read_card(directory):
    """The model card (a dict) of the entry in `directory`."""
    path = os.path.join(directory, CARD_FILE)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"Zoo file {path!r} is missing.")
    with open(path) as stream:
        return json.load(stream)


def info(name):
    """The model card of entry `name`, as a dict."""
    return read_card(entry_dir(name))


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_path(directory, filename):
    """The path of `filename` in a zoo folder, after checking its sha256 against the card."""
    card = read_card(directory)
    expected = card.get("files", {}).get(filename)
    if expected is None:
        raise ValueError(f"The model card in {directory!r} lists no sha256 for {filename!r}.")
    path = os.path.join(directory, filename)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"Zoo file {path!r} is missing.")
    actual = file_sha256(path)
    if actual != expected:
        raise ValueError(
            f"{path} has sha256 {actual}, but its model card says {expected}: the "
            "file is corrupt, truncated or has been tampered with."
        )
    return path


def model_file(card, direction=None):
    """The model file of a card: `MODEL_FILE`, or for a two-way translator the file of `direction`.

    A two-way entry (CycleGAN's) lists {"a2b": file, "b2a": file} under
    "directions"; the first is its default.
    """
    directions = card.get("directions")
    if direction is None:
        return next(iter(directions.values())) if directions else MODEL_FILE
    if not directions:
        raise ValueError(f"Zoo entry {card.get('name')!r} translates one way only; it takes no direction.")
    if direction not in directions:
        raise ValueError(f"Zoo entry {card.get('name')!r} has directions {sorted(directions)}, not {direction!r}.")
    return directions[direction]


def load_verified_model(directory, direction=None):
    """(model, card) of the zoo folder `directory`, its model file checked first."""
    from kerasgan.io import load_model

    card = read_card(directory)
    return load_model(verified_path(directory, model_file(card, direction))), card


def load(name, direction=None):
    """The model of zoo entry `name` (a `keras.Model`), its checksum verified.

    For a two-way translator, `direction` ("a2b" or "b2a") picks the
    generator; without it the entry's first direction is loaded.
    """
    model, _ = load_verified_model(entry_dir(name), direction)
    return model
