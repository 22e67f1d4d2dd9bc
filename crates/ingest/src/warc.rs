//! WARC files (WARC/1.0 and 1.1, plain or gzip members, e.g. CC-NEWS): each
//! `response` record with a successful HTML payload becomes a document whose
//! id is the WARC record id and whose source is the target URI. Records are
//! read one at a time, so a file of any size streams.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use flate2::read::MultiGzDecoder;
use newsgraph_core::Document;

use crate::dates::date_from_url;
use crate::error::{ReadError, ReadErrorKind};
use crate::html::{content_type, looks_like_html, read_html};
use crate::layout::Article;
use crate::MAX_DOCUMENT_BYTES;

/// Longest header line accepted (WARC or HTTP).
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Most header lines in one record.
const MAX_HEADER_LINES: usize = 512;

/// The WARC headers a reader needs.
#[derive(Debug, Default)]
struct RecordHeader {
    kind: String,
    id: String,
    target: String,
    /// The WARC `Content-Type` (`application/http; msgtype=response`, or the
    /// payload's own type for `resource` records).
    content_type: String,
    length: usize,
}

impl RecordHeader {
    /// The target URI, or the record id when there is none.
    fn source(&self) -> &str {
        if self.target.is_empty() {
            &self.id
        } else {
            &self.target
        }
    }

    /// The document of a page read from this record. A page without a
    /// date of its own gets the one in its URL (`/2018/03/31/`), if any.
    fn document(&self, mut page: Article) -> Document {
        if page.published.is_none() {
            page.published = date_from_url(&self.target);
        }
        page.into_document(&self.id, self.source())
    }

    /// Response records hold an HTTP response; resource records with an
    /// HTML type hold the page itself.
    fn may_hold_article(&self) -> bool {
        self.kind == "response" || (self.kind == "resource" && is_html_type(&content_type(&self.content_type).0))
    }
}

fn is_html_type(media_type: &str) -> bool {
    matches!(media_type, "text/html" | "application/xhtml+xml")
}

/// Iterator over the documents of one WARC stream.
pub(crate) struct WarcRecords<'a> {
    stream: Box<dyn BufRead + Send + 'a>,
    name: String,
    line: Vec<u8>,
    /// Whether the last `read_line` stopped at a line end (not at the
    /// header line cap), so that the next line read starts a real line.
    whole_line: bool,
    /// `line` already holds the version line of the next record, found
    /// while resynchronising after a malformed one.
    at_version_line: bool,
    done: bool,
}

impl<'a> WarcRecords<'a> {
    pub(crate) fn new(name: &str, stream: Box<dyn BufRead + Send + 'a>) -> Self {
        WarcRecords {
            stream,
            name: name.to_string(),
            line: Vec::new(),
            whole_line: true,
            at_version_line: false,
            done: false,
        }
    }

    /// `file.warc.gz#urn:uuid:...` for errors inside a record.
    fn record_name(&self, id: &str) -> String {
        if id.is_empty() {
            self.name.clone()
        } else {
            format!("{}#{}", self.name, id)
        }
    }

    /// Reads one line (without its line end) into `self.line`; returns the
    /// bytes consumed (line end included), 0 at the end of the stream.
    fn read_line(&mut self) -> io::Result<usize> {
        self.line.clear();
        let read = Read::take(&mut self.stream, MAX_HEADER_LINE).read_until(b'\n', &mut self.line)?;
        self.whole_line = self.line.last() == Some(&b'\n');
        while matches!(self.line.last(), Some(b'\n' | b'\r')) {
            self.line.pop();
        }
        Ok(read)
    }

    /// Reads the next record header; `Ok(None)` at a clean end of stream.
    /// A malformed header is reported after skipping to the next record's
    /// version line, so one bad record does not lose the rest of the file.
    fn header(&mut self) -> Result<Option<RecordHeader>, ReadError> {
        let io_error = |this: &Self, e: &io::Error| ReadError::io(this.name.clone(), e);
        // Bytes of the first line, whose skipping is reported if it is not a version line.
        let mut first_line = 0;
        if !std::mem::take(&mut self.at_version_line) {
            // Records are separated by blank lines.
            while first_line == 0 || self.line.is_empty() {
                first_line = self.read_line().map_err(|e| io_error(self, &e))?;
                if first_line == 0 {
                    return Ok(None);
                }
            }
        }
        if !self.line.starts_with(b"WARC/") {
            let found = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).into_owned();
            let skipped = first_line + self.resynchronise().map_err(|e| io_error(self, &e))?;
            let reason = format!("expected a WARC/1.x version line, found {found:?}");
            return Err(self.skipped(String::new(), reason, skipped));
        }
        let mut header = RecordHeader::default();
        let mut length = None;
        for _ in 0..MAX_HEADER_LINES {
            if self.read_line().map_err(|e| io_error(self, &e))? == 0 {
                return Err(ReadError::new(self.record_name(&header.id), ReadErrorKind::TruncatedWarc));
            }
            if self.line.is_empty() {
                let Some(length) = length else {
                    let skipped = self.resynchronise().map_err(|e| io_error(self, &e))?;
                    return Err(self.skipped(header.id, "no valid Content-Length".into(), skipped));
                };
                header.length = length;
                return Ok(Some(header));
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "warc-record-id" => header.id = value.trim_start_matches('<').trim_end_matches('>').to_string(),
                "warc-target-uri" => header.target = value.trim_start_matches('<').trim_end_matches('>').to_string(),
                "content-length" => length = value.parse::<usize>().ok(),
                "content-type" => header.content_type = value.to_string(),
                _ => {}
            }
        }
        let skipped = self.resynchronise().map_err(|e| io_error(self, &e))?;
        Err(self.skipped(header.id, "too many header lines".into(), skipped))
    }

    /// Skips lines up to the next line that starts a WARC record
    /// (`WARC/1.`), leaving it in `self.line` for the next `header` call;
    /// returns the number of bytes skipped (line ends included).
    fn resynchronise(&mut self) -> io::Result<usize> {
        let mut skipped = 0;
        loop {
            let starts_line = self.whole_line;
            let read = self.read_line()?;
            if read == 0 {
                return Ok(skipped);
            }
            if starts_line && self.line.starts_with(b"WARC/1.") {
                self.at_version_line = true;
                return Ok(skipped);
            }
            skipped += read;
        }
    }

    /// The error for a malformed record, saying what reading skipped to get
    /// past it, so the user knows what was lost.
    fn skipped(&self, id: String, reason: String, bytes: usize) -> ReadError {
        let whereto = if self.at_version_line { "the next record" } else { "the end of the file" };
        let reason = format!("{reason}; record skipped, with the {bytes} bytes up to {whereto}");
        ReadError::new(self.record_name(&id), ReadErrorKind::MalformedWarc(reason))
    }

    /// Reads (or skips) a record block of `length` bytes.
    fn block(&mut self, header: &RecordHeader, keep: bool) -> Result<Vec<u8>, ReadError> {
        let input = self.record_name(&header.id);
        let fail = |kind| ReadError::new(input, kind);
        let mut limited = Read::take(&mut self.stream, header.length as u64);
        let mut block = Vec::new();
        let read = if keep {
            block.reserve(header.length);
            limited.read_to_end(&mut block)
        } else {
            io::copy(&mut limited, &mut io::sink()).map(|n| n as usize)
        };
        match read {
            Ok(n) if n < header.length => Err(fail(ReadErrorKind::TruncatedWarc)),
            Ok(_) => Ok(block),
            Err(error) => Err(fail(ReadErrorKind::from_io(&error))),
        }
    }

    /// The next document, failure, or `None` for a record that is not an
    /// article (request, metadata, redirect, image...).
    fn next_record(&mut self) -> Result<Option<Option<Result<Document, ReadError>>>, ReadError> {
        let Some(header) = self.header()? else {
            return Ok(None);
        };
        let wanted = header.may_hold_article();
        if wanted && header.length > MAX_DOCUMENT_BYTES {
            self.block(&header, false)?;
            let error =
                ReadError::new(self.record_name(&header.id), ReadErrorKind::TooLarge { limit: MAX_DOCUMENT_BYTES });
            return Ok(Some(Some(Err(error))));
        }
        let block = self.block(&header, wanted)?;
        if !wanted {
            return Ok(Some(None));
        }
        let document = if header.kind == "resource" {
            let charset = content_type(&header.content_type).1;
            Some(read_html(&block, charset.as_deref()).map(|page| header.document(page)))
        } else {
            response_document(&header, &block)
        };
        Ok(Some(document.map(|r| r.map_err(|kind| ReadError::new(self.record_name(&header.id), kind)))))
    }
}

impl Iterator for WarcRecords<'_> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(None)) => {}
                Ok(Some(Some(item))) => return Some(item),
                Err(error) => {
                    // A malformed header has been skipped past; a cut or
                    // damaged stream cannot be resynchronised.
                    self.done = !matches!(error.kind, ReadErrorKind::MalformedWarc(_));
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

/// An HTTP response split into what the reader needs.
struct HttpResponse<'b> {
    status: u16,
    media_type: String,
    charset: Option<String>,
    chunked: bool,
    compressed: bool,
    body: &'b [u8],
}

/// The document of a response record; `None` when the payload is not a
/// successful HTML page (those records are not articles).
fn response_document(header: &RecordHeader, block: &[u8]) -> Option<Result<Document, ReadErrorKind>> {
    let response = match parse_http(block) {
        Ok(response) => response,
        Err(kind) => return Some(Err(kind)),
    };
    let html_type = is_html_type(&response.media_type);
    if !(200..300).contains(&response.status) || !(html_type || response.media_type.is_empty()) {
        return None;
    }
    let body = match payload(&response) {
        Ok(body) => body,
        Err(kind) => return Some(Err(kind)),
    };
    if response.media_type.is_empty() && !looks_like_html(&body) {
        return None;
    }
    Some(read_html(&body, response.charset.as_deref()).map(|page| header.document(page)))
}

/// Splits status line, headers and body of an HTTP response.
fn parse_http(block: &[u8]) -> Result<HttpResponse<'_>, ReadErrorKind> {
    let malformed = |what: &str| ReadErrorKind::MalformedWarc(format!("bad HTTP response: {what}"));
    let (head_end, body_start) = find_header_end(block).ok_or_else(|| malformed("no end of headers"))?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(malformed("no status line"));
    }
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| malformed("no status code"))?;
    let mut response = HttpResponse {
        status,
        media_type: String::new(),
        charset: None,
        chunked: false,
        compressed: false,
        body: &block[body_start..],
    };
    for line in lines {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "content-type" => (response.media_type, response.charset) = content_type(value),
            "transfer-encoding" => response.chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => response.compressed = value.to_ascii_lowercase().contains("gzip"),
            _ => {}
        }
    }
    Ok(response)
}

/// End of the HTTP header block and start of the body: the first empty
/// line (`\r\n\r\n`, or a bare `\n\n` from sloppy servers).
fn find_header_end(block: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(offset) = block[from..].iter().position(|&b| b == b'\n') {
        let newline = from + offset;
        let after = &block[newline + 1..];
        if after.starts_with(b"\n") {
            return Some((newline, newline + 2));
        }
        if after.starts_with(b"\r\n") {
            return Some((newline.saturating_sub(1), newline + 3));
        }
        from = newline + 1;
    }
    None
}

/// The body as the server meant it: chunked transfer coding removed and a
/// gzip content coding inflated (crawlers usually store it already decoded;
/// the gzip magic bytes are checked before inflating).
fn payload<'b>(response: &HttpResponse<'b>) -> Result<Cow<'b, [u8]>, ReadErrorKind> {
    let body = if response.chunked { Cow::Owned(dechunk(response.body)) } else { Cow::Borrowed(response.body) };
    if response.compressed && body.starts_with(&[0x1F, 0x8B]) {
        let mut inflated = Vec::new();
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        MultiGzDecoder::new(body.as_ref())
            .take(limit)
            .read_to_end(&mut inflated)
            .map_err(|e| ReadErrorKind::from_io(&e))?;
        if inflated.len() > MAX_DOCUMENT_BYTES {
            return Err(ReadErrorKind::TooLarge { limit: MAX_DOCUMENT_BYTES });
        }
        return Ok(Cow::Owned(inflated));
    }
    Ok(body)
}

/// Removes HTTP/1.1 chunked transfer coding; a body that does not parse as
/// chunks is returned unchanged (some crawlers de-chunk but keep the header).
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") else {
            return body.to_vec();
        };
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return body.to_vec();
        };
        rest = &rest[line_end + 2..];
        if size == 0 {
            return out;
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return out;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(dechunk(b"5\r\nHello\r\n6;x=y\r\n world\r\n0\r\n\r\n"), b"Hello world");
        assert_eq!(dechunk(b"<html>not chunked"), b"<html>not chunked");
    }

    #[test]
    fn http_headers() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Length: 3\r\n\r\nabc";
        let response = parse_http(block).unwrap();
        assert_eq!((response.status, response.media_type.as_str()), (200, "text/html"));
        assert_eq!(response.charset.as_deref(), Some("windows-1252"));
        assert_eq!(response.body, b"abc");
        assert!(parse_http(b"garbage").is_err());
        let sloppy = parse_http(b"HTTP/1.0 200 OK\nContent-Type: text/html\n\n<p>x\r\n\r\n").unwrap();
        assert_eq!(sloppy.body, b"<p>x\r\n\r\n");
        assert_eq!(find_header_end(b"A\r\nB\r\n\r\nbody"), Some((4, 8)));
    }
}
