//! SKELETON: `newsgraph eval quotes`, written by the owner of this stage.

use crate::EvalError;

pub fn run(_args: &[String]) -> Result<(), EvalError> {
    Err(EvalError::Usage("eval quotes is not built yet".into()))
}
