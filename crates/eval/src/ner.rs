//! SKELETON: `newsgraph eval ner`, written by the owner of this stage.

use crate::EvalError;

pub fn run(_args: &[String]) -> Result<(), EvalError> {
    Err(EvalError::Usage("eval ner is not built yet".into()))
}
