//! Documents and the readers that yield them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use newsgraph::{Date, Raw};
use pyo3::prelude::*;

use crate::errors::{read_error, value_error};

/// What a Python-made document is called when the caller gives no id or
/// source: there is no file name to take them from.
const DEFAULT_ID: &str = "text";
const DEFAULT_SOURCE: &str = "<string>";

/// One article to annotate: text and metadata, from a reader or made in
/// Python. A `newsgraph/1` record read back is one too (it passes through a
/// pipeline unless the pipeline re-annotates).
#[pyclass(module = "newsgraph", frozen)]
pub struct Document {
    pub(crate) raw: Raw,
}

impl Document {
    /// A bare text, as `Document(text)` makes it.
    pub(crate) fn from_text(text: String) -> Self {
        Document { raw: Raw::Text(newsgraph::Document::new(DEFAULT_ID, DEFAULT_SOURCE, text)) }
    }
}

#[pymethods]
impl Document {
    /// The text is kept exactly as given; `date` is the publication date
    /// (`YYYY-MM-DD`) that anchors relative dates.
    #[new]
    #[pyo3(signature = (text, *, id=None, title=None, date=None, byline=None, source=None))]
    fn new(
        text: String,
        id: Option<String>,
        title: Option<String>,
        date: Option<&str>,
        byline: Option<String>,
        source: Option<String>,
    ) -> PyResult<Self> {
        let published = date.map(|date| date.parse::<Date>().map_err(value_error)).transpose()?;
        let mut doc = newsgraph::Document::new(
            id.unwrap_or_else(|| DEFAULT_ID.to_string()),
            source.unwrap_or_else(|| DEFAULT_SOURCE.to_string()),
            text,
        );
        doc.title = title;
        doc.byline = byline;
        doc.published = published.map(|date| date.to_string());
        Ok(Document { raw: Raw::Text(doc) })
    }

    #[getter]
    fn id(&self) -> &str {
        self.raw.id()
    }

    #[getter]
    fn source(&self) -> &str {
        self.raw.source()
    }

    #[getter]
    fn text(&self) -> &str {
        match &self.raw {
            Raw::Text(doc) => &doc.text,
            Raw::Record(record) => &record.text,
        }
    }

    #[getter]
    fn title(&self) -> Option<&str> {
        match &self.raw {
            Raw::Text(doc) => doc.title.as_deref(),
            Raw::Record(record) => record.title.as_deref(),
        }
    }

    #[getter]
    fn byline(&self) -> Option<&str> {
        match &self.raw {
            Raw::Text(doc) => doc.byline.as_deref(),
            Raw::Record(record) => record.byline.as_deref(),
        }
    }

    /// The publication date (`YYYY-MM-DD`), if the input gave one.
    #[getter]
    fn published(&self) -> Option<String> {
        match &self.raw {
            Raw::Text(doc) => doc.published.clone(),
            Raw::Record(record) => record.published.map(|date| date.to_string()),
        }
    }

    fn __repr__(&self) -> String {
        format!("<newsgraph.Document id={:?} source={:?}>", self.raw.id(), self.raw.source())
    }
}

/// The documents (or read failures) of some inputs, in order.
pub(crate) type Items = Box<dyn Iterator<Item = Result<Raw, newsgraph::ReadError>> + Send>;

/// Iterator over the documents of inputs. Iterated from Python, an input
/// that cannot be read raises `ReadError` and the next call goes on with the
/// next document; handed to `Pipeline.pipe`, it is read on the pipe's own
/// thread, without the GIL, and read failures keep their place in the output.
#[pyclass(module = "newsgraph", frozen)]
pub struct Reader {
    pub(crate) items: Arc<Mutex<Items>>,
}

impl Reader {
    fn new(items: Items) -> Self {
        Reader { items: Arc::new(Mutex::new(items)) }
    }
}

/// Locks a mutex whose holder may have panicked: the data (an iterator or a
/// channel end) stays usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Document>> {
        match py.allow_threads(|| lock(&self.items).next()) {
            None => Ok(None),
            Some(Ok(raw)) => Ok(Some(Document { raw })),
            Some(Err(error)) => Err(read_error(py, &error)),
        }
    }
}

/// Reads files, folders (recursively, in sorted order) or `-` (stdin), in
/// any format `newsgraph extract` accepts: WARC, HTML, JSON lines, text,
/// feeds, optionally gzipped. Lazy: a large WARC file streams.
#[pyfunction]
pub fn read(paths: &Bound<'_, PyAny>) -> PyResult<Reader> {
    let paths: Vec<PathBuf> = match paths.extract::<PathBuf>() {
        Ok(path) => vec![path],
        Err(_) => paths.extract()?,
    };
    let names: Vec<String> = paths.iter().map(|path| path.to_string_lossy().into_owned()).collect();
    Ok(Reader::new(Box::new(newsgraph::read_inputs(&names))))
}

/// Reads one input held in memory (a WARC file fetched from object storage)
/// as if it were a file called `name`, whose extension guides the format.
#[pyfunction]
pub fn read_bytes(py: Python<'_>, name: &str, data: &[u8]) -> Reader {
    let documents = py.allow_threads(|| newsgraph::read_bytes(name, data));
    Reader::new(Box::new(documents.into_iter().map(|item| item.map(Raw::Text))))
}
