//! `sinew check`: see the check issue; being written.

use crate::CheckArgs;
use anyhow::{Result, bail};
use std::process::ExitCode;

pub(crate) fn run(_args: CheckArgs) -> Result<ExitCode> {
    bail!("`sinew check` is not available in this version yet")
}
