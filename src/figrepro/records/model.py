"""The shape of a record: what the pipeline knows of one source or notebook, in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Key = tuple[str, ...]  # a path into the config: ("udl", "<id>"), ("vae", "train")
#: a check of the config that its schema cannot make (shapes, orders, counts the figures need): it
#: reads the whole config and yields one line per problem, naming the key
Check = Callable[[Mapping[str, Any]], Iterator[str]]


@dataclass(frozen=True)
class Figure:
    source: str  # "udl/<id>", "lecture4", ...
    name: str  # what its script draws it as: "latent_curve"
    #: the title; a value of the record's config section it states is a field, "z={likelihood_z:g}"
    title: str
    ext: str | None = None  # a fixed file type (the lecture's own file names), else figures.format
    number: int | None = None  # its place in a UDL notebook, which starts its file's name

    @property
    def slug(self) -> str:
        """The file's name without its type: ``01_latent_curve`` in a notebook, else the name."""
        return self.name if self.number is None else f"{self.number:02d}_{self.name}"

    def path(self, fmt: str) -> str:
        return f"figures/{self.source}/{self.slug}.{self.ext or fmt}"

    def title_in(self, section: Mapping[str, Any]) -> str:
        """The title stating the values of ``section`` (its record's config section) in force."""
        return self.title.format_map(section)


def figures_of(
    source: str, entries: tuple[tuple[str, str], ...], numbered: bool = False
) -> tuple[Figure, ...]:
    """A source's figures from its ``(name, title)`` pairs, in order; a notebook's files are
    ``numbered`` by that order (``01_<name>``), the other sources' named by the name alone."""
    return tuple(
        Figure(source, name, title, number=i if numbered else None)
        for i, (name, title) in enumerate(entries, 1)
    )


@dataclass(frozen=True)
class Notebook:
    """The one job of a notebook whose numbers cost a second or less: it computes its numbers and
    draws its figures (a second job would cost more in Python start-up than the work)."""

    rule: str  # the rule's name, as `snakemake --list-rules` shows it
    script: str  # under scripts/
    metrics: bool = True  # writes results/<source>/metrics.json


@dataclass(frozen=True)
class Record:
    """One source or notebook: how the report names it, what it draws, what it prints and how the
    pipeline runs and checks it. Rules, captions, the manifest, the printed-number tests and the
    budget script read these; no job imports them (editing a title redraws nothing)."""

    source: str  # "udl/<id>": its figures' and results' folder, its key in results/metrics.json
    category: str  # the report's category ("Understanding Deep Learning", "VAE assignment", ...)
    name: str  # the report's subcategory ("6.3 Stochastic gradient descent")
    config: Key  # its config section
    figures: tuple[Figure, ...] = ()
    job: Notebook | None = None  # set for a notebook computed and drawn by one job
    #: the rules of its other jobs, whose rule files find the record by these names
    rules: tuple[str, ...] = ()
    reads: tuple[Key, ...] = ()  # further config sections its jobs read
    takes_seed: bool = False  # its jobs take the top-level seed (the source sets none)
    seeds_generator: bool = False  # the source seeds its generator: the numbers come out bit for bit
    #: numbers the source prints: key -> (the printed value, decimals printed)
    printed: Mapping[str, tuple[Any, int]] = field(default_factory=dict)
    #: numbers printed in the titles the catalog quotes: key -> (index, value, decimals)
    title_numbers: Mapping[str, tuple[int, float, int]] = field(default_factory=dict)
    #: numbers whose computation magnifies rounding: key -> (absolute tolerance, why)
    rounding: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    #: numbers the source prints in full, compared to their own tolerance (the lecture's searches)
    printed_in_full: Mapping[str, float] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()

    @property
    def target(self) -> str:
        """The workflow's target that builds this source alone (``snakemake --cores 4 udl_17_1``): the
        one-job notebook's rule, else a rule gathering its figures and numbers."""
        return self.source.replace("/", "_")

    @property
    def metrics_file(self) -> str | None:
        """The one-job notebook's numbers (other sources' jobs name their own files)."""
        return f"results/{self.source}/metrics.json" if self.job and self.job.metrics else None
