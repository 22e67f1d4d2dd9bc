//! The Spark job's Parquet output of one task: every table's rows (see
//! `columns`) written by Rust straight from the records, so that no record
//! crosses to Python or the JVM. The files are laid out as Spark lays out
//! a table partitioned by day (`TABLE/day=DAY/PART.parquet`, the day
//! `__HIVE_DEFAULT_PARTITION__` when a record has none; `errors/PART.parquet`),
//! in a folder of the task's own, which the job's driver moves into place
//! once the task has succeeded.

use std::collections::hash_map::{Entry, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use newsgraph::{Failure, Record};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::columns::{self, AnyTable, Cell, Type, ERRORS, ERROR_COLUMNS, TABLES};
use crate::document::lock;
use crate::parquet::{FileWriter, ParquetError};

/// Spark's folder name for rows whose partition value is null.
const NO_DAY: &str = "__HIVE_DEFAULT_PARTITION__";

#[derive(Debug, thiserror::Error)]
pub enum TablesError {
    #[error("cannot make the folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] ParquetError),
    #[error("the tables were already closed")]
    Closed,
}

impl From<TablesError> for PyErr {
    fn from(error: TablesError) -> PyErr {
        PyRuntimeError::new_err(error.to_string())
    }
}

/// The open files of one task's tables, and what they hold.
pub struct TableFiles {
    folder: PathBuf,
    /// The file name of every file this task writes (one per folder).
    part: String,
    /// Per table (index in `TABLES`) and day.
    files: HashMap<(usize, Option<String>), FileWriter>,
    errors: Option<FileWriter>,
    counts: Counts,
}

/// Documents with a record (those whose stage failed too), and errors.
#[derive(Clone, Copy, Default)]
pub struct Counts {
    pub documents: u64,
    pub errors: u64,
}

static TEXT: Type = Type::Text;

impl TableFiles {
    fn new(folder: PathBuf, part: String) -> TableFiles {
        TableFiles { folder, part, files: HashMap::new(), errors: None, counts: Counts::default() }
    }

    /// Adds one document's outcome: its record's rows, its error's row.
    pub fn add(&mut self, outcome: Result<Record, Failure>) -> Result<(), TablesError> {
        match outcome {
            Ok(record) => self.add_record(&record),
            Err(Failure::Stage(failure)) => {
                self.add_record(&failure.record)?;
                let stage = failure.stage.to_string();
                let message = failure.to_string();
                let record = failure.record;
                self.add_error([Some(record.source), Some(record.id), Some(stage), Some(message)])
            }
            Err(Failure::Read(error)) => {
                let message = error.to_string();
                self.add_error([Some(error.input), None, None, Some(message)])
            }
        }
    }

    fn add_record(&mut self, record: &Record) -> Result<(), TablesError> {
        let day = columns::day(record);
        for (number, table) in TABLES.iter().enumerate() {
            let rows = table.rows(record);
            if rows.is_empty() {
                continue;
            }
            let file = self.file(number, *table, &day)?;
            for row in rows {
                file.push(row)?;
            }
        }
        self.counts.documents += 1;
        Ok(())
    }

    fn add_error(&mut self, fields: [Option<String>; 4]) -> Result<(), TablesError> {
        let cells = fields.map(|field| field.map_or(Cell::Null, |text| Cell::Text(text.into())));
        self.errors_file()?.push(cells.into())?;
        self.counts.errors += 1;
        Ok(())
    }

    fn file(
        &mut self,
        number: usize,
        table: &dyn AnyTable,
        day: &Option<String>,
    ) -> Result<&mut FileWriter, TablesError> {
        match self.files.entry((number, day.clone())) {
            Entry::Occupied(file) => Ok(file.into_mut()),
            Entry::Vacant(slot) => {
                // Dates are `YYYY-MM-DD` (the record's dates are checked), so
                // no escaping is needed to make one a folder name.
                let folder = self.folder.join(table.name()).join(format!("day={}", day.as_deref().unwrap_or(NO_DAY)));
                Ok(slot.insert(create(&folder, &self.part, table.name(), &table.schema())?))
            }
        }
    }

    fn errors_file(&mut self) -> Result<&mut FileWriter, TablesError> {
        let file = match self.errors.take() {
            Some(file) => file,
            None => create(&self.folder.join(ERRORS), &self.part, ERRORS, &ERROR_COLUMNS.map(|name| (name, &TEXT)))?,
        };
        Ok(self.errors.insert(file))
    }

    /// Closes every file. `with_empty_errors`: write the errors file even
    /// without errors, so that the table exists and holds its schema, as
    /// Spark writes one (empty) file for an empty table.
    fn finish(mut self, with_empty_errors: bool) -> Result<Counts, TablesError> {
        if with_empty_errors {
            self.errors_file()?;
        }
        for file in self.files.into_values().chain(self.errors) {
            file.finish()?;
        }
        Ok(self.counts)
    }
}

fn create(folder: &Path, part: &str, name: &str, columns: &[(&str, &'static Type)]) -> Result<FileWriter, TablesError> {
    std::fs::create_dir_all(folder).map_err(|source| TablesError::Folder { path: folder.to_path_buf(), source })?;
    Ok(FileWriter::create(&folder.join(part), name, columns)?)
}

/// One task's Parquet tables, written into `folder` (see the module's
/// doc), every file named `part`; `Pipeline.write_tables` adds documents.
#[pyclass(module = "newsgraph", frozen)]
pub struct Tables {
    files: Mutex<Option<TableFiles>>,
}

impl Tables {
    /// Runs `write` on the open files.
    pub fn with_files<T>(&self, write: impl FnOnce(&mut TableFiles) -> T) -> Result<T, TablesError> {
        lock(&self.files).as_mut().map(write).ok_or(TablesError::Closed)
    }
}

#[pymethods]
impl Tables {
    #[new]
    fn new(folder: PathBuf, part: String) -> Self {
        Tables { files: Mutex::new(Some(TableFiles::new(folder, part))) }
    }

    /// Finishes every file; returns the documents and errors written.
    #[pyo3(signature = (*, with_empty_errors=false))]
    fn close(&self, py: Python<'_>, with_empty_errors: bool) -> PyResult<(u64, u64)> {
        let files = lock(&self.files).take().ok_or(TablesError::Closed)?;
        let counts = py.allow_threads(|| files.finish(with_empty_errors))?;
        Ok((counts.documents, counts.errors))
    }
}

/// The tables' names, the partitioned ones and `errors`.
pub fn names() -> Vec<&'static str> {
    TABLES.iter().map(|table| table.name()).chain([ERRORS]).collect()
}
