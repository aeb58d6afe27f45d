//! One module per subcommand: glue between parsed arguments and the library.

// First: its printing macros are used by the modules below it.
#[macro_use]
pub(crate) mod say;

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod serve;
