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
    let mut d = String::with_capacity(width * width * 4);
    // One path of horizontal runs of dark modules: far smaller than a square each.
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] {
                let run = row[x..].iter().take_while(|c| **c).count();
                // `M{x} {y}h{run}v1h-{run}z`, without `write!`'s formatting machinery,
                // which was a quarter of a code's cost.
                d.push('M');
                push_number(&mut d, x + QUIET);
                d.push(' ');
                push_number(&mut d, y + QUIET);
                d.push('h');
                push_number(&mut d, run);
                d.push_str("v1h-");
                push_number(&mut d, run);
                d.push('z');
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

/// Appends `n` in decimal, as `write!(out, "{n}")` would.
fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in &digits[at..] {
        out.push(char::from(*d));
    }
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
        let score = if width <= 64 {
            penalty_in_words(&dark, width)
        } else {
            penalty(&dark, width)
        };
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
    let cols = |x: usize| (0..width).map(move |y| at(x, y));
    let mut runs = 0u16;
    let mut finders = 0u16;
    let mut line = vec![false; width];
    for row in dark.chunks_exact(width) {
        runs = runs.wrapping_add(run_penalty(row));
        finders = finders.wrapping_add(finder_penalty(row));
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

/// [`penalty`], the same score, for a symbol at most 64 modules a side (versions 1 to
/// 11: every address up to about 250 characters), with each row and column read as the
/// bits of one word (dark is 1, module `k` is bit `k`) so that each rule looks at 64
/// modules at a time. The wrapping `u16` sums are the same in any order.
fn penalty_in_words(dark: &[bool], width: usize) -> u16 {
    debug_assert!((12..=64).contains(&width));
    let all = if width == 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    };
    let mut rows = vec![0u64; width];
    let mut cols = vec![0u64; width];
    for (y, row) in dark.chunks_exact(width).enumerate() {
        for (x, d) in row.iter().enumerate() {
            if *d {
                rows[y] |= 1 << x;
                cols[x] |= 1 << y;
            }
        }
    }
    let mut score = 0u16;
    for line in rows.iter().chain(&cols) {
        score = score
            .wrapping_add(run_penalty_word(*line, all))
            .wrapping_add(run_penalty_word(!line & all, all))
            .wrapping_add(finder_penalty_word(*line, width));
    }
    // Rule 2: a 2x2 block of one colour, at each top-left corner.
    for pair in rows.windows(2) {
        let (top, bottom) = (pair[0], pair[1]);
        let same_below = !(top ^ bottom);
        let same_right = !(top ^ (top >> 1));
        let blocks = same_below & (same_below >> 1) & same_right & (all >> 1);
        score = score.wrapping_add(3 * blocks.count_ones() as u16);
    }
    score = score.wrapping_sub(2 * 360);
    let dark_modules: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark_modules * 200 / dark.len();
    score.wrapping_add(ratio.abs_diff(100) as u16)
}

/// Rule 1 over the modules set in `set` (one colour of a row or column, within `all`):
/// a run of `len` >= 5 costs `len - 2`, which is its `len - 4` places where five in a
/// row start, plus 2.
fn run_penalty_word(set: u64, all: u64) -> u16 {
    let five = set & (set >> 1) & (set >> 2) & (set >> 3) & (set >> 4) & all;
    let runs = five & !(five << 1);
    (five.count_ones() + 2 * runs.count_ones()) as u16
}

/// Rule 3 over a row or column (dark is 1): [`finder_penalty`].
fn finder_penalty_word(line: u64, width: usize) -> u16 {
    // 1011101 from module j on: bit j set, j+1 clear, j+2 to j+4 set, j+5 clear, j+6 set.
    let found = line
        & !(line >> 1)
        & (line >> 2)
        & (line >> 3)
        & (line >> 4)
        & !(line >> 5)
        & (line >> 6)
        & ((1u64 << (width - 6)) - 1);
    let mut score = 0u16;
    let mut rest = found;
    while rest != 0 {
        let j = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        let before = line & ((1u64 << j) - 1) & !((1u64 << j.saturating_sub(4)) - 1);
        let end = (j + 11).min(width);
        // `checked_shr`: at 64 modules a pattern can end at the last bit.
        let after = line.checked_shr((j + 7) as u32).unwrap_or(0) & ((1u64 << (end - (j + 7))) - 1);
        if before == 0 || after == 0 {
            score = score.wrapping_add(40);
        }
    }
    score
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
    // The last seven modules read as bits (dark is 1), one shift a module: the pattern
    // is found where they read 1011101, without comparing seven modules at each place.
    const PATTERN: u8 = 0b101_1101;
    let n = line.len();
    let mut score = 0u16;
    let mut window = 0u8;
    for (k, dark) in line.iter().enumerate() {
        window = ((window << 1) | u8::from(*dark)) & 0x7f;
        if k < 6 || window != PATTERN {
            continue;
        }
        let j = k - 6;
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
    fn the_penalty_in_words_is_the_penalty() {
        // Symbols of every width a word holds, with runs, blocks and finder-like
        // patterns at the edges and inside (a fixed pseudo-random sequence).
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for width in 12..=64 {
            for round in 0..20 {
                let dark: Vec<bool> = (0..width * width)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        match round % 4 {
                            0 => seed.is_multiple_of(2),
                            1 => !seed.is_multiple_of(5),
                            2 => [true, false, true, true, true, false, true, false][i % 8],
                            _ => (i / width + i % width) % 7 < 3 || seed.is_multiple_of(9),
                        }
                    })
                    .collect();
                assert_eq!(
                    penalty_in_words(&dark, width),
                    penalty(&dark, width),
                    "width {width}, round {round}"
                );
            }
        }
    }

    #[test]
    fn numbers_as_format_writes_them() {
        for n in (0..2000).chain([usize::MAX]) {
            let mut s = String::from("x");
            push_number(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

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
