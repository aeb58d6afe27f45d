//! QR codes for printed handouts, as inline SVG made at build time (no image files, no
//! script, nothing fetched): a patient points a phone at the paper to open the page.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// The light border a reader needs around the code, in modules (the standard's minimum).
const QUIET: usize = 4;

/// An inline `<svg>` QR code of `text`, sized by CSS (class `qr`), labelled for screen
/// readers with `label`. `None` when the text is too long for a QR code.
pub(crate) fn svg(text: &str, label: &str) -> Option<String> {
    // Medium error correction survives a crease or a coffee ring on the paper.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut d = String::new();
    // One path of horizontal runs of dark modules: far smaller than a square each.
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
                let _ = write!(d, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
                x += run;
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{d}\"/></svg>",
        escape(label)
    ))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_svg_sized_by_css() {
        let s = svg("https://clinic.example/exercises/lunge/", "QR code \"x\"").unwrap();
        assert!(
            s.starts_with(
                "<svg class=\"qr\" role=\"img\" aria-label=\"QR code &quot;x&quot;\" viewBox=\"0 0 37 37\""
            ),
            "{s}"
        );
        assert!(s.ends_with("z\"/></svg>"), "{s}");
        assert!(s.len() < 4000, "{} bytes", s.len());
        assert_eq!(svg(&"x".repeat(3000), "too long"), None);
    }
}
