//! The library's errors as Python exceptions. Messages are the library's
//! `Display`, the text the CLI prints after `newsgraph: `.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

create_exception!(newsgraph, NewsgraphError, PyException, "Base class of newsgraph's errors.");
create_exception!(
    newsgraph,
    ReadError,
    NewsgraphError,
    "An input (file, JSON line, WARC record) could not be read; `input` names it."
);
create_exception!(
    newsgraph,
    StageError,
    NewsgraphError,
    "A stage failed on one document; `record` holds what the other stages produced."
);
create_exception!(newsgraph, LoadError, NewsgraphError, "A stage or a user dictionary could not be loaded.");

/// `ReadError(message)` with the failing input as its `input` attribute.
pub fn read_error(py: Python<'_>, error: &newsgraph::ReadError) -> PyErr {
    let input = PyString::new(py, &error.input).into_any().unbind();
    with_attribute(py, ReadError::new_err(error.to_string()), "input", input)
}

/// `StageError(message)` with the partial record as its `record` attribute.
pub fn stage_error(py: Python<'_>, message: String, record: PyObject) -> PyErr {
    with_attribute(py, StageError::new_err(message), "record", record)
}

fn with_attribute(py: Python<'_>, error: PyErr, name: &str, value: PyObject) -> PyErr {
    match error.value(py).setattr(name, value) {
        Ok(()) => error,
        Err(failure) => failure,
    }
}

/// A value the user typed that does not parse (a date, a stage, a
/// language code): `ValueError` with the parser's message.
pub fn value_error(error: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(error.to_string())
}
