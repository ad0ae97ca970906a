"""The zoo: pretrained models with model cards, shipped with the package and loaded offline.

Each entry is a folder `kerasgan/zoo/<name>/` holding `card.json` (data and
split, recipe command, metrics with the split they were measured on, and the
sha256 of every file under "files") and the files it lists. `load(name)`
checks every file against its card before Keras reads it, so a corrupt,
truncated or tampered file is refused with both hashes named. Loading keeps
Keras' `safe_mode`: zoo models hold no Lambda layers.

An entry's card may instead name a URL for a file (under "urls"): the file
is then fetched once with `keras.utils.get_file` into the Keras cache
(`$KERAS_HOME/kerasgan_zoo`, default `~/.keras`) and verified against the
card's sha256 like a shipped one (a mismatch removes the cached copy).

`ModelClass.from_preset(name)` (keras-hub's convention) loads an entry that
ships its whole GAN ("preset" in its card): every network, ready to
`generate`, or to `compile` and `fit` further.

`$KERASGAN_ZOO_DIR` names a folder of your own entries: they are found
before the shipped ones, and recipes publish there.
"""

import difflib
import hashlib
import json
import os

ZOO_DIR_ENV = "KERASGAN_ZOO_DIR"
CARD_FILE = "card.json"
MODEL_FILE = "model.keras"
CACHE_SUBDIR = "kerasgan_zoo"
PACKAGE_ZOO = os.path.dirname(os.path.abspath(__file__))


def zoo_dir():
    """Where new entries are published: `$KERASGAN_ZOO_DIR`, else the package's own zoo."""
    return os.environ.get(ZOO_DIR_ENV) or PACKAGE_ZOO


def zoo_dirs():
    """Where entries are looked up, first match wins: `$KERASGAN_ZOO_DIR` (if set), then the package's zoo."""
    return [directory for directory in (os.environ.get(ZOO_DIR_ENV), PACKAGE_ZOO) if directory]


def list():  # noqa: A001  (the zoo's own name for it, as keras-hub's presets)
    """Names of the entries, sorted."""
    return sorted({
        name
        for root in zoo_dirs() if os.path.isdir(root)
        for name in os.listdir(root) if os.path.isfile(os.path.join(root, name, CARD_FILE))
    })


def entry_dir(name):
    """The folder of entry `name`; an unknown name is an error that lists the known ones."""
    for root in zoo_dirs():
        directory = os.path.join(root, name)
        if os.path.isfile(os.path.join(directory, CARD_FILE)):
            return directory
    known = list()
    close = difflib.get_close_matches(str(name), known, n=1)
    suggestion = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"Unknown zoo entry {name!r}; available: {known}.{suggestion}")


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
    """The path of `filename` of the zoo folder `directory` (shipped there, or fetched from the URL
    its card names), after checking its sha256 against the card."""
    card = read_card(directory)
    expected = card.get("files", {}).get(filename)
    if expected is None:
        raise ValueError(f"The model card in {directory!r} lists no sha256 for {filename!r}.")
    path = os.path.join(directory, filename)
    url = card.get("urls", {}).get(filename)
    if not os.path.isfile(path) and url:
        path = _fetched(card.get("name", os.path.basename(directory)), filename, url, expected)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"Zoo file {path!r} is missing.")
    actual = file_sha256(path)
    if actual != expected:
        if url:
            os.remove(path)  # a bad download is not kept in the cache
        raise ValueError(
            f"{path} has sha256 {actual}, but its model card says {expected}: the "
            "file is corrupt, truncated or has been tampered with."
        )
    return path


def _fetched(name, filename, url, sha256):
    """The cached copy of an entry's file at `url` (downloaded on first use, by `keras.utils.get_file`)."""
    import keras

    cache = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    os.makedirs(os.path.join(cache, CACHE_SUBDIR), exist_ok=True)  # else get_file falls back to /tmp/.keras
    try:
        return keras.utils.get_file(f"{name}-{sha256[:16]}-{filename}", origin=url, cache_dir=cache,
                                    cache_subdir=CACHE_SUBDIR)
    except Exception as error:  # get_file raises bare Exceptions for network errors
        raise OSError(f"Zoo entry {name!r}: could not fetch {filename} from {url}: {error}") from error


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


def save_preset(model, path):
    """Saves a kerasgan model as a zoo preset, atomically: every network and the model's own state,
    without optimizer state (an uncompiled copy; `from_preset` users compile their own)."""
    from kerasgan.io import save_model_atomically

    copy = type(model).from_config(model.get_config())
    copy.set_weights(model.get_weights())
    save_model_atomically(copy, path, compress=True)


NO_PRESETS = "none shipped (publish your own with a recipe's --publish --preset)"


def load_preset(name, model_class):
    """The whole GAN of zoo entry `name` (its card's "preset" file), checked to be a `model_class`."""
    directory = entry_dir(name)
    card = read_card(directory)
    if "preset" not in card:
        with_presets = [entry for entry in list() if "preset" in read_card(entry_dir(entry))]
        raise ValueError(
            f"Zoo entry {name!r} ships only its sampling generator, not a whole GAN: sample it with "
            f"kerasgan.sampling.Sampler({name!r}).generate(n), or load the generator with kerasgan.zoo.load({name!r}). "
            f"Entries with a whole GAN for from_preset: {', '.join(with_presets) or NO_PRESETS}."
        )
    from kerasgan.io import load_model

    model = load_model(verified_path(directory, card["preset"]))
    if not isinstance(model, model_class):
        raise ValueError(f"Zoo entry {name!r} holds a {type(model).__name__}, not a {model_class.__name__}.")
    return model


def load(name, direction=None):
    """The model of zoo entry `name` (a `keras.Model`), its checksum verified.

    For a two-way translator, `direction` ("a2b" or "b2a") picks the
    generator; without it the entry's first direction is loaded.
    """
    model, _ = load_verified_model(entry_dir(name), direction)
    return model
