//! Checks of each exercise that need no other source: empty steps and cautions, lists
//! within `limits::LIST_ITEMS`, its dose and review interval within the limits, a dose that gives no reps, and the
//! syntax of its `image`, `video`, `poster` and `captions`.

use super::{blank_items, review_months};
use crate::address::check_url;
use crate::content::Content;
use crate::content::ladder::LIMITS;
use crate::diagnostic::Diagnostic;
use crate::yaml;

/// Every exercise's own problems, in the exercises' order.
pub(super) fn exercises(c: &Content, out: &mut Vec<Diagnostic>) {
    for e in c.exercises.values() {
        // The parser's positions are read only when a problem needs a line.
        let spans = std::cell::OnceCell::new();
        let line = |path: &str| spans.get_or_init(|| yaml::Spans::of(&e.text)).line(path);
        if e.data.steps.is_empty() {
            out.push(
                Diagnostic::error("exercise", &e.file, "`steps` is empty")
                    .at_line(line("steps"))
                    .hint("list at least one instruction, each on its own line starting with `- `"),
            );
        }
        blank_items(
            "exercise",
            &e.file,
            [("steps", &e.data.steps), ("cautions", &e.data.cautions)],
            str::to_string,
            line,
            out,
        );
        let d = &e.data;
        crate::limits::check_lists(
            &e.file,
            [
                ("steps", d.steps.len()),
                ("cautions", d.cautions.len()),
                ("body_regions", d.body_regions.len()),
                ("equipment", d.equipment.len()),
                ("search_terms", d.search_terms.len()),
                ("sources", d.sources.len()),
            ],
            str::to_string,
            line,
            "keep each list to the few items a patient needs, and split a long exercise into two",
            out,
        );
        out.extend(video_fields(e));
        // An exercise's dose keeps the ladder limits: it is shown beside ladders and
        // would otherwise be the one unchecked number on a page.
        out.extend(review_months(&e.file, &e.text, e.data.review_every_months));
        let dose = &e.data.dose;
        for (field, value, bounds, unit) in [
            ("sets", dose.sets, LIMITS.sets, " sets"),
            ("reps", dose.reps, LIMITS.reps, " reps"),
            (
                "hold_seconds",
                dose.hold_seconds,
                LIMITS.hold_seconds,
                " seconds",
            ),
            (
                "times_per_day",
                dose.times_per_day,
                LIMITS.times_per_day,
                " sessions a day",
            ),
        ] {
            // The field's own line, or `dose:`'s when the parser has none for it: read
            // only for a number out of range (the parser's positions cost more than the
            // rest of the check).
            if let Some(v) = value
                && !bounds.contains(v)
            {
                let at = line(&format!("dose.{field}")).or_else(|| line("dose"));
                if let Err(d) = crate::limits::check_u32(
                    &e.file,
                    at,
                    &format!("dose: {field}"),
                    v,
                    bounds,
                    unit,
                ) {
                    out.push(d);
                }
            }
        }
        out.extend(dose_without_reps(e, &line));
        if let Some(img) = &e.data.image
            && let Err(m) = check_url(img)
        {
            out.push(
                Diagnostic::error("unsafe-url", &e.file, format!("`image`: {m}"))
                    .at_line(line("image"))
                    .hint("use a path to a picture under `static/`, such as `images/squat.png`"),
            );
        }
    }
}

/// A dose that says how many sets, or how many times a day, but not how much is in each
/// set (no `reps`, no hold): the page would tell a patient "2 sets, twice a day" and
/// leave them to guess the number, often the very number the exercise must not go past.
/// An error rather than a warning: a health page must not publish a dose with its
/// main number missing (a blank `reps:` is missing too).
fn dose_without_reps(
    e: &crate::content::Exercise,
    line: &dyn Fn(&str) -> Option<usize>,
) -> Option<Diagnostic> {
    let d = &e.data.dose;
    let each_set = d.reps.is_some() || d.hold_seconds.is_some_and(|h| h > 0);
    if each_set || (d.sets.is_none() && d.times_per_day.is_none()) {
        return None;
    }
    let said = match (d.sets, d.times_per_day) {
        (Some(s), _) => format!("how many sets ({s})"),
        (None, _) => "how many times a day".to_string(),
    };
    Some(
        Diagnostic::error(
            "exercise",
            &e.file,
            format!("the dose says {said} but not how many reps (repetitions) to do"),
        )
        .at_line(line("dose.reps").or_else(|| line("dose")))
        .hint(
            "add a line `reps: 10` (with your number) under `dose:`, or `hold_seconds:` for \
             an exercise that is a hold; or remove the whole `dose:` block to let the \
             exercise plan give the dose",
        ),
    )
}

/// The `https://` address in the `src` of an embed code pasted as a `video:`
/// (`<iframe src="https://player.vimeo.com/video/1?h=2" ...>`), if there is one.
fn embed_code_address(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    if !lower.contains("<iframe") {
        return None;
    }
    let at = lower.find("src=")? + 4;
    let rest = &value[at..];
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let end = rest.find(['"', '\'', ' ', '>']).unwrap_or(rest.len());
    let src = &rest[..end];
    src.to_ascii_lowercase()
        .starts_with("https://")
        .then_some(src)
}

/// The syntax of an exercise's `video`, `poster` and `captions` (whether the files exist
/// is `link`'s check): a video is a web address or a file of the site; its poster and
/// captions are files of the site only, since anything else would be a request to
/// another host before the patient asks for the video.
fn video_fields(e: &crate::content::Exercise) -> Vec<Diagnostic> {
    use crate::address::{VideoAddress, classify_video};
    let mut out = Vec::new();
    let line = |key: &str| yaml::line_of(&e.text, 1, key);
    let d = &e.data;
    if let Some(v) = &d.video {
        if let Err(m) = check_url(v) {
            // YouTube's and Vimeo's "Share > Embed" give a whole `<iframe src="...">`: the
            // address inside it is what the field takes.
            let hint = match embed_code_address(v) {
                Some(src) => format!(
                    "this is the video's embed code, not its address: write only the address \
                     inside it, `video: {src}`"
                ),
                None => "use the video's web address starting with https://, or a video file such as `/videos/grip.mp4`".to_string(),
            };
            out.push(
                Diagnostic::error("unsafe-url", &e.file, format!("`video`: {m}"))
                    .at_line(line("video"))
                    .hint(hint),
            );
        } else if is_mail_or_phone(v) {
            out.push(
                Diagnostic::error(
                    "exercise",
                    &e.file,
                    format!("`video: {v}` is not a web address or a video file"),
                )
                .at_line(line("video"))
                .hint("use the full address of the video starting with https://, or a video file such as `/videos/grip.mp4` in `static/`"),
            );
        }
    }
    let site_video = d
        .video
        .as_deref()
        .is_some_and(|v| classify_video(v) == VideoAddress::SiteFile);
    for (field, value) in [("poster", &d.poster), ("captions", &d.captions)] {
        let Some(v) = value else { continue };
        let problem = if d.video.is_none() {
            Some((
                format!("`{field}` is set but the exercise has no `video`"),
                format!("add `video:` or remove the `{field}` line"),
            ))
        } else if let Err(m) = check_url(v) {
            Some((
                format!("`{field}`: {m}"),
                format!(
                    "use a file of the site, such as `/videos/{}`",
                    example(field)
                ),
            ))
        } else if v.contains("://") || is_mail_or_phone(v) || v.starts_with("//") {
            Some((
                format!("`{field}: {v}` is not a file of the site"),
                format!(
                    "put the file in `static/` (for example `static/videos/{0}`) and write `{field}: /videos/{0}`: a file on another website would be fetched before the patient asks for the video",
                    example(field)
                ),
            ))
        } else if field == "captions" && !site_video {
            Some((
                "`captions` only works with a video file of the site".to_string(),
                "remove the `captions` line: videos on YouTube or Vimeo keep their captions there"
                    .to_string(),
            ))
        } else {
            None
        };
        if let Some((msg, hint)) = problem {
            out.push(
                Diagnostic::error("exercise", &e.file, msg)
                    .at_line(line(field))
                    .hint(hint),
            );
        }
    }
    out
}

fn example(field: &str) -> &'static str {
    if field == "poster" {
        "grip.jpg"
    } else {
        "grip.vtt"
    }
}

fn is_mail_or_phone(v: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    l.starts_with("mailto:") || l.starts_with("tel:")
}
