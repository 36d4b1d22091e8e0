"""What a run must know of the workflow's outputs before it starts: the ones a user deleted, which
it makes again, and the folders it cannot write, which it names before any job runs; and what the
requested targets cannot be asked of this build or machine.

Snakemake reruns a job whose output is missing only when something downstream needs to run: a
figure or an intermediate deleted from a finished build would stay deleted ("Nothing to be done").
:func:`missing_outputs` walks the rules from the requested targets to everything they are made of
and lists the outputs that are not on disk; :func:`checking_targets_first`, which the Snakefile puts
before Snakemake's DAG, adds them to the targets, so that each is made again, with what depends on
it, and Snakemake says why ("Missing output files").

Snakemake removes a job's old outputs before the job runs; in a folder that cannot be written it
stops with a traceback from its own code. :func:`unwritable` finds such a folder or file first.
"""

from __future__ import annotations

import fcntl
import os
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from figrepro.reproduction import format_problem
from figrepro.vae.device import device_problems

#: Linux's FS_IOC_GETFLAGS and the flags that forbid removing or adding a folder's entries, even to
#: root (chattr +i, chattr +a); elsewhere the ioctl fails and permissions alone decide
_GETFLAGS = 0x80086601
_IMMUTABLE, _APPEND_ONLY = 0x10, 0x20


def _plain(path: Any) -> str:
    return os.path.normpath(str(path))


class _Producers:
    """Which rule makes a file and from what: the rules without wildcards by a lookup of their
    outputs, the others by matching their patterns."""

    def __init__(self, rules: Iterable[Any]) -> None:
        self.by_name: dict[str, Any] = {}
        self.fixed: dict[str, Any] = {}
        self.patterned: list[Any] = []
        for rule in rules:
            self.by_name[rule.name] = rule
            if rule.has_wildcards():
                self.patterned.append(rule)
            else:
                for out in rule.output:
                    self.fixed[_plain(out)] = rule

    def job(self, path: str) -> tuple[Any, dict[str, str]] | None:
        """The rule making ``path`` and its wildcards' values, or None for a file no rule makes."""
        rule = self.fixed.get(path)
        if rule is not None:
            return rule, {}
        for rule in self.patterned:
            if rule.is_producer(path):
                return rule, dict(rule.get_wildcards(path))
        return None


def _job_files(rule: Any, wildcards: dict[str, str]) -> tuple[list[str], list[str]]:
    """A job's (inputs, outputs) as paths."""
    inputs = rule.expand_input(wildcards)[0]
    outputs = rule.expand_output(wildcards)[0]
    return [_plain(f) for f in inputs], [_plain(f) for f in outputs]


def upstream_outputs(rules: Iterable[Any], targets: Iterable[str], is_rule: Any) -> Iterator[str]:
    """Every output of the jobs the ``targets`` (rule names or files) are made of, themselves
    included, each once. Inputs no rule makes (scripts, library files, the reference) end the walk."""
    producers = _Producers(rules)
    seen_jobs: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    todo: list[tuple[Any, dict[str, str]]] = []
    for target in targets:
        if is_rule(target):
            rule = producers.by_name.get(target)
            if rule is not None and not rule.has_wildcards():
                todo.append((rule, {}))
        else:
            found = producers.job(_plain(target))
            if found is not None:
                todo.append(found)
    while todo:
        rule, wildcards = todo.pop()
        key = (rule.name, tuple(sorted(wildcards.items())))
        if key in seen_jobs:
            continue
        seen_jobs.add(key)
        inputs, outputs = _job_files(rule, wildcards)
        yield from outputs
        for path in inputs:
            found = producers.job(path)
            if found is not None:
                todo.append(found)


def missing_outputs(rules: Iterable[Any], targets: Iterable[str], is_rule: Any) -> list[str]:
    """The outputs of the jobs the ``targets`` need that are not on disk, in the order found."""
    found = dict.fromkeys(upstream_outputs(rules, targets, is_rule))
    return [path for path in found if not os.path.exists(path)]


def _flags(path: str) -> int:
    """The file's inode flags (chattr), 0 where the system cannot tell."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return 0
    try:
        return struct.unpack("l", fcntl.ioctl(fd, _GETFLAGS, struct.pack("l", 0)))[0]
    except OSError:
        return 0
    finally:
        os.close(fd)


def _folder_refusal(folder: str) -> str | None:
    """Why entries of ``folder`` cannot be made or removed, or None."""
    flags = _flags(folder)
    if flags & _IMMUTABLE:
        return "the folder is immutable (chattr -i lifts it)"
    if flags & _APPEND_ONLY:
        return "the folder is append-only (chattr -a lifts it)"
    if not os.access(folder, os.W_OK | os.X_OK):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
        return "the folder is not writable (its permissions)"
    return None


def _nearest_existing(folder: str) -> str:
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return folder or "."


def unwritable(outputs: Iterable[str]) -> str | None:
    """The first of ``outputs`` that a job could not replace, as one line naming it and why: its
    folder (or the nearest one that exists, where it must be made) refuses new or removed entries,
    or the old file itself is immutable. None if all can be written."""
    checked: dict[str, str | None] = {}
    for out in outputs:
        path = _plain(out)
        folder = _nearest_existing(os.path.dirname(path) or ".")
        if folder not in checked:
            checked[folder] = _folder_refusal(folder)
        if checked[folder]:
            return f"{folder}/: cannot be written, so {path} cannot be made: {checked[folder]}"
        if os.path.lexists(path) and _flags(path) & (_IMMUTABLE | _APPEND_ONLY):
            return f"{path}: cannot be replaced: the file is immutable or append-only (chattr -i, chattr -a)"
    return None


INVALID_CONFIG = "Invalid configuration (config.yaml, --configfile or --config):\n"


def checking_targets_first(workflow: Any, config: Mapping[str, Any]) -> Callable[..., Any]:
    """Snakemake's ``workflow._prepare_dag``, which builds the DAG from the targets, run after what
    needs the targets or the executor, known only then (not while the Snakefile is read): the check
    or the reference asked of a build they cannot compare and a GPU asked of a machine without one
    (where the jobs run here) are refused before any job; the missing outputs of everything the
    targets are made of become targets too, so that Snakemake makes each again ("Missing output
    files") and reruns what reads it. A cluster job's own run (``--target-jobs``) is left as it is."""
    prepare = workflow._prepare_dag

    def prepare_dag(*args: Any, **kwargs: Any) -> Any:
        if workflow.is_main_process and not workflow.dag_settings.target_jobs:
            requested = workflow.dag_settings.targets or {workflow.default_target}
            refused = format_problem(requested, config["figures"]["format"])
            if refused:
                raise SystemExit(refused)
            no_device = device_problems(config["vae"]["train"]) if workflow.local_exec else []
            if no_device:
                raise SystemExit(INVALID_CONFIG + "\n".join(no_device))
            missing = missing_outputs(workflow.rules, requested, workflow.is_rule)
            if missing:
                workflow.dag_settings.targets = frozenset({*requested, *missing})
        return prepare(*args, **kwargs)

    return prepare_dag
