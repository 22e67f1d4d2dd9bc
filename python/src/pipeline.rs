//! The loaded pipeline, one document at a time or a stream on many threads.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use newsgraph::{Date, Failure, Language, Options, Raw, Record, StageName};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString};

use crate::document::{lock, Document, Items, Reader};
use crate::errors::{read_error, stage_error, value_error, LoadError};
use crate::tables::{TableFiles, Tables, TablesError};

/// The stages, loaded once; safe to share between threads.
#[pyclass(module = "newsgraph", frozen)]
pub struct Pipeline {
    inner: Arc<newsgraph::Pipeline>,
}

#[pymethods]
impl Pipeline {
    /// `skip`: stages switched off; `actors`, `verbs`: extra dictionaries;
    /// `language`: ISO 639-1 code of every document instead of detecting it;
    /// `date`: anchor for relative dates in documents that carry no date;
    /// `reannotate`: annotate newsgraph/1 records read back again;
    /// `region`: the publication's home region ("Ontario") for documents
    /// that name none.
    #[new]
    #[pyo3(signature = (*, skip=Vec::new(), actors=Vec::new(), verbs=Vec::new(), language=None, date=None, reannotate=false, region=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        skip: Vec<String>,
        actors: Vec<PathBuf>,
        verbs: Vec<PathBuf>,
        language: Option<&str>,
        date: Option<&str>,
        reannotate: bool,
        region: Option<String>,
    ) -> PyResult<Self> {
        let options = Options {
            skip: skip.iter().map(|stage| stage.parse::<StageName>().map_err(value_error)).collect::<PyResult<_>>()?,
            actors,
            verbs,
            language: language.map(|code| code.parse::<Language>().map_err(value_error)).transpose()?,
            anchor_date: date.map(|date| date.parse::<Date>().map_err(value_error)).transpose()?,
            reannotate,
            region,
        };
        let inner =
            py.allow_threads(|| newsgraph::Pipeline::load(options)).map_err(|e| LoadError::new_err(e.to_string()))?;
        Ok(Pipeline { inner: Arc::new(inner) })
    }

    /// Stages that will run without some of their input because the stage
    /// that writes it was switched off (the CLI's notes).
    #[getter]
    fn missing_inputs(&self) -> Vec<String> {
        self.inner.missing_inputs().iter().map(ToString::to_string).collect()
    }

    /// Annotates one document (a `Document` or a text) and returns its
    /// newsgraph/1 record; raises `StageError` if a stage failed.
    fn process(&self, py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<PyObject> {
        let raw = raw_of(document)?;
        let outcome = py.allow_threads(|| Outcome::of(self.inner.process(raw).map_err(Failure::from), Form::Dict));
        outcome.deliver(py, false)
    }

    /// Annotates a stream of documents (`Document`s, texts, or a `Reader`)
    /// on `threads` threads (default: all cores) without the GIL, yielding
    /// records in input order. `json=True` yields each record as its JSON
    /// line instead of a dict; `return_errors=True` yields a failed
    /// document's `ReadError`/`StageError` instead of raising it.
    #[pyo3(signature = (documents, *, threads=None, json=false, return_errors=false))]
    fn pipe(
        &self,
        documents: &Bound<'_, PyAny>,
        threads: Option<usize>,
        json: bool,
        return_errors: bool,
    ) -> PyResult<Pipe> {
        Ok(Pipe::start(
            self.inner.clone(),
            Feed::of(documents)?,
            thread_count(threads),
            if json { Form::Json } else { Form::Dict },
            return_errors,
        ))
    }

    /// Annotates a stream of documents, as `pipe`, into `tables` (the
    /// Spark job's Parquet files) without handing any record to Python.
    /// Raises what the Python iterable raised, or why a file could not be
    /// written; a failed document is a row of the errors table.
    #[pyo3(signature = (documents, tables, *, threads=None))]
    fn write_tables(
        &self,
        py: Python<'_>,
        documents: &Bound<'_, PyAny>,
        tables: &Tables,
        threads: Option<usize>,
    ) -> PyResult<()> {
        let mut inputs = Inputs::new(Feed::of(documents)?);
        let threads = thread_count(threads);
        let written =
            py.allow_threads(|| tables.with_files(|files| write_into(&self.inner, &mut inputs, threads, files)));
        written??;
        inputs.raised.map_or(Ok(()), Err)
    }
}

/// Runs the pipeline over `inputs` into `files`, reading no more once a
/// file cannot be written.
fn write_into(
    pipeline: &newsgraph::Pipeline,
    inputs: &mut Inputs,
    threads: usize,
    files: &mut TableFiles,
) -> Result<(), TablesError> {
    let stop = inputs.stop.clone();
    let mut written = Ok(());
    pipeline.run(inputs, threads, |outcome| {
        if written.is_ok() {
            written = files.add(outcome);
            if written.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
        }
    });
    written
}

/// `threads`, else every core.
fn thread_count(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1)
}

/// The document a Python value stands for.
fn raw_of(value: &Bound<'_, PyAny>) -> PyResult<Raw> {
    if let Ok(document) = value.downcast::<Document>() {
        return Ok(document.get().raw.clone());
    }
    match value.downcast::<PyString>() {
        Ok(text) => Ok(Document::from_text(text.to_cow()?.into_owned()).raw),
        Err(_) => Err(PyTypeError::new_err(format!(
            "expected a newsgraph.Document or a str, not {}",
            value.get_type().name()?
        ))),
    }
}

/// How records are handed to Python.
#[derive(Clone, Copy)]
enum Form {
    Dict,
    Json,
}

/// A record as made without the GIL: its JSON line already written, or
/// the record itself, for a dict made from it field by field under the GIL
/// (cheaper there than `json.loads` of its line).
enum Made {
    Json(String),
    Record(Box<Record>),
}

impl Made {
    fn of(record: Record, form: Form) -> Result<Made, serde_json::Error> {
        match form {
            Form::Json => serde_json::to_string(&record).map(Made::Json),
            Form::Dict => Ok(Made::Record(Box::new(record))),
        }
    }

    fn into_object(self, py: Python<'_>) -> PyResult<PyObject> {
        match self {
            Made::Json(json) => Ok(PyString::new(py, &json).into_any().unbind()),
            Made::Record(record) => Ok(pythonize::pythonize(py, &*record)?.unbind()),
        }
    }
}

/// One document's outcome, made without the GIL.
enum Outcome {
    Record(Made),
    Stage {
        message: String,
        record: Made,
    },
    Read(newsgraph::ReadError),
    /// Not a document's failure: the Python iterable raised, or a record
    /// could not be written as JSON. Always raised.
    Broken(PyErr),
}

impl Outcome {
    fn of(result: Result<Record, Failure>, form: Form) -> Outcome {
        match result {
            Ok(record) => Made::of(record, form).map_or_else(Outcome::unwritable, Outcome::Record),
            Err(Failure::Stage(failure)) => {
                let message = failure.to_string();
                match Made::of(*failure.record, form) {
                    Ok(record) => Outcome::Stage { message, record },
                    Err(error) => Outcome::unwritable(error),
                }
            }
            Err(Failure::Read(error)) => Outcome::Read(error),
        }
    }

    fn unwritable(error: serde_json::Error) -> Outcome {
        Outcome::Broken(PyRuntimeError::new_err(format!("cannot write a record as JSON: {error}")))
    }

    /// The record, or the failure as a Python error: raised, or returned as
    /// a value when `return_errors`.
    fn deliver(self, py: Python<'_>, return_errors: bool) -> PyResult<PyObject> {
        let error = match self {
            Outcome::Record(record) => return record.into_object(py),
            Outcome::Stage { message, record } => stage_error(py, message, record.into_object(py)?),
            Outcome::Read(error) => read_error(py, &error),
            Outcome::Broken(error) => return Err(error),
        };
        if return_errors {
            Ok(error.into_value(py).into_any())
        } else {
            Err(error)
        }
    }
}

/// Where a pipe's documents come from.
enum Feed {
    /// A newsgraph reader: read on the pipe's thread, failures kept in place.
    Reader(Arc<Mutex<Items>>),
    /// Any Python iterable of documents or texts, pulled under the GIL.
    Python(Py<PyIterator>),
}

impl Feed {
    fn of(documents: &Bound<'_, PyAny>) -> PyResult<Feed> {
        Ok(match documents.downcast::<Reader>() {
            Ok(reader) => Feed::Reader(reader.get().items.clone()),
            Err(_) => Feed::Python(documents.try_iter()?.unbind()),
        })
    }
}

/// The pipe's input as the library's runner wants it.
struct Inputs {
    feed: Feed,
    /// Set when the consumer has gone: read no more.
    stop: Arc<AtomicBool>,
    /// What the Python iterable raised; it ends the input and is raised
    /// after the records before it.
    raised: Option<PyErr>,
}

impl Inputs {
    fn new(feed: Feed) -> Inputs {
        Inputs { feed, stop: Arc::new(AtomicBool::new(false)), raised: None }
    }
}

impl Iterator for Inputs {
    type Item = Result<Raw, newsgraph::ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stop.load(Ordering::Relaxed) || self.raised.is_some() {
            return None;
        }
        match &self.feed {
            Feed::Reader(items) => lock(items).next(),
            Feed::Python(iterator) => {
                let next = Python::with_gil(|py| iterator.bind(py).clone().next().map(|item| raw_of(&item?)));
                match next {
                    None => None,
                    Some(Ok(raw)) => Some(Ok(raw)),
                    Some(Err(error)) => {
                        self.raised = Some(error);
                        None
                    }
                }
            }
        }
    }
}

/// Iterator over the records of `Pipeline.pipe`. The pipeline runs on its
/// own threads; this end waits for the next record without the GIL.
#[pyclass(module = "newsgraph", frozen)]
pub struct Pipe {
    outcomes: Mutex<Receiver<Outcome>>,
    return_errors: bool,
}

impl Pipe {
    fn start(pipeline: Arc<newsgraph::Pipeline>, feed: Feed, threads: usize, form: Form, return_errors: bool) -> Pipe {
        // Room for every thread's next record: the workers need not wait for Python.
        let (sender, outcomes) = sync_channel(threads * 4);
        let inputs = Inputs::new(feed);
        std::thread::spawn(move || run(&pipeline, inputs, threads, form, &sender));
        Pipe { outcomes: Mutex::new(outcomes), return_errors }
    }
}

/// Runs the pipeline over `inputs`, sending every outcome in input order,
/// then what the Python iterable raised, if anything. A consumer that went
/// away stops the reading.
fn run(pipeline: &newsgraph::Pipeline, mut inputs: Inputs, threads: usize, form: Form, sender: &SyncSender<Outcome>) {
    let stop = inputs.stop.clone();
    let send = |outcome: Outcome| {
        if sender.send(outcome).is_err() {
            stop.store(true, Ordering::Relaxed);
        }
    };
    pipeline.run(&mut inputs, threads, |result| send(Outcome::of(result, form)));
    if let Some(error) = inputs.raised.take() {
        send(Outcome::Broken(error));
    }
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyObject>> {
        match py.allow_threads(|| lock(&self.outcomes).recv().ok()) {
            None => Ok(None),
            Some(outcome) => outcome.deliver(py, self.return_errors).map(Some),
        }
    }
}
