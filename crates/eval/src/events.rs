//! SKELETON: `newsgraph eval events`, written by the owner of this stage.

use crate::EvalError;

pub fn run(_args: &[String]) -> Result<(), EvalError> {
    Err(EvalError::Usage("eval events is not built yet".into()))
}
