#!/usr/bin/env bash
# README command one: install, build the warehouse from the real published documents (corpus/real), and serve the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
DB="${DCS_DB:-var/warehouse.duckdb}"
PORT="${DCS_PORT:-8501}"
.venv/bin/dcs ingest corpus/real --db "$DB"
exec .venv/bin/dcs dashboard --db "$DB" --port "$PORT"
