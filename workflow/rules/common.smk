# Helpers shared by every rule file.
import json

from figrepro.captions import CAPTIONS, caption_path
from figrepro.config import at_key
from figrepro import codedeps
from figrepro.codedeps import library_files
from figrepro.codedeps import module_files as library_module_files
from figrepro.records import RECORDS, figure_title, record_of_rule, report_subcategory

# imported under another name: `report(` opening a line would read as the report: keyword
from snakemake.io import report as report_flag


def repo(path):
    """A file of the checkout, relative to the working directory (normally the checkout itself): a
    built tree moved or restored from a cache elsewhere keeps the same inputs, so it stays up to date."""
    return os.path.relpath(os.path.join(workflow.basedir, path))


#: what each script and library file imports, as the last parse found it (the Snakefile keeps it)
codedeps.remember(".snakemake/figrepro/imports.json")
SCRIPTS = repo("scripts")
SRC = repo("src")
#: the groups of jobs that take a second or two: on a cluster several go in one submission
#: (group-components in profiles/slurm); a local build ignores groups of this kind. The one-job
#: notebooks, which read nothing another job makes, are a group of their own: a submission waits
#: for every input of its jobs, and the plots of the VAE's or the lab's results would hold them back
#: until the training ends.
CHEAP = "cheap"
NOTEBOOKS = "notebooks"
FMT = config["figures"]["format"]
DPI = config["figures"]["dpi"]


def script(name):
    return os.path.join(SCRIPTS, name)


def module_files(path):
    """A library module, its packages' ``__init__`` and the figrepro files it imports."""
    return list(library_module_files(path, SRC))


def library(name):
    """The figrepro files the script imports: inputs, so editing one reruns its jobs."""
    return list(library_files(script(name), SRC))


def section(*path, keys=None):
    """One config section (or only its ``keys``) as JSON: a rule's params carry only what it needs."""
    node = at_key(config, path)
    if keys is not None:
        node = {k: node[k] for k in keys}
    return json.dumps(node, sort_keys=True)


def reported(figures):
    """The figures' paths, marked for `snakemake --report`: grouped by source and notebook (in the
    book's order), each listed by its file and its title, with the caption the manifest job writes."""
    return [
        report_flag(
            fig.path(FMT),
            caption=os.path.abspath(caption_path(fig)),
            category=RECORDS[fig.source].category,
            subcategory=report_subcategory(fig.source),
            labels={"file": fig.path(FMT), "title": figure_title(fig, config)},
        )
        for fig in figures
    ]


def figure_options(figures):
    """``--figure NAME=PATH`` for each figure a script draws (the path from its record) and ``--dpi``."""
    return " ".join([*(f"--figure {fig.name}={fig.path(FMT)}" for fig in figures), f"--dpi {DPI}"])
