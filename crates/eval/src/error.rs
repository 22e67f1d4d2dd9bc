use std::path::PathBuf;

/// Why an evaluation could not run.
#[derive(Debug)]
pub enum EvalError {
    /// Bad command-line arguments.
    Usage(String),
    /// A corpus file could not be read.
    Io { path: PathBuf, source: std::io::Error },
    /// A corpus file is not in the expected format.
    Format { path: PathBuf, reason: String },
    /// The pipeline could not be loaded.
    Load(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Usage(message) => write!(f, "{message}"),
            EvalError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            EvalError::Format { path, reason } => write!(f, "{}: {reason}", path.display()),
            EvalError::Load(reason) => write!(f, "{reason}"),
        }
    }
}

impl std::error::Error for EvalError {}

impl EvalError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        EvalError::Io { path: path.into(), source }
    }
    pub fn format(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        EvalError::Format { path: path.into(), reason: reason.into() }
    }
}
