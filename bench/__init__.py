"""Load benchmark: `make bench` (SQLite) and `make bench-postgres`; see bench/bench.py."""
