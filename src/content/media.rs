//! What `sinew check` needs to know of a site video file: its size, and whether it is
//! HEVC (H.265), which most browsers other than Safari cannot play. Read once per build
//! for each video an exercise names; the file itself is copied, never parsed.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// How much of each end of the file is searched for the codec's name: an MP4 or MOV
/// file's `moov` box, which names it, is at the start or (when not "fast start") at
/// the end.
const SNIFF: u64 = 1 << 20;

/// What was found out about a video file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VideoFacts {
    /// Its size in bytes.
    pub bytes: u64,
    /// Whether an MP4/MOV sample entry names HEVC (`hvc1` or `hev1`).
    pub hevc: bool,
}

/// Reads `path`'s size and looks for an HEVC sample entry at either end of it.
pub fn probe(path: &Path) -> io::Result<VideoFacts> {
    let mut f = File::open(path)?;
    let bytes = f.metadata()?.len();
    let mut head = Vec::new();
    (&mut f).take(SNIFF).read_to_end(&mut head)?;
    let mut hevc = names_hevc(&head);
    if !hevc && bytes > SNIFF {
        let mut tail = Vec::new();
        f.seek(SeekFrom::Start(bytes.saturating_sub(SNIFF).max(SNIFF)))?;
        f.take(SNIFF).read_to_end(&mut tail)?;
        hevc = names_hevc(&tail);
    }
    Ok(VideoFacts { bytes, hevc })
}

fn names_hevc(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|w| w == b"hvc1" || w == b"hev1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hevc_at_either_end() {
        let dir = tempfile::tempdir().unwrap();
        let h264 = dir.path().join("a.mp4");
        std::fs::write(&h264, b"\0\0\0\x18ftypisom....avc1....").unwrap();
        assert_eq!(
            probe(&h264).unwrap(),
            VideoFacts {
                bytes: 24,
                hevc: false
            }
        );
        let big = dir.path().join("b.mov");
        let mut data = vec![0u8; (SNIFF as usize) * 2 + 10];
        let n = data.len();
        data[n - 8..n - 4].copy_from_slice(b"hvc1");
        std::fs::write(&big, &data).unwrap();
        assert!(probe(&big).unwrap().hevc);
    }
}
