#!/usr/bin/env bash
# The smoke build on a real SLURM: brings up a single-node cluster on this machine (Debian's slurm-wlm
# and munge), builds tests/smoke_config.yaml through `snakemake --profile profiles/slurm`, checks that
# every job but the local ones went through sbatch (SLURM's own job log lists them), compares the
# manifest and metrics with a local smoke build of the same checkout, and stops every daemon it
# started, by process id, on success and on failure. The local build is run beside the SLURM one, on
# one core, unless --compare-with names another (.ci/run: the smoke build of the tests, which they
# put there when it is finished, FIGREPRO_KEEP_SMOKE_BUILD; the comparison waits for it): two builds
# of every job, whose bytes must agree.
#
# Run as root on Debian, from anywhere, with the project's environment active:
#   pip install -r requirements.txt -r requirements-cluster.txt && pip install -e . && cluster/slurm_smoke.sh [--compare-with DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
COMPARE_WITH=
if [ "${1:-}" = "--compare-with" ]; then
  COMPARE_WITH=${2:?--compare-with needs the folder of a smoke build}
  COMPARE_WAIT_MINUTES=40  # for it to appear, when it is being built beside this run
elif [ $# -gt 0 ]; then
  echo "usage: cluster/slurm_smoke.sh [--compare-with DIR]" >&2
  exit 2
fi
if ! python -c "import snakemake_executor_plugin_slurm" 2>/dev/null; then
  echo "cluster/slurm_smoke.sh: Snakemake's SLURM executor is not installed here: pip install -r $ROOT/requirements-cluster.txt" >&2
  exit 2
fi
SCRATCH=$(mktemp -d /tmp/figrepro-slurm.XXXXXX)
SLURM_CONF_FILE=/etc/slurm/slurm.conf  # where srun inside a job looks for it
DAEMONS=()
CLUSTER_BUILD=
LOCAL_BUILD=
START=$(date +%s)

say() { printf '[slurm smoke %4ds] %s\n' $(($(date +%s) - START)) "$*"; }

stop_daemons() {
  local status=$?
  for build in "$CLUSTER_BUILD" "$LOCAL_BUILD"; do  # a build still running: this script was stopped,
    if [ -n "$build" ]; then                          # or the other build failed first
      kill "$build" 2>/dev/null || true
      wait "$build" 2>/dev/null || true
    fi
  done
  for pid in "${DAEMONS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${DAEMONS[@]}"; do  # wait until each has gone (they are our children)
    wait "$pid" 2>/dev/null || true
  done
  [ -f "$SCRATCH/slurm.conf.before" ] && mv "$SCRATCH/slurm.conf.before" "$SLURM_CONF_FILE"
  [ -f "$SCRATCH/ours" ] && rm -f "$SLURM_CONF_FILE"
  say "stopped ${#DAEMONS[@]} daemons (pids ${DAEMONS[*]:-none}); exit status $status; scratch $SCRATCH"
  exit "$status"
}
trap stop_daemons EXIT

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

# munge, on a socket and key of our own (whatever the machine runs already)
dd if=/dev/urandom of="$SCRATCH/munge.key" bs=1024 count=1 status=none
chmod 400 "$SCRATCH/munge.key"
munged --foreground --force --socket="$SCRATCH/munge.socket" --key-file="$SCRATCH/munge.key" \
  --pid-file="$SCRATCH/munged.pid" --seed-file="$SCRATCH/munged.seed" --log-file="$SCRATCH/munged.log" \
  > "$SCRATCH/munged.out" 2>&1 &
DAEMONS+=($!)

# one node with this machine's cores; jobs complete into a text log (no accounting database needed:
# the executor plugin reads job states with squeue, so finished jobs stay listed for an hour)
mkdir -p "$SCRATCH/state" "$SCRATCH/spool" /etc/slurm
if [ -f "$SLURM_CONF_FILE" ]; then cp "$SLURM_CONF_FILE" "$SCRATCH/slurm.conf.before"; else touch "$SCRATCH/ours"; fi
MEMORY_MB=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
HOST=$(hostname -s)
cat > "$SLURM_CONF_FILE" <<EOF
ClusterName=figrepro-smoke
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SCRATCH/munge.socket
CredType=cred/munge
StateSaveLocation=$SCRATCH/state
SlurmdSpoolDir=$SCRATCH/spool
SlurmctldPidFile=$SCRATCH/slurmctld.pid
SlurmdPidFile=$SCRATCH/slurmd.pid
SlurmctldLogFile=$SCRATCH/slurmctld.log
SlurmdLogFile=$SCRATCH/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SCRATCH/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MinJobAge=3600
ReturnToService=2
MpiDefault=none
NodeName=$HOST CPUs=$(nproc) RealMemory=$MEMORY_MB State=UNKNOWN
PartitionName=smoke Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i > "$SCRATCH/slurmctld.out" 2>&1 &
DAEMONS+=($!)
slurmd -D > "$SCRATCH/slurmd.out" 2>&1 &
DAEMONS+=($!)
for _ in $(seq 60); do
  sinfo -h -o '%t' 2>/dev/null | grep -qx idle && break
  sleep 1
done
sinfo -h -o '%t' | grep -qx idle || { say "the node did not come up"; tail "$SCRATCH"/slurm*.log; exit 1; }
say "SLURM up: $(sinfo -h -o '%P %D node(s) %c CPUs %m MB')"

copy_checkout() {
  mkdir -p "$1"
  cp -r "$ROOT"/{Snakefile,config.yaml,profiles,workflow,scripts,src,data,tests} "$1"/
}

# the same build locally, on one core, beside the SLURM build (which waits on submissions and
# status checks more than it computes), unless --compare-with names another (waited for below)
if [ -n "$COMPARE_WITH" ]; then
  LOCAL=$COMPARE_WITH
  say "comparing with the smoke build in $LOCAL"
else
  LOCAL=$SCRATCH/local
  copy_checkout "$LOCAL"
  (cd "$LOCAL" && exec snakemake --cores 1 figures/all --configfile tests/smoke_config.yaml > "$SCRATCH/local.log" 2>&1) &
  LOCAL_BUILD=$!
fi

# the smoke build through SLURM; this cluster's site settings go on the command line
copy_checkout "$SCRATCH/cluster"
say "building through SLURM (log: $SCRATCH/cluster.log)"
# in the background and waited for, so that a SIGTERM to this script stops it and the daemons at once
(
  cd "$SCRATCH/cluster"
  exec snakemake --profile profiles/slurm figures/all --configfile tests/smoke_config.yaml \
    --cores "$(nproc)" --slurm-no-account --slurm-status-command squeue \
    --slurm-init-seconds-before-status-checks 2 --seconds-between-status-checks 3 \
    --slurm-logdir "$SCRATCH/slurm-logs" > "$SCRATCH/cluster.log" 2>&1
) &
CLUSTER_BUILD=$!
wait "$CLUSTER_BUILD" || { CLUSTER_BUILD=; say "the SLURM build failed"; tail -40 "$SCRATCH/cluster.log"; exit 1; }
CLUSTER_BUILD=
say "SLURM build done"

if [ -n "$LOCAL_BUILD" ]; then
  wait "$LOCAL_BUILD" || { say "the local build failed"; tail -40 "$SCRATCH/local.log"; exit 1; }
  LOCAL_BUILD=
  say "local build done"
fi
if [ ! -d "$LOCAL" ]; then
  say "waiting for the smoke build in $LOCAL"
  for _ in $(seq $((COMPARE_WAIT_MINUTES * 12))); do
    [ -d "$LOCAL" ] && break
    sleep 5
  done
  [ -d "$LOCAL" ] || { say "no smoke build appeared in $LOCAL within $COMPARE_WAIT_MINUTES minutes"; exit 1; }
fi

python - "$SCRATCH" "$LOCAL" <<'PY'
"""Every job but the local rules went through sbatch and completed; the results equal the local build's."""
import re
import sys
from pathlib import Path

scratch, local = Path(sys.argv[1]), Path(sys.argv[2])
log = (scratch / "cluster.log").read_text()
submitted = re.findall(r"has been submitted with SLURM jobid (\d+)", log)
# each job is "Job <id>: <its rule's message>" when it starts (indented within a group's submission),
# "Finished jobid: <id> (Rule: <rule>)" when it ends; a job on its own went to SLURM if its own line
# says it was submitted, else it ran here
rule_of = {m[1]: m[2] for m in re.finditer(r"^Finished jobid: (\d+) \(Rule: (\w+)\)", log, re.M)}
alone = {m[1] for m in re.finditer(r"^Job (\d+): ", log, re.M)}
submitted_alone = set(re.findall(r"^Job (\d+) has been submitted with SLURM jobid", log, re.M))
here = alone - submitted_alone
local_rules = sorted({rule_of[job] for job in here})
cluster_jobs = [rule for job, rule in rule_of.items() if job not in here]
completed = {
    m[1]: m[2] for m in re.finditer(r"^JobId=(\d+) .*?JobState=(\w+)", (scratch / "jobcomp.log").read_text(), re.M)
}
problems = []
if local_rules != ["manifest", "metrics"]:
    problems.append(f"jobs run on the submitting machine: {local_rules} (only metrics and manifest should be)")
missing = [j for j in submitted if completed.get(j) != "COMPLETED"]
if not submitted or missing:
    problems.append(f"submitted jobs not COMPLETED in SLURM's job log: {missing or 'none submitted'}")
for name in ("figures/all", "results/metrics.json"):
    if (scratch / "cluster" / name).read_bytes() != (local / name).read_bytes():
        problems.append(f"{name} differs between the SLURM build and {local}")
figures = len((scratch / "cluster" / "figures/all").read_text().splitlines()) - 1
print(
    f"{len(cluster_jobs)} jobs of {len(set(cluster_jobs))} rules in {len(submitted)} sbatch submissions "
    f"(the cheap ones grouped), "
    f"all COMPLETED in SLURM's job log; {', '.join(local_rules)} ran locally; "
    f"{figures} figures: manifest and metrics {'differ' if problems else 'equal'} to the local build's"
)
for problem in problems:
    print("PROBLEM:", problem)
sys.exit(1 if problems else 0)
PY
say "passed"
