//! QR codes for printed handouts, as inline SVG made at build time (no image files, no
//! script, nothing fetched): a patient points a phone at the paper to open the page.
//!
//! The `qrcode` crate does the standard's work: the data's segments and version, the
//! error-correction codewords, the function patterns, placing the bits and each mask with
//! its format information. Only the choice among the eight masks is made here
//! ([`best_mask`]): the crate scores each masked symbol through a boxed closure per
//! module, which was nearly all of a code's cost and a tenth of a whole build's CPU.
//! [`best_mask`] gives each mask the same score by the same rules (its own doc says
//! which, quirks included) over a plain array, so it picks the same mask and every code
//! is the same, bit for bit, as `QrCode::with_error_correction_level` makes;
//! `same_modules_as_the_qrcode_crate` checks that on thousands of addresses.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, QrResult, Version, bits, ec};
use std::fmt::Write;

/// The light border a reader needs around the code, in modules (the standard's minimum).
const QUIET: usize = 4;

/// The masks in the order the `qrcode` crate tries them: of two with the same score,
/// the first is chosen.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// An inline `<svg>` QR code of `text`, sized by CSS (class `qr`), labelled for screen
/// readers with `label`. `None` when the text is too long for a QR code.
pub(crate) fn svg(text: &str, label: &str) -> Option<String> {
    // Medium error correction survives a crease or a coffee ring on the paper.
    let (width, dark) = modules(text.as_bytes(), EcLevel::M).ok()?;
    let size = width + 2 * QUIET;
    let mut d = String::new();
    // One path of horizontal runs of dark modules: far smaller than a square each.
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] {
                let run = row[x..].iter().take_while(|c| **c).count();
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

/// The width of the QR code of `data` and its modules row by row (`true` is dark): what
/// `qrcode::QrCode::with_error_correction_level(data, ec_level)` makes, with the mask
/// chosen by [`best_mask`].
fn modules(data: &[u8], ec_level: EcLevel) -> QrResult<(usize, Vec<bool>)> {
    let bits = bits::encode_auto(data, ec_level)?;
    let version = bits.version();
    let (data, ec_data) = ec::construct_codewords(&bits.into_bytes(), version, ec_level)?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec_data);
    let width = version.width() as usize;
    let dark = match version {
        Version::Normal(_) => best_mask(&canvas, width),
        // Never made here (`encode_auto` picks normal versions only); the crate's own
        // choice keeps this path right if that changes.
        Version::Micro(_) => canvas.apply_best_mask().into_colors(),
    };
    Ok((width, dark.into_iter().map(|c| c == Color::Dark).collect()))
}

/// The modules of `canvas` under the mask with the lowest penalty, scored as the `qrcode`
/// crate (0.14) scores a normal QR code, which is the standard's four rules with two
/// readings of its own: a finder-like pattern costs 40 when either side of it has four
/// light modules (the edge counts as light), and the three finder patterns' own 360 are
/// taken off; the balance rule costs `|dark * 200 / all - 100|`. Sums are `u16`, as
/// there, wrapping as a release build of the crate would.
fn best_mask(canvas: &Canvas, width: usize) -> Vec<Color> {
    let mut best: Option<(u16, Vec<Color>)> = None;
    for pattern in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(pattern);
        let colors = c.into_colors();
        let dark: Vec<bool> = colors.iter().map(|c| *c == Color::Dark).collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, colors));
        }
    }
    best.expect("eight masks").1
}

/// The penalty of a masked symbol, `dark` row by row, `width` modules a side (see
/// [`best_mask`]).
fn penalty(dark: &[bool], width: usize) -> u16 {
    let at = |x: usize, y: usize| dark[y * width + x];
    let rows = |y: usize| (0..width).map(move |x| at(x, y));
    let cols = |x: usize| (0..width).map(move |y| at(x, y));
    let mut runs = 0u16;
    let mut finders = 0u16;
    let mut line = vec![false; width];
    for i in 0..width {
        for (k, v) in rows(i).enumerate() {
            line[k] = v;
        }
        runs = runs.wrapping_add(run_penalty(&line));
        finders = finders.wrapping_add(finder_penalty(&line));
    }
    for i in 0..width {
        for (k, v) in cols(i).enumerate() {
            line[k] = v;
        }
        runs = runs.wrapping_add(run_penalty(&line));
        finders = finders.wrapping_add(finder_penalty(&line));
    }
    let mut blocks = 0u16;
    for y in 0..width - 1 {
        let (top, bottom) = (
            &dark[y * width..][..width],
            &dark[(y + 1) * width..][..width],
        );
        for x in 0..width - 1 {
            let v = top[x];
            if top[x + 1] == v && bottom[x] == v && bottom[x + 1] == v {
                blocks = blocks.wrapping_add(3);
            }
        }
    }
    let all = dark.len();
    let ratio = dark.iter().filter(|d| **d).count() * 200 / all;
    let balance = ratio.abs_diff(100) as u16;
    runs.wrapping_add(blocks)
        .wrapping_add(finders.wrapping_sub(2 * 360))
        .wrapping_add(balance)
}

/// Rule 1 over one row or column: each run of five or more modules of one colour costs
/// its length less two.
fn run_penalty(line: &[bool]) -> u16 {
    let mut score = 0u16;
    let mut start = 0;
    for k in 1..=line.len() {
        if k == line.len() || line[k] != line[start] {
            let len = (k - start) as u16;
            if len >= 5 {
                score = score.wrapping_add(len - 2);
            }
            start = k;
        }
    }
    score
}

/// Rule 3 over one row or column, before the finder patterns' own are taken off: each
/// dark-light-dark-dark-dark-light-dark costs 40 unless both sides have a dark module
/// within four.
fn finder_penalty(line: &[bool]) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let n = line.len();
    let mut score = 0u16;
    for j in 0..n.saturating_sub(6) {
        if line[j..j + 7] != PATTERN {
            continue;
        }
        let before = line[j.saturating_sub(4)..j].iter().any(|d| *d);
        let after = line[j + 7..(j + 11).min(n)].iter().any(|d| *d);
        if !before || !after {
            score = score.wrapping_add(40);
        }
    }
    score
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

    /// Addresses of every length a QR code holds at level M, in the shapes sinew prints
    /// (page, exercise and video addresses, with digits, capitals and `%`-escapes, which
    /// change the data's segments), from a fixed seed.
    fn addresses() -> Vec<String> {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let pieces = [
            "knee-pain",
            "0123456789",
            "VIDEO",
            "%C3%A9",
            "exercises",
            "lunge",
            "-",
            "/",
            "42",
            "ABC123",
            "es",
            "planner",
            "?v=",
            "x",
        ];
        let mut all = vec![
            "https://clinic.example/exercises/lunge/".to_string(),
            "https://example.org/videos/big-activity-255".to_string(),
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ".to_string(),
            "HTTPS://CLINIC.EXAMPLE/0123456789".to_string(),
        ];
        for n in 0..600 {
            let mut s = String::from("https://clinic.example/");
            // Mostly address-sized, some long enough for the largest versions.
            let len = if n % 10 == 0 {
                next() % 2300
            } else {
                next() % 200
            } as usize;
            while s.len() < len {
                s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            all.push(s);
        }
        all
    }

    #[test]
    fn same_modules_as_the_qrcode_crate() {
        let mut compared = 0;
        for a in addresses() {
            let ours = modules(a.as_bytes(), EcLevel::M);
            let theirs = qrcode::QrCode::with_error_correction_level(a.as_bytes(), EcLevel::M);
            match (ours, theirs) {
                (Ok((width, dark)), Ok(code)) => {
                    assert_eq!(width, code.width(), "{a}");
                    let want: Vec<bool> =
                        code.to_colors().iter().map(|c| *c == Color::Dark).collect();
                    assert!(dark == want, "a different mask for {a}");
                    compared += 1;
                }
                (Err(_), Err(_)) => {}
                (ours, theirs) => panic!("{a}: {:?} against {:?}", ours.err(), theirs.err()),
            }
        }
        assert!(compared > 590, "{compared} codes compared");
    }

    /// The SVG's path drawn back into a bitmap, `scale` pixels a module.
    fn draw(svg: &str, scale: usize) -> (usize, Vec<bool>) {
        let size: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let px = size * scale;
        let mut img = vec![false; px * px];
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (len, _) = rest.split_once('v').unwrap();
            let (x, y, len): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), len.parse().unwrap());
            for py in y * scale..(y + 1) * scale {
                for px_ in x * scale..(x + len) * scale {
                    img[py * px + px_] = true;
                }
            }
        }
        (px, img)
    }

    #[test]
    fn a_reader_decodes_the_address() {
        for a in [
            "https://clinic.example/exercises/lunge/",
            "https://clinic.example/es/planner/knee-replacement-rehab/",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://clinic.example/conditions/knee/patellofemoral-pain-syndrome/long-term/0123456789/",
        ] {
            let s = svg(a, "label").unwrap();
            let (px, img) = draw(&s, 4);
            let mut prepared =
                rqrr::PreparedImage::prepare_from_bitmap(px, px, |x, y| img[y * px + x]);
            let grids = prepared.detect_grids();
            assert_eq!(grids.len(), 1, "{a}");
            let (meta, text) = grids[0].decode().unwrap();
            assert_eq!(text, a);
            assert_eq!(meta.ecc_level, 0, "level M is 0 in the format bits: {a}");
        }
    }
}
