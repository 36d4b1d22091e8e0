"""Loaded at the start of every Python process of a build whose PYTHONPATH holds this folder (the
smoke build's): when a job's script exits, append the figrepro modules it loaded to
``$FIGREPRO_MODULES_LOG`` (as ``src/figrepro/...``, wherever the package is installed from), and
which of the libraries that cost a job most to import it loaded, keyed by the log file its stderr
goes to (each rule's ``log:``)."""

import atexit
import json
import os
import sys

#: the imports that cost a job a second or more between them (issue 22)
HEAVY = ("matplotlib.pyplot", "jsonschema", "yaml", "scipy", "torch")


def _record() -> None:
    try:
        log = os.readlink("/proc/self/fd/2")
    except OSError:
        return
    if not log.startswith("/") or not log.endswith(".log"):
        return  # not a job writing its log: Snakemake itself, a terminal, a pipe
    package = sys.modules.get("figrepro")
    if package is None or not getattr(package, "__file__", None):
        return
    root = os.path.dirname(os.path.dirname(package.__file__))  # src/, wherever figrepro is installed
    loaded = sorted(
        os.path.join("src", os.path.relpath(module.__file__, root))
        for name, module in list(sys.modules.items())
        if (name == "figrepro" or name.startswith("figrepro.")) and getattr(module, "__file__", None)
    )
    heavy = [name for name in HEAVY if name in sys.modules]
    line = json.dumps({"log": os.path.relpath(log), "script": sys.argv[0], "modules": loaded, "heavy": heavy})
    with open(os.environ["FIGREPRO_MODULES_LOG"], "a") as fh:
        fh.write(line + "\n")


if os.environ.get("FIGREPRO_MODULES_LOG"):
    atexit.register(_record)
