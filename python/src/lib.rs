//! `newsgraph._newsgraph`: the Rust half of the Python package. A thin
//! client of the `newsgraph` library, like the command line: documents in,
//! newsgraph/1 records out (as JSON lines, or dicts built from the records), with
//! the library's errors raised as Python exceptions carrying the CLI's
//! messages. The pure-Python half (`python/newsgraph/`) adds `extract` and
//! the Spark job, whose Parquet tables are written here (`tables`).

mod columns;
mod document;
mod errors;
mod parquet;
mod pipeline;
mod tables;

use pyo3::prelude::*;

/// The command line's allocator, for the extension's own (Rust) values;
/// Python's objects stay with Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _newsgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("NewsgraphError", py.get_type::<errors::NewsgraphError>())?;
    m.add("ReadError", py.get_type::<errors::ReadError>())?;
    m.add("StageError", py.get_type::<errors::StageError>())?;
    m.add("LoadError", py.get_type::<errors::LoadError>())?;
    m.add("SCHEMA", newsgraph::SCHEMA)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("TABLES", tables::names())?;
    m.add_class::<document::Document>()?;
    m.add_class::<document::Reader>()?;
    m.add_class::<pipeline::Pipeline>()?;
    m.add_class::<pipeline::Pipe>()?;
    m.add_class::<tables::Tables>()?;
    m.add_function(wrap_pyfunction!(document::read, m)?)?;
    m.add_function(wrap_pyfunction!(document::read_bytes, m)?)?;
    Ok(())
}
