//! Pictures the site publishes: how heavy they are for a patient's phone, and whether
//! most browsers can show them at all.

use crate::diagnostic::Diagnostic;
use crate::render::{Body, OutFile};
use std::path::Path;

/// The largest picture `check` accepts without a warning: 1 MB. A photo straight from a
/// phone's camera is 3 to 8 MB; 1,600 pixels wide, saved as JPEG, it is a few hundred KB
/// and looks the same on a phone, where patients often pay for their data.
pub const MAX_IMAGE_BYTES: u64 = 1_000_000;

/// Endings of picture files (compared without case: `KNEE.JPG` is one).
const PICTURES: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "tif", "tiff", "heic", "heif", "svg",
];

/// Picture endings only Safari shows: an iPhone's photos (HEIC) and scans (TIFF).
const SAFARI_ONLY: &[&str] = &["heic", "heif", "tif", "tiff"];

/// One warning for every picture file the site copies that is larger than
/// [`MAX_IMAGE_BYTES`], and one for every picture most browsers cannot show, naming the
/// file in the site folder.
pub fn check(root: &Path, files: &[OutFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in files {
        let Body::File(path) = &f.body else {
            continue;
        };
        let ext = f
            .path
            .rsplit_once('.')
            .map(|(_, x)| x.to_ascii_lowercase())
            .unwrap_or_default();
        if !PICTURES.contains(&ext.as_str()) {
            continue;
        }
        let shown = path.strip_prefix(root).unwrap_or(path);
        let shown = shown.to_string_lossy().replace('\\', "/");
        if SAFARI_ONLY.contains(&ext.as_str()) {
            out.push(
                Diagnostic::warning(
                    "image-format",
                    shown.as_str(),
                    format!("the picture `{shown}` is a `.{ext}` file, which only Safari shows"),
                )
                .hint(
                    "save it as JPEG (for a photo) or PNG (for a drawing) and change the \
                     address to the new name; on an iPhone, Settings > Camera > Formats > \
                     Most Compatible takes photos as JPEG",
                ),
            );
        }
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        if meta.len() <= MAX_IMAGE_BYTES {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "image-size",
                shown.as_str(),
                format!(
                    "the picture `{shown}` is {:.1} MB, more than {} MB",
                    meta.len() as f64 / 1e6,
                    MAX_IMAGE_BYTES / 1_000_000
                ),
            )
            .hint(
                "make it smaller: 1,600 pixels wide and saved as JPEG (quality about 80%) looks \
                 the same on a phone and is usually under 300 KB; patients often use mobile \
                 data they pay for",
            ),
        );
    }
    out
}
