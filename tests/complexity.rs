//! How the work of a build grows with what a page holds (issue 14): measured in bytes
//! allocated, which a test can count exactly, never in seconds. A build whose work grows
//! with the square of a page's shortcodes (each one copying the whole page, as 10,000
//! shortcodes in 12 seconds once did) fails here whatever the machine's speed; the time
//! itself is for benchmarks.
//!
//! This binary holds one test, so the count is that build's alone.

mod common;

use common::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

/// The system allocator, counting the bytes it is asked for.
struct Counting;

static ALLOCATED: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: the caller keeps `GlobalAlloc::alloc`'s contract, passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes allocated by building the `basic` site with one more page holding `n`
/// shortcodes, each in a paragraph of its own after a line of text.
fn bytes_to_build_with_shortcodes(n: usize) -> u64 {
    let d = site_copy("basic");
    let site = d.path().join("site");
    let body: String = (0..n)
        .map(|i| format!("Step {i}.\n\n{{{{ exercise(id=\"squat\") }}}}\n\n"))
        .collect();
    std::fs::write(
        site.join("content/many.md"),
        format!("---\ntitle: Many exercises\n---\n\n{body}"),
    )
    .unwrap();
    let opts = sinew::BuildOptions {
        root: site,
        ..sinew::BuildOptions::default()
    };
    let before = ALLOCATED.load(Ordering::Relaxed);
    let built = sinew::build(&opts).expect("the site builds");
    let after = ALLOCATED.load(Ordering::Relaxed);
    let page = built
        .files
        .iter()
        .find(|f| f.path == "many/index.html")
        .expect("the page is built");
    let sinew::render::Body::Bytes(html) = &page.body else {
        panic!("the page is generated")
    };
    let html = String::from_utf8_lossy(html);
    assert_eq!(
        html.matches("exercise-card").count(),
        n,
        "every shortcode is shown"
    );
    assert!(!html.contains("sinewshortcode"), "no placeholder is left");
    after - before
}

#[test]
fn the_work_of_a_page_grows_in_step_with_its_shortcodes_not_with_their_square() {
    let [a, b, c] = [1_000, 2_000, 4_000].map(bytes_to_build_with_shortcodes);
    // What the second thousand shortcodes cost, and the next two thousand: twice as
    // much when the work grows in step with them (four times with their square).
    let (first, second) = ((b - a) as f64, (c - b) as f64);
    assert!(
        second < 2.5 * first,
        "2,000 more shortcodes cost {:.1} times what 1,000 more did ({a}, {b}, {c} bytes): \
         the work grows faster than the page",
        second / first
    );
}
