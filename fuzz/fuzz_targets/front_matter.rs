//! The front-matter splitter never panics, whatever a page's text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = sinew::content::front_matter::split(&text);
});
