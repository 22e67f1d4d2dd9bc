//! `export --format csv`: one RFC 4180 file per table, with a header row.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::Result;
use crate::tables::{for_each_table_row, TABLES};
use crate::Store;

pub(crate) fn write_tables(store: &Store, dir: &Path) -> Result<()> {
    for table in TABLES {
        let mut out = BufWriter::new(File::create(dir.join(format!("{}.csv", table.name)))?);
        write_row(&mut out, table.columns.iter().map(|(name, _)| name.to_string()))?;
        for_each_table_row(store, table, |cells| write_row(&mut out, cells.iter().map(|c| c.to_text())))?;
        out.flush()?;
    }
    Ok(())
}

/// One CSV line; fields with a comma, quote or line break are quoted.
fn write_row(out: &mut dyn Write, cells: impl Iterator<Item = String>) -> Result<()> {
    for (i, value) in cells.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if value.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", value.replace('"', "\"\""))?;
        } else {
            out.write_all(value.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")?;
    Ok(())
}
