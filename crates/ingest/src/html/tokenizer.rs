//! A small, forgiving HTML tokenizer: start tags (with their raw attribute
//! text), end tags and text. Comments, doctypes and processing instructions
//! are skipped; the content of raw-text elements (`script`, `style`,
//! `title`, ...) comes back as one text token. It never fails: malformed
//! markup degrades to text or is dropped, as browsers do.

/// One piece of markup. Names keep their source case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Start { name: &'a str, attrs: &'a str, self_closing: bool },
    End { name: &'a str },
    Text(&'a str),
}

/// Elements whose content is not markup, up to their end tag.
const RAW_TEXT: [&str; 9] =
    ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];

pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the element name to look for.
    raw_until: Option<&'static str>,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Tokenizer { src, pos: 0, raw_until: None }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Text up to the next `<`, which may start markup.
    fn text(&mut self, from: usize) -> Token<'a> {
        let end = self.src[from..].find('<').map_or(self.src.len(), |i| from + i);
        let text = &self.src[self.pos..end];
        self.pos = end;
        Token::Text(text)
    }

    /// Raw text up to `</name` (any case), or to the end of input.
    fn raw_text(&mut self, name: &str) -> Token<'a> {
        let bytes = self.bytes();
        let mut at = self.pos;
        let end = loop {
            match self.src[at..].find("</") {
                None => break self.src.len(),
                Some(i) => {
                    let tag = at + i + 2;
                    let candidate = bytes.get(tag..tag + name.len());
                    if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
                        break at + i;
                    }
                    at = tag;
                }
            }
        };
        let text = &self.src[self.pos..end];
        self.pos = end;
        Token::Text(text)
    }

    /// Skips to just after the next `>` (or `terminator`), or to the end.
    fn skip_past(&mut self, terminator: &str) {
        self.pos = self.src[self.pos..].find(terminator).map_or(self.src.len(), |i| self.pos + i + terminator.len());
    }

    /// The end of a tag name starting at `from`.
    fn name_end(&self, from: usize) -> usize {
        let bytes = self.bytes();
        let mut end = from;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'-' | b':' | b'_')) {
            end += 1;
        }
        end
    }

    /// Index of the `>` closing a tag whose attributes start at `from`
    /// (quoted values may hold `>`), or `None` if the input ends first.
    fn tag_end(&self, from: usize) -> Option<usize> {
        let bytes = self.bytes();
        let mut i = from;
        let mut quote: Option<u8> = None;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                // A quote only opens a value right after `=` (possibly spaced).
                None if (b == b'"' || b == b'\'') && preceded_by_equals(bytes, from, i) => quote = Some(b),
                None if b == b'>' => return Some(i),
                None => {}
            }
            i += 1;
        }
        None
    }

    fn start_tag(&mut self) -> Option<Token<'a>> {
        let name_start = self.pos + 1;
        let name_end = self.name_end(name_start);
        let Some(gt) = self.tag_end(name_end) else {
            // Input ends inside a tag: browsers drop it.
            self.pos = self.src.len();
            return None;
        };
        let name = &self.src[name_start..name_end];
        let attrs = &self.src[name_end..gt];
        self.pos = gt + 1;
        let self_closing = attrs.trim_end().ends_with('/');
        if !self_closing {
            self.raw_until = RAW_TEXT.iter().copied().find(|raw| raw.eq_ignore_ascii_case(name));
        }
        Some(Token::Start { name, attrs, self_closing })
    }

    fn end_tag(&mut self) -> Option<Token<'a>> {
        let name_start = self.pos + 2;
        let name_end = self.name_end(name_start);
        if name_end == name_start {
            // `</ >` or `</3`: a bogus comment.
            self.skip_past(">");
            return None;
        }
        let name = &self.src[name_start..name_end];
        self.skip_past(">");
        Some(Token::End { name })
    }

    /// Markup starting at a `<`; `None` when it produced no token (comments
    /// and the like) and the caller should go on.
    fn markup(&mut self) -> Option<Token<'a>> {
        let bytes = self.bytes();
        match bytes.get(self.pos + 1) {
            Some(b'!') if bytes[self.pos..].starts_with(b"<!--") => {
                self.pos += 4;
                self.skip_past("-->");
                None
            }
            Some(b'!') | Some(b'?') => {
                self.skip_past(">");
                None
            }
            Some(b'/') if bytes.get(self.pos + 2).is_some_and(u8::is_ascii_alphabetic) => self.end_tag(),
            Some(b'/') => {
                self.skip_past(">");
                None
            }
            Some(b) if b.is_ascii_alphabetic() => self.start_tag(),
            // A lone `<` (as in `a < b`) is text.
            _ => Some(self.text(self.pos + 1)),
        }
    }
}

/// Whether only spaces lie between an `=` and position `at`.
fn preceded_by_equals(bytes: &[u8], from: usize, at: usize) -> bool {
    let mut i = at;
    while i > from {
        i -= 1;
        match bytes[i] {
            b'=' => return true,
            b' ' | b'\t' | b'\n' | b'\r' => continue,
            _ => return false,
        }
    }
    false
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        while self.pos < self.src.len() {
            if let Some(raw) = self.raw_until.take() {
                let token = self.raw_text(raw);
                if token != Token::Text("") {
                    return Some(token);
                }
                continue;
            }
            if self.bytes()[self.pos] != b'<' {
                return Some(self.text(self.pos));
            }
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        None
    }
}

/// Iterates `name=value` pairs of a tag's raw attribute text (values raw,
/// quotes removed; a bare attribute has an empty value).
pub(crate) fn attributes(raw: &str) -> Attributes<'_> {
    Attributes { raw, pos: 0 }
}

pub(crate) struct Attributes<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> Attributes<'a> {
    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        let bytes = self.raw.as_bytes();
        while self.pos < bytes.len() && keep(bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> &'a str {
        let bytes = self.raw.as_bytes();
        match bytes.get(self.pos) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let start = self.pos + 1;
                let end = self.raw[start..].find(q as char).map_or(self.raw.len(), |i| start + i);
                self.pos = (end + 1).min(self.raw.len());
                &self.raw[start..end]
            }
            _ => {
                let start = self.pos;
                self.skip_while(|b| !b.is_ascii_whitespace() && b != b'>');
                &self.raw[start..self.pos]
            }
        }
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        self.skip_while(|b| b.is_ascii_whitespace() || b == b'/');
        if self.pos >= self.raw.len() {
            return None;
        }
        let start = self.pos;
        self.skip_while(|b| !b.is_ascii_whitespace() && b != b'=' && b != b'/');
        if self.pos == start {
            // A stray `=`: skip it.
            self.pos += 1;
            return self.next();
        }
        let name = &self.raw[start..self.pos];
        self.skip_while(|b| b.is_ascii_whitespace());
        if self.raw.as_bytes().get(self.pos) != Some(&b'=') {
            return Some((name, ""));
        }
        self.pos += 1;
        self.skip_while(|b| b.is_ascii_whitespace());
        Some((name, self.value()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<Token<'_>> {
        Tokenizer::new(src).collect()
    }

    #[test]
    fn tags_text_and_comments() {
        let got = tokens("<!DOCTYPE html><P class=\"a>b\">Hi <!-- x > y --><br/>there</p >");
        assert_eq!(
            got,
            vec![
                Token::Start { name: "P", attrs: " class=\"a>b\"", self_closing: false },
                Token::Text("Hi "),
                Token::Start { name: "br", attrs: "/", self_closing: true },
                Token::Text("there"),
                Token::End { name: "p" },
            ]
        );
    }

    #[test]
    fn raw_text_elements() {
        let got = tokens("<script>if (a<b) x = '</p>';</SCRIPT><p>ok");
        assert_eq!(got[1], Token::Text("if (a<b) x = '</p>';"));
        assert_eq!(got[2], Token::End { name: "SCRIPT" });
        assert_eq!(got[4], Token::Text("ok"));
    }

    #[test]
    fn malformed_markup_never_panics() {
        for src in ["<", "<p", "a < b", "</", "</>", "<!--", "<p class='x", "<script>", "\u{e9}<\u{e9}>"] {
            let _ = tokens(src);
        }
        assert_eq!(tokens("a < b"), vec![Token::Text("a "), Token::Text("< b")]);
    }

    #[test]
    fn attribute_pairs() {
        let got: Vec<_> = attributes(" property='og:title' content=\"A &amp; B\" hidden data-x=1 /").collect();
        assert_eq!(got, vec![("property", "og:title"), ("content", "A &amp; B"), ("hidden", ""), ("data-x", "1")]);
    }
}
