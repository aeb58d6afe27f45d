//! sinew: a static site generator for physiotherapy clinics.
//!
//! The pipeline is `content` (load) -> `link` (URL map) -> `markdown` + `render` ->
//! `output` (atomic write) or the dev server's memory (`serve`). [`site::build`] runs it all.

pub mod address;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod link;
pub mod markdown;
pub mod names;
pub mod output;
pub mod planner;
pub mod quality;
pub mod render;
pub mod serve;
pub mod site;
pub mod theme;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use site::{BuildOptions, Built, build};
