"""Prints the tables of the zoo's MNIST generators from their cards.

    python tools/zoo_table.py           # the README's short table
    python tools/zoo_table.py --full    # docs/guides/zoo.md's table

The README's row per generator entry: the model, the classifier FID and score
(and, for conditional generators, class agreement) and the one command that
reproduces it. The full row adds precision / recall, the FID curve of the run,
the sample grid and the training time. The figures are the cards' (what
`kerasgan evaluate NAME` reproduces), so the docs cannot drift from them;
`tests/test_zoo.py` checks that every generator entry's row is in both.
"""

import argparse

import kerasgan

GENERATOR_KINDS = ("generator", "conditional_generator")
HEADER = "| entry | model | FID | score | reproduce |\n| --- | --- | --- | --- | --- |"
FULL_HEADER = (
    "| entry | model | FID | score | precision / recall | FID curve (steps: FID of 2,000 samples) | samples "
    "| reproduce (time on 2 CPU cores) |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
)


def generator_entries():
    return [name for name in kerasgan.zoo.list() if kerasgan.zoo.info(name).get("kind") in GENERATOR_KINDS]


def curve_text(card):
    points = card.get("fid_curve", {}).get("steps_and_fid", [])
    return ", ".join(f"{step // 1000}k: {fid:.0f}" for step, fid in points) or "-"


def _model(card):
    conditional = card["kind"] == "conditional_generator"
    return card["model"] + (f" (class agreement {card['metrics']['class_agreement']:.3f})" if conditional else "")


def row(name):
    """The README's row of entry `name`."""
    card = kerasgan.zoo.info(name)
    metrics = card["metrics"]
    return f"| `{name}` | {_model(card)} | {metrics['fid']:.1f} | {metrics['inception_score']:.2f} | `{card['recipe']}` |"


def full_row(name):
    """docs/guides/zoo.md's row of entry `name`."""
    card = kerasgan.zoo.info(name)
    metrics = card["metrics"]
    model = _model(card)
    minutes = round(card["train_seconds"] / 60)
    return (
        f"| `{name}` | {model} | {metrics['fid']:.1f} | {metrics['inception_score']:.2f} "
        f"| {metrics['precision']:.2f} / {metrics['recall']:.2f} | {curve_text(card)} "
        f"| <img src=\"../../kerasgan/zoo/{name}/samples.png\" width=\"96\"> | `{card['recipe']}` ({minutes} min) |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="docs/guides/zoo.md's table instead of the README's")
    full = parser.parse_args().full
    print(FULL_HEADER if full else HEADER)
    for name in generator_entries():
        print(full_row(name) if full else row(name))


if __name__ == "__main__":
    main()
