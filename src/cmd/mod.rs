//! One module per subcommand: glue between parsed arguments and the library.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod serve;
