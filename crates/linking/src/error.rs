/// Why a document could not be linked.
#[derive(Debug)]
pub enum LinkError {
    /// An index of the document (event sentence, event place) points
    /// outside its list: the document is not in output form.
    Index { document: String, what: String },
    /// The store behind [`crate::Corpus`] failed to answer.
    Corpus(Box<dyn std::error::Error + Send + Sync>),
    /// Saved linking state could not be read back.
    State(serde_json::Error),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Index { document, what } => {
                write!(f, "document {document}: {what} is out of range")
            }
            LinkError::Corpus(source) => write!(f, "corpus lookup failed: {source}"),
            LinkError::State(source) => write!(f, "cannot read linking state: {source}"),
        }
    }
}

impl std::error::Error for LinkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LinkError::Index { .. } => None,
            LinkError::Corpus(source) => Some(source.as_ref()),
            LinkError::State(source) => Some(source),
        }
    }
}
