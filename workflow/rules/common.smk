# Helpers shared by every rule file.
import json

from figrepro.catalog import UDL_FIGURES
from figrepro.codedeps import library_files

SCRIPTS = os.path.join(workflow.basedir, "scripts")
SRC = os.path.join(workflow.basedir, "src")
FMT = config["figures"]["format"]
DPI = config["figures"]["dpi"]
PY = "python -u"  # unbuffered, so progress reaches the log as it happens


def script(name):
    return os.path.join(SCRIPTS, name)


def library(name):
    """The figrepro files the script imports: inputs, so editing one reruns its jobs."""
    return list(library_files(script(name), SRC))


def section(*path, keys=None):
    """One config section (or only its ``keys``) as JSON: a rule's params carry only what it needs."""
    node = config
    for key in path:
        node = node[key]
    if keys is not None:
        node = {k: node[k] for k in keys}
    return json.dumps(node, sort_keys=True)


def udl_figures(nb):
    return [fig.path(FMT) for fig in UDL_FIGURES.get(nb, [])]


def plot_options():
    return f"--format {FMT} --dpi {DPI}"
