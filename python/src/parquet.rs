//! Parquet files of table rows (`columns::Cell`s), through the parquet crate's
//! low-level column writers (no arrow crates to build, as the store's
//! export). Nested values (lists of structs) are written as Spark writes
//! them: three-level LISTs, every field optional.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::columns::{Cell, Type};

pub use parquet::errors::ParquetError;

/// A row group is written when its rows reach either bound: big enough for
/// good compression, small enough to keep a task's memory flat.
const ROW_GROUP_ROWS: usize = 64 * 1024;
const ROW_GROUP_BYTES: usize = 64 * 1024 * 1024;

/// The Parquet schema of named columns, as message-type text.
pub fn schema(name: &str, columns: &[(&str, &Type)]) -> String {
    let fields: Vec<String> = columns.iter().map(|(name, kind)| field(name, kind)).collect();
    format!("message {name} {{ {} }}", fields.join(" "))
}

fn field(name: &str, kind: &Type) -> String {
    match kind {
        Type::Text => format!("optional binary {name} (UTF8);"),
        Type::Int32 => format!("optional int32 {name};"),
        Type::Int64 => format!("optional int64 {name};"),
        Type::Double => format!("optional double {name};"),
        Type::List(element) => {
            format!("optional group {name} (LIST) {{ repeated group list {{ {} }} }}", field("element", element))
        }
        Type::Struct(fields) => {
            let fields: Vec<String> = fields.iter().map(|(name, kind)| field(name, kind)).collect();
            format!("optional group {name} {{ {} }}", fields.join(" "))
        }
    }
}

/// The values of one leaf (primitive) column of a row group, with their
/// definition and repetition levels (Dremel encoding).
struct Leaf {
    values: Values,
    /// Inside a list: the leaf has repetition levels.
    repeated: bool,
    definitions: Vec<i16>,
    repetitions: Vec<i16>,
}

enum Values {
    Text(Vec<ByteArray>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Double(Vec<f64>),
}

/// Where a value sits: its parents' definition level, its repetition level,
/// and how many lists enclose it.
#[derive(Clone, Copy)]
struct Level {
    definition: i16,
    repetition: i16,
    lists: i16,
}

impl Leaf {
    fn new(kind: &Type, repeated: bool) -> Leaf {
        let values = match kind {
            Type::Int32 => Values::Int32(Vec::new()),
            Type::Int64 => Values::Int64(Vec::new()),
            Type::Double => Values::Double(Vec::new()),
            _ => Values::Text(Vec::new()),
        };
        Leaf { values, repeated, definitions: Vec::new(), repetitions: Vec::new() }
    }

    fn push_null(&mut self, level: Level) {
        self.definitions.push(level.definition);
        self.repetitions.push(level.repetition);
    }

    /// Pushes a primitive value, null when it is not of the column's type;
    /// returns the bytes it holds.
    fn push(&mut self, cell: Cell<'_>, level: Level) -> usize {
        let size = match (&mut self.values, cell) {
            (Values::Text(values), Cell::Text(text)) => {
                let size = text.len();
                values.push(ByteArray::from(text.into_owned().into_bytes()));
                Some(size)
            }
            (Values::Int32(values), Cell::Int(n)) => push_some(values, i32::try_from(n).ok()),
            (Values::Int64(values), Cell::Int(n)) => push_some(values, Some(n)),
            (Values::Double(values), Cell::Double(x)) => push_some(values, Some(x)),
            _ => None,
        };
        match size {
            Some(size) => {
                self.definitions.push(level.definition + 1);
                self.repetitions.push(level.repetition);
                size
            }
            None => {
                self.push_null(level);
                0
            }
        }
    }

    fn write(&mut self, writer: &mut ColumnWriter<'_>) -> Result<(), ParquetError> {
        let definitions = Some(self.definitions.as_slice());
        let repetitions = self.repeated.then_some(self.repetitions.as_slice());
        match (&mut self.values, writer) {
            (Values::Text(values), ColumnWriter::ByteArrayColumnWriter(writer)) => {
                writer.write_batch(values, definitions, repetitions)?;
            }
            (Values::Int32(values), ColumnWriter::Int32ColumnWriter(writer)) => {
                writer.write_batch(values, definitions, repetitions)?;
            }
            (Values::Int64(values), ColumnWriter::Int64ColumnWriter(writer)) => {
                writer.write_batch(values, definitions, repetitions)?;
            }
            (Values::Double(values), ColumnWriter::DoubleColumnWriter(writer)) => {
                writer.write_batch(values, definitions, repetitions)?;
            }
            _ => return Err(ParquetError::General("a column's values do not match its schema".into())),
        }
        Ok(())
    }

    fn clear(&mut self) {
        match &mut self.values {
            Values::Text(values) => values.clear(),
            Values::Int32(values) => values.clear(),
            Values::Int64(values) => values.clear(),
            Values::Double(values) => values.clear(),
        }
        self.definitions.clear();
        self.repetitions.clear();
    }
}

/// Pushes a fixed-size value if there is one; returns its size.
fn push_some<T>(values: &mut Vec<T>, value: Option<T>) -> Option<usize> {
    value.map(|value| {
        values.push(value);
        std::mem::size_of::<T>()
    })
}

/// The leaf columns of a type, in schema order.
fn leaves(kind: &Type, repeated: bool, out: &mut Vec<Leaf>) {
    match kind {
        Type::List(element) => leaves(element, true, out),
        Type::Struct(fields) => fields.iter().for_each(|(_, kind)| leaves(kind, repeated, out)),
        primitive => out.push(Leaf::new(primitive, repeated)),
    }
}

fn leaf_count(kind: &Type) -> usize {
    match kind {
        Type::List(element) => leaf_count(element),
        Type::Struct(fields) => fields.iter().map(|(_, kind)| leaf_count(kind)).sum(),
        _ => 1,
    }
}

/// Splits `cell` into the leaves of `kind`; returns the bytes added. A
/// value not of the type is null.
fn shred(cell: Cell<'_>, kind: &Type, level: Level, leaves: &mut [Leaf]) -> usize {
    match (kind, cell) {
        (Type::List(element), Cell::List(items)) if !items.is_empty() => {
            let mut size = 0;
            for (position, item) in items.into_iter().enumerate() {
                let repetition = if position == 0 { level.repetition } else { level.lists + 1 };
                let inner = Level { definition: level.definition + 2, repetition, lists: level.lists + 1 };
                size += shred(item, element, inner, leaves);
            }
            size
        }
        (Type::List(_), Cell::List(_)) => {
            let empty = Level { definition: level.definition + 1, ..level };
            leaves.iter_mut().for_each(|leaf| leaf.push_null(empty));
            0
        }
        (Type::Struct(fields), Cell::Struct(values)) => {
            let inner = Level { definition: level.definition + 1, ..level };
            let mut rest = leaves;
            let mut size = 0;
            let mut values = values.into_iter();
            for (_, kind) in fields.iter() {
                let (own, after) = rest.split_at_mut(leaf_count(kind));
                size += shred(values.next().unwrap_or(Cell::Null), kind, inner, own);
                rest = after;
            }
            size
        }
        (Type::List(_) | Type::Struct(_), _) => {
            leaves.iter_mut().for_each(|leaf| leaf.push_null(level));
            0
        }
        (_, cell) => leaves.first_mut().map_or(0, |leaf| leaf.push(cell, level)),
    }
}

/// One Parquet file being written, row group by row group.
pub struct FileWriter {
    writer: SerializedFileWriter<BufWriter<File>>,
    /// The leaves of each column.
    columns: Vec<Vec<Leaf>>,
    kinds: Vec<&'static Type>,
    rows: usize,
    bytes: usize,
}

impl FileWriter {
    pub fn create(path: &Path, name: &str, columns: &[(&str, &'static Type)]) -> Result<FileWriter, ParquetError> {
        let schema = Arc::new(parse_message_type(&schema(name, columns))?);
        let properties = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
        let file = BufWriter::new(File::create(path)?);
        let writer = SerializedFileWriter::new(file, schema, properties)?;
        let kinds: Vec<&'static Type> = columns.iter().map(|(_, kind)| *kind).collect();
        let columns = kinds
            .iter()
            .map(|kind| {
                let mut own = Vec::new();
                leaves(kind, false, &mut own);
                own
            })
            .collect();
        Ok(FileWriter { writer, columns, kinds, rows: 0, bytes: 0 })
    }

    /// Adds a row (one cell per column), writing a row group when one is full.
    pub fn push(&mut self, row: Vec<Cell<'_>>) -> Result<(), ParquetError> {
        let top = Level { definition: 0, repetition: 0, lists: 0 };
        for ((cell, kind), leaves) in row.into_iter().zip(&self.kinds).zip(&mut self.columns) {
            self.bytes += shred(cell, kind, top, leaves);
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS || self.bytes >= ROW_GROUP_BYTES {
            self.write_row_group()?;
        }
        Ok(())
    }

    fn write_row_group(&mut self) -> Result<(), ParquetError> {
        let mut group = self.writer.next_row_group()?;
        for leaf in self.columns.iter_mut().flatten() {
            let Some(mut column) = group.next_column()? else {
                return Err(ParquetError::General("fewer columns in the schema than values".into()));
            };
            leaf.write(column.untyped())?;
            column.close()?;
            leaf.clear();
        }
        group.close()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    /// Writes the last row group and the footer. A file with no rows is
    /// still a valid file, holding the schema.
    pub fn finish(mut self) -> Result<(), ParquetError> {
        if self.rows > 0 {
            self.write_row_group()?;
        }
        self.writer.close()?;
        Ok(())
    }
}
