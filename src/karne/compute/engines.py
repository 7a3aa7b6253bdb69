"""The engines a definition runs on, through Ibis: DuckDB embedded (the default) or Apache Spark.

Both run the same compiled expressions (`karne.compute.compile`); only connecting and
registering an event table's Parquet files differ. DuckDB runs in this process, in memory.
Spark runs as a local session (`local[2]`: the driver's JVM with two worker threads, no web UI,
session time zone UTC, a handful of shuffle partitions, warnings only), or on a cluster when a
master is named (`KARNE_SPARK_MASTER`, `karne indicators compute --spark-master`, e.g.
`spark://host:7077`): the same expressions, the driver in this process and the executors on the
cluster's workers, which must see the event files at the same path. PySpark (the `spark` extra)
and a Java runtime (Debian's `openjdk-17-jre-headless`, `make java`) are needed, and their
absence is `EngineUnavailable`, said plainly.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import ibis.expr.schema as sch
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq
import sqlglot as sg
import sqlglot.expressions as sge

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINES: tuple[str, ...] = ("duckdb", "spark")
DEFAULT = "duckdb"
# The SQL dialect Ibis writes for each engine (shown in a value's provenance).
DIALECTS: dict[str, str] = {"duckdb": "duckdb", "spark": "pyspark"}

PARTITIONS = ("year", "quarter")  # an event folder's Hive partitions, year=YYYY/quarter=Q
SPARK_MASTER = "local[2]"
MASTER_VARIABLE = "KARNE_SPARK_MASTER"  # a cluster's master URL; unset or empty: local
_SPARK_CONF: dict[str, str] = {
    "spark.app.name": "karne",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.sql.sources.partitionColumnTypeInference.enabled": "true",
}
# A local session's driver listens on loopback only; a cluster's executors must reach the
# driver, so there Spark's own choice (the host's address, or SPARK_LOCAL_IP) holds.
_LOCAL_CONF: dict[str, str] = {
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.driver.host": "127.0.0.1",
}
_SPARK_LOG_LEVEL = "ERROR"
# Java options for short runs over small data (the tests): the JVM's quick compiler only and
# one garbage-collector thread start faster and leave the cores to the queries. Longer runs
# are better off with the JVM's defaults.
QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


class EngineUnavailable(Exception):
    """The engine asked for cannot run here (no PySpark, no Java runtime): what to install."""


def java() -> str | None:
    """The Java runtime Spark would start: `$JAVA_HOME/bin/java`, else `java` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.is_file() else None
    return shutil.which("java")


def spark_missing() -> str | None:
    """Why Spark cannot run here, or None when PySpark and a Java runtime are both there."""
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install -e '.[spark]')"
    if java() is None:
        return (
            "no Java runtime for Spark (Debian: apt-get install openjdk-17-jre-headless, "
            "or make java; or set JAVA_HOME)"
        )
    return None


def spark_master() -> str:
    """The master the process's Spark session runs on: `KARNE_SPARK_MASTER`, else local."""
    return os.environ.get(MASTER_VARIABLE, "").strip() or SPARK_MASTER


def spark_session(java_options: str = "") -> SparkSession:
    """The process's Spark session (local, or on the cluster `spark_master()` names), started
    on first use (a few seconds: the JVM), its driver started with `java_options` too (when it
    is not running yet)."""
    missing = spark_missing()
    if missing is not None:
        raise EngineUnavailable(f"spark: {missing}")
    master = spark_master()
    local = master.startswith("local")
    conf = {**_SPARK_CONF, **(_LOCAL_CONF if local else {})}
    if local:  # quiet from the first line: else the JVM warns of the host's address
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master)
    for key, value in conf.items():
        builder = builder.config(key, value)
    log4j = Path(__file__).resolve().parent.parent / "data" / "spark" / "log4j2.properties"
    builder = builder.config(
        "spark.driver.extraJavaOptions",
        f"-Dlog4j2.configurationFile={log4j.as_uri()} {java_options}".strip(),
    )
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java too old, a broken install
        where = "the local session" if local else f"the session on {master}"
        raise EngineUnavailable(f"spark: {where} did not start ({exc})") from exc
    session.sparkContext.setLogLevel(_SPARK_LOG_LEVEL)
    return session


@dataclass(frozen=True)
class Connection:
    """An engine connected: its Ibis backend (`run`, or `compile` then `execute`, runs an
    expression) and, for Spark, the session it runs in; for DuckDB, a second connection to the
    same database (`aside`), which registers the tables while the backend's runs a query."""

    engine: str
    backend: Any
    version: str
    session: SparkSession | None = None
    aside: Any = None

    @property
    def dialect(self) -> str:
        return DIALECTS[self.engine]

    def compile(self, expression: ir.Table) -> str:
        """The query the engine runs for the expression (Ibis's SQL for the engine), shown in a
        value's provenance."""
        if self.session is not None:
            return str(ibis.to_sql(expression, dialect=self.dialect))
        return str(self.backend.compile(expression, pretty=True))

    def execute(self, expression: ir.Table, query: str) -> pa.Table:
        """The expression's rows, computed by `query` (`compile`'s of it). On DuckDB the query
        given is the one run (the expression is not compiled again), its result converted as
        Ibis's `to_pyarrow` does; on Spark Ibis runs the expression."""
        if self.session is not None:
            return self.backend.to_pyarrow(expression)
        from ibis.backends.duckdb.converter import DuckDBPyArrowData

        rows = self.backend.con.sql(query).to_arrow_table()
        return expression.__pyarrow_result__(rows, data_mapper=DuckDBPyArrowData)

    def run(self, expression: ir.Table) -> tuple[pa.Table, str]:
        """The expression's rows, and the query that computed them."""
        query = self.compile(expression)
        return self.execute(expression, query), query

    def register(self, name: str, folder: Path, files: Sequence[Path]) -> ir.Table:
        """The event table `name` read from exactly these Parquet files of its folder, with
        the Hive partitions (year=, quarter=) as columns."""
        paths = [str(path) for path in files]
        if self.session is not None:
            # The files' schema given (from a footer, as DuckDB reads it): Spark would
            # otherwise run a job to infer it.
            from pyspark.sql.pandas.types import from_arrow_schema
            from pyspark.sql.types import IntegerType

            schema = from_arrow_schema(pq.read_schema(paths[0]))
            for partition in PARTITIONS:
                if partition not in schema.fieldNames():
                    schema = schema.add(partition, IntegerType())
            reader = self.session.read.schema(schema).option("basePath", str(folder))
            frame = reader.parquet(*paths)
            frame.createOrReplaceTempView(name)
            return self.backend.table(name)
        return self._duckdb_view(name, paths)

    def _duckdb_view(self, name: str, paths: list[str]) -> ir.Table:
        """What Ibis's `read_parquet(paths, table_name=name, hive_partitioning=True)` does (a
        view over the files, the table's schema described by DuckDB), through the second
        connection, so that it may run in one thread while a query runs in another: the view is
        the database's, not the connection's (not temporary), so the backend's connection sees
        it, and its schema is read with DuckDB's `DESCRIBE` and Ibis's type names, as
        `Backend.table` reads it."""
        identifier = sg.to_identifier(name, quoted=True)
        hive = sg.to_identifier("hive_partitioning").eq(sge.convert(True))
        files = sg.select(sge.Star()).from_(sg.func("read_parquet", sge.convert(paths), hive))
        view = sge.Create(this=identifier, kind="VIEW", expression=files, replace=True)
        self.aside.execute(view.sql("duckdb"))
        describe = sge.Describe(this=sge.table_(name, quoted=True))
        described = self.aside.execute(describe.sql("duckdb"))
        schema = sch.Schema(
            {
                column: _duckdb_type(self.backend.compiler.type_mapper, typ, null == "YES")
                for column, typ, null, *_ in described.fetchall()
            }
        )
        namespace = ops.Namespace(catalog=None, database=None)
        table = ops.DatabaseTable(name, schema=schema, source=self.backend, namespace=namespace)
        return table.to_expr()


@functools.cache
def _duckdb_type(mapper: Any, name: str, nullable: bool) -> dt.DataType:
    """Ibis's type for a DuckDB type name (parsed once: a table's columns share a few)."""
    return mapper.from_string(name, nullable=nullable)


def connect(engine: str) -> Connection:
    """The engine connected: a fresh DuckDB in memory, or a new session of the process's Spark
    context (its tables its own)."""
    if engine == "duckdb":
        import duckdb

        backend = ibis.duckdb.connect()
        return Connection(engine, backend, str(duckdb.__version__), aside=backend.con.cursor())
    if engine == "spark":
        import pyspark

        session = spark_session().newSession()
        for key in ("spark.sql.session.timeZone", "spark.sql.shuffle.partitions"):
            session.conf.set(key, _SPARK_CONF[key])
        backend = ibis.pyspark.connect(session)
        return Connection(engine, backend, str(pyspark.__version__), session)
    raise EngineUnavailable(f"no engine {engine!r} (one of {', '.join(ENGINES)})")
