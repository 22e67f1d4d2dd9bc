"""newsgraph on Spark: ``python -m newsgraph.spark --input GLOB --output DIR``.

See ``job.run`` for the job and ``tables`` for the tables it writes.
"""

from .job import run

__all__ = ["run"]
