#!/usr/bin/env bash
# Every benchmark once, one after another (about 8 minutes on 2 vCPUs), each line of output as the script prints
# it, with the time and the load average before each script. Run it on a quiet machine: nothing else working.
#
#     tests/benchmarks/run_all.sh [postgresql://postgres@127.0.0.1:5432/postgres] > bench.log
set -uo pipefail
cd "$(dirname "$0")/../.."
PG=${1:-${TRACKER_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}}
PY=.venv/bin/python
run() { echo "### $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg) :: $*"; "$@" 2>&1; }
run $PY tests/benchmarks/bench_read_api.py --seconds 8 --server granian --postgres "$PG"
run $PY tests/benchmarks/bench_reporting.py --seconds 8 --server granian --postgres "$PG"
run $PY tests/benchmarks/bench_import.py
run $PY tests/benchmarks/bench_import.py --postgres "$PG"
run $PY tests/benchmarks/bench_overview.py --seconds 8 --server granian --postgres "$PG"
run $PY tests/benchmarks/bench_reports.py --sizes 100 1000 5000 --repeat 2
echo "### $(date -u +%H:%M:%S) done, load: $(cut -d' ' -f1-3 /proc/loadavg)"
