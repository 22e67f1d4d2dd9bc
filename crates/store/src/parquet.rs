//! `export --format parquet`: one Parquet file per table (the tables CSV
//! writes), Snappy-compressed, every column optional (nullable), written
//! with the low-level column writers so no arrow crates are built.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::error::{Result, StoreError};
use crate::tables::{for_each_table_row, Cell, Kind, Table, TABLES};
use crate::Store;

/// Rows per row group: big enough for good compression, small enough to
/// keep memory flat.
const ROW_GROUP: usize = 64 * 1024;

impl From<parquet::errors::ParquetError> for StoreError {
    fn from(error: parquet::errors::ParquetError) -> Self {
        StoreError::Invalid(format!("parquet: {error}"))
    }
}

pub(crate) fn write_tables(store: &Store, dir: &Path) -> Result<()> {
    for table in TABLES {
        write_table(store, table, &dir.join(format!("{}.parquet", table.name)))?;
    }
    Ok(())
}

/// The Parquet schema of a table: strings as UTF-8 byte arrays.
fn schema(table: &Table) -> String {
    let fields: Vec<String> = table
        .columns
        .iter()
        .map(|(name, kind)| match kind {
            Kind::Int => format!("optional INT64 {name};"),
            Kind::Real => format!("optional DOUBLE {name};"),
            Kind::Text => format!("optional BYTE_ARRAY {name} (UTF8);"),
        })
        .collect();
    format!("message {} {{ {} }}", table.name, fields.join(" "))
}

fn write_table(store: &Store, table: &Table, path: &Path) -> Result<()> {
    let schema = Arc::new(parse_message_type(&schema(table))?);
    let properties = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(File::create(path)?, schema, properties)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for_each_table_row(store, table, |cells| {
        rows.push(cells);
        if rows.len() >= ROW_GROUP {
            write_row_group(&mut writer, table, &rows)?;
            rows.clear();
        }
        Ok(())
    })?;
    if !rows.is_empty() {
        write_row_group(&mut writer, table, &rows)?;
    }
    writer.close()?;
    Ok(())
}

fn write_row_group(writer: &mut SerializedFileWriter<File>, table: &Table, rows: &[Vec<Cell>]) -> Result<()> {
    let mut group = writer.next_row_group()?;
    for (index, (_, kind)) in table.columns.iter().enumerate() {
        let Some(mut column) = group.next_column()? else {
            break;
        };
        match kind {
            Kind::Int => {
                let (values, levels) = column_values(rows, index, |cell| match cell {
                    Cell::Int(n) => Some(*n),
                    _ => None,
                });
                column.typed::<Int64Type>().write_batch(&values, Some(&levels), None)?;
            }
            Kind::Real => {
                let (values, levels) = column_values(rows, index, |cell| match cell {
                    Cell::Real(x) => Some(*x),
                    Cell::Int(n) => Some(*n as f64),
                    _ => None,
                });
                column.typed::<DoubleType>().write_batch(&values, Some(&levels), None)?;
            }
            Kind::Text => {
                let (values, levels) = column_values(rows, index, |cell| match cell {
                    Cell::Null => None,
                    other => Some(ByteArray::from(other.to_text().into_bytes())),
                });
                column.typed::<ByteArrayType>().write_batch(&values, Some(&levels), None)?;
            }
        }
        column.close()?;
    }
    group.close()?;
    Ok(())
}

/// The present values of one column and its definition levels (1 present,
/// 0 null). A value of the wrong type (SQLite is loosely typed) is null.
fn column_values<T>(rows: &[Vec<Cell>], index: usize, pick: impl Fn(&Cell) -> Option<T>) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::with_capacity(rows.len());
    let mut levels = Vec::with_capacity(rows.len());
    for row in rows {
        match pick(&row[index]) {
            Some(value) => {
                values.push(value);
                levels.push(1);
            }
            None => levels.push(0),
        }
    }
    (values, levels)
}
