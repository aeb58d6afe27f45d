//! Site videos: captions (WCAG 2.2, 1.2.2), size, and formats most browsers cannot play.
//! Videos on YouTube, Vimeo or other hosts cannot be checked offline.

use crate::content::Content;
use crate::content::media::VideoFacts;
use crate::diagnostic::Diagnostic;
use crate::link::SiteVideo;

/// The largest site video `check` accepts without a warning: 20 MB, about two minutes
/// of 720p video. Patients watch on phones, often on mobile data they pay for.
pub const MAX_VIDEO_BYTES: u64 = 20_000_000;

/// Endings of video files that Chrome, Firefox or Edge (or all three) cannot play.
const UNPLAYABLE: &[&str] = &[
    "mov", "qt", "mkv", "avi", "wmv", "flv", "3gp", "hevc", "h265", "mts", "m2ts",
];

/// The findings for every site video an exercise names.
pub fn check(c: &Content, videos: &[(SiteVideo, Option<VideoFacts>)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (v, facts) in videos {
        let Some(e) = c.exercises.get(&v.exercise) else {
            continue;
        };
        let line = crate::yaml::key_line(&e.text, 1, "video");
        let written = e.data.video.as_deref().unwrap_or(&v.path);
        let name = &e.data.name;
        if e.data.captions.is_none() {
            out.push(
                Diagnostic::warning(
                    "video-captions",
                    &e.file,
                    format!("the video of \"{name}\" has no captions"),
                )
                .at_line(line)
                .hint(
                    "add `captions:` with a WebVTT file (`.vtt`) of what is said in the video, \
                     for people who cannot hear it or watch with the sound off (WCAG 2.2, 1.2.2)",
                ),
            );
        }
        if let Some(f) = facts.filter(|f| f.bytes > MAX_VIDEO_BYTES) {
            out.push(
                Diagnostic::warning(
                    "video-size",
                    &e.file,
                    format!(
                        "the video `{written}` is {:.1} MB, more than {} MB",
                        f.bytes as f64 / 1e6,
                        MAX_VIDEO_BYTES / 1_000_000
                    ),
                )
                .at_line(line)
                .hint(
                    "make it shorter or smaller (720p is plenty on a phone), or put it on \
                     YouTube or Vimeo: patients often watch on mobile data they pay for",
                ),
            );
        }
        let ext = v
            .path
            .rsplit_once('.')
            .map(|(_, x)| x.to_ascii_lowercase())
            .unwrap_or_default();
        let hevc = facts.is_some_and(|f| f.hevc);
        if UNPLAYABLE.contains(&ext.as_str()) || hevc {
            let what = if hevc {
                "is HEVC (H.265) video".to_string()
            } else {
                format!("is a `.{ext}` file")
            };
            out.push(
                Diagnostic::warning(
                    "video-format",
                    &e.file,
                    format!("the video `{written}` {what}, which most browsers cannot play"),
                )
                .at_line(line)
                .hint(
                    "convert it to MP4 with H.264 video and AAC sound (an iPhone does this when \
                     \"Settings > Camera > Formats\" is \"Most Compatible\"; HandBrake's \"Fast \
                     1080p30\" preset does it on a computer)",
                ),
            );
        }
    }
    out
}
