"""The records: one per source or notebook, consistent with the schema, the scripts and the docs."""

from __future__ import annotations

import re
from pathlib import Path

from figrepro.codedeps import library_files
from figrepro.config import load_schema, section_schema
from figrepro.records import RECORDS, config_keys, one_job_notebooks


def test_each_record_names_its_figures_once_in_order(root: Path) -> None:
    for source, record in RECORDS.items():
        names = [fig.name for fig in record.figures]
        assert len(set(names)) == len(names), source
        assert all(fig.source == source for fig in record.figures)
        if source.startswith("udl/"):
            assert [fig.number for fig in record.figures] == list(range(1, len(names) + 1)), source


def test_each_record_reads_sections_the_schema_has(root: Path) -> None:
    schema = load_schema(root / "workflow/schemas/config.schema.yaml")
    for record in RECORDS.values():
        for key in (record.config, *record.reads):
            assert section_schema(schema, key)["type"] == "object", key
        for fig in record.figures:
            for key in config_keys(fig):
                section_schema(schema, key)  # raises KeyError on a key the schema does not have


def test_one_job_notebooks_name_their_scripts_and_rules(root: Path) -> None:
    for record in one_job_notebooks():
        script = root / "scripts" / record.job.script
        assert script.is_file(), script
        nb = record.config[-1]
        assert record.job.rule == f"udl_{nb}"
        assert f'"udl", "{nb}"' in script.read_text()  # the script validates its own section


def test_no_script_imports_the_records(root: Path) -> None:
    """Titles live in the records: a script that imported them would redraw on every title edit.
    Only the manifest job, which writes the titles, the listing of the figures, which prints them and
    makes nothing, and the check's jobs, which read the printed numbers and tolerances, may."""
    readers = {
        "write_manifest.py",
        "list_figures.py",
        "check_reproduction.py",
        "write_reference.py",
        "rewrite_tolerances.py",
    }
    for script in sorted((root / "scripts").rglob("*.py")):
        files = library_files(str(script), str(root / "src"))
        if any("/records/" in f for f in files):
            assert script.name in readers, script


def test_the_sources_table_in_the_docs_counts_each_records_figures(root: Path) -> None:
    rows = re.findall(r"^\| (.+?) \| .+ \| (\d+) \|$", (root / "docs/sources.md").read_text(), re.M)
    assert len(rows) == len(RECORDS)
    for (name, count), record in zip(rows, RECORDS.values(), strict=True):
        assert int(count) == len(record.figures), name
        number = re.match(r"\d+\.\d+", record.name)
        if number:
            assert f"notebook {number.group(0)}," in name, (name, record.name)


def test_the_readme_says_how_to_get_a_gpu_and_times_its_own_command(root: Path) -> None:
    """The README's build command, the core count its times were measured with, and a CUDA build of
    the pinned torch for vae.train.device."""
    readme = " ".join((root / "README.md").read_text().split())
    build = re.search(r"pip install -e \. && snakemake --cores (\d+) figures/all", readme)
    assert build, "the README's build command"
    assert f"The build command above (`--cores {build[1]}`) takes" in readme
    torch = re.search(r"^torch==(\S+)", (root / "requirements.txt").read_text(), re.M)[1]
    assert f"torch=={torch} --index-url https://download.pytorch.org/whl/cu" in readme
    assert "vae.train.device" in readme
