"""Indicators computed from operational events (issue 11, docs/indicators.md).

Outside the pure core because it runs an engine: definitions (`karne.core.definitions`) are
compiled into Ibis expressions (`compile`), run by DuckDB embedded over Parquet event files
(`run`), which `synth` generates.
"""
