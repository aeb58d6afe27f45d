//! Reading a file's bytes as text, the one way every stage does it (content and
//! `site.yaml`, the site's translation tables, its templates): UTF-8 with or without a
//! byte-order mark, and files saved as UTF-16 or that are not text at all recognised, so
//! that each caller can say in its own words how to save the file again. A leaf module:
//! it imports nothing from the crate.

/// Why a file's bytes are not text sinew reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// Saved as UTF-16 ("Unicode" in Windows Notepad), with a byte-order mark or without.
    Utf16,
    /// Not UTF-8 and holding a NUL byte: a picture, a document, an archive.
    Binary,
    /// Not UTF-8 (another encoding, such as Windows-1252); `line` is the line of the first
    /// byte that is not, counted from 1.
    NotUtf8 {
        /// The line of the first byte that is not UTF-8.
        line: usize,
    },
}

/// The text of a file's `bytes`: UTF-8, without its byte-order mark (Windows Notepad's
/// "UTF-8 with BOM") if it has one.
pub fn decode(bytes: Vec<u8>) -> Result<String, NotText> {
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || looks_like_utf16(&bytes)
    {
        return Err(NotText::Utf16);
    }
    // A byte-order mark is not part of the text.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        if bytes.contains(&0) {
            return NotText::Binary;
        }
        let valid = e.utf8_error().valid_up_to();
        NotText::NotUtf8 {
            line: bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1,
        }
    })
}

/// UTF-16 without a byte-order mark: text whose every other byte is NUL (a quarter of
/// the first 512 bytes or more, in the odd or the even places).
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    // Nearly every file has no NUL at all: one `memchr` says so, where counting them
    // by parity took two passes of a few instructions a byte.
    if head.len() < 4 || memchr::memchr(0, head).is_none() {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| i % 2 == parity && **b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (nul_at(0), nul_at(1));
    (odd * 4 >= half * 3 && even * 8 < half) || (even * 4 >= half * 3 && odd * 8 < half)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_is_read_with_or_without_a_byte_order_mark() {
        assert_eq!(decode(b"caf\xC3\xA9\n".to_vec()), Ok("café\n".to_string()));
        assert_eq!(
            decode(b"\xEF\xBB\xBFtitle: x\n".to_vec()),
            Ok("title: x\n".to_string())
        );
        assert_eq!(decode(Vec::new()), Ok(String::new()));
    }

    #[test]
    fn utf16_is_recognised_with_either_byte_order_mark_or_none() {
        let text = "title: Knee pain\nreviewed: 2026-01-01\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le(text));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(le), Err(NotText::Utf16));
        assert_eq!(decode(be), Err(NotText::Utf16));
        assert_eq!(decode(utf16le(text)), Err(NotText::Utf16));
        assert!(looks_like_utf16(&utf16le(text)));
        assert!(!looks_like_utf16(text.as_bytes()));
        assert!(!looks_like_utf16(&utf16le("a")), "too short to tell");
    }

    #[test]
    fn other_encodings_give_the_line_and_binary_files_are_told_apart() {
        // Windows-1252 "é" on the third line.
        assert_eq!(
            decode(b"one\ntwo\ncaf\xE9\n".to_vec()),
            Err(NotText::NotUtf8 { line: 3 })
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
            Err(NotText::Binary)
        );
        // NUL bytes alone are valid UTF-8: only a file that is not UTF-8 is binary.
        assert_eq!(decode(b"a\0b".to_vec()), Ok("a\0b".to_string()));
    }
}
