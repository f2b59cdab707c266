"""Benchmark suites: one module per capability, run by bench/worker.py (see run_suites)."""
