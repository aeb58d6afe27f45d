//! sinew: a static site generator for physiotherapy clinics.
//!
//! The pipeline is `content` (load) -> `link` (URL map, address checks) -> `markdown` +
//! `render` -> `output` (atomic write) or the dev server's memory (`serve`, through a
//! [`site::Session`]). [`site::build`] runs it all. The layers, lowest first, are listed
//! in ARCHITECTURE.md; no module imports one above it.

pub mod address;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod fsutil;
pub mod i18n;
pub mod limits;
pub mod link;
pub mod markdown;
pub mod names;
pub mod output;
pub mod planner;
pub mod quality;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod spill;
pub mod svg;
pub mod text;
pub mod theme;
pub mod yaml;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use site::{BuildOptions, Built, build};
