//! `sinew serve`: see the serve issue; being written.

use crate::ServeArgs;
use anyhow::{Result, bail};
use std::process::ExitCode;

pub(crate) fn run(_args: ServeArgs) -> Result<ExitCode> {
    bail!("`sinew serve` is not available in this version yet")
}
