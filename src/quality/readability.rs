//! Readability: Flesch-Kincaid grade, Flesch reading ease and SMOG grade of a page's body
//! text (and of an exercise's or ladder's text), and the `readability` rule that names a
//! hard text's hardest sentences.
//!
//! Syllables come from [`super::syllables`]. On the sample texts in
//! `tests/fixtures/readability/` the grades stay within one grade of textstat with the
//! CMU Pronouncing Dictionary; see the README there.
//!
//! SMOG (McLaughlin 1969) is defined on a sample of 30 sentences. Shorter texts are
//! scaled to 30 sentences, as textstat does: `1.0430 * sqrt(polysyllables * 30 /
//! sentences) + 3.1291`, so a 10-sentence page with 4 words of three or more syllables
//! counts as 12 in 30 sentences. Texts under [`MIN_WORDS`] words are not measured at all.
//!
//! The `readability` rule that uses these measures is in `rule`.

mod rule;

pub(crate) use rule::{Measured, check_page, check_page_spanish, check_yaml_text_in};
pub use rule::{exercise_text, exercise_words_text, ladder_text, ladder_words_text};

use super::syllables::syllables;

/// The counts and scores of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Words.
    pub words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Syllables.
    pub syllables: usize,
    /// Flesch-Kincaid grade: roughly the US school grade (years of school) a reader needs.
    pub grade: f64,
    /// Flesch reading ease: 100 is very easy, 60-70 plain English, below 30 very hard.
    pub ease: f64,
    /// Words of three or more syllables.
    pub polysyllables: usize,
    /// SMOG grade, scaled to 30 sentences (see the module's documentation).
    pub smog: f64,
}

impl Scores {
    /// Scores from counts; `None` when there are no words or sentences.
    pub fn from_counts(
        words: usize,
        sentences: usize,
        syllables: usize,
        polysyllables: usize,
    ) -> Option<Scores> {
        if words == 0 || sentences == 0 {
            return None;
        }
        let wps = words as f64 / sentences as f64;
        let spw = syllables as f64 / words as f64;
        Some(Scores {
            words,
            sentences,
            syllables,
            grade: 0.39 * wps + 11.8 * spw - 15.59,
            ease: 206.835 - 1.015 * wps - 84.6 * spw,
            polysyllables,
            smog: smog(polysyllables, sentences),
        })
    }
}

/// McLaughlin's SMOG grade from a count of words of three or more syllables in
/// `sentences` sentences, scaled to the formula's 30 sentences.
pub fn smog(polysyllables: usize, sentences: usize) -> f64 {
    let per_30 = polysyllables as f64 * 30.0 / sentences.max(1) as f64;
    1.0430 * per_30.sqrt() + 3.1291
}

/// Scores a text; `None` when it has no words.
pub fn score(text: &str) -> Option<Scores> {
    let sentences = sentences(text);
    let (words, syllables, poly) =
        sentences
            .iter()
            .flat_map(|s| words(s))
            .fold((0, 0, 0), |(w, s, p), word| {
                let n = syllables(word);
                (w + 1, s + n, p + usize::from(n >= 3))
            });
    Scores::from_counts(words, sentences.len(), syllables, poly)
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "vs", "approx", "dr", "mr", "mrs", "ms", "prof", "fig", "cf",
];

/// Splits text into sentences: at `.`, `!` or `?` followed by a space or the end (but
/// not after abbreviations such as "e.g."), and at every line break, because the
/// rendered text puts each paragraph, list item and heading on its own line. Sentences
/// without a word are dropped.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut start = 0;
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            k += 1;
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            // The sentence ends after a run of closing marks: `...`, `?!`, `."`, `.)`.
            while k < chars.len()
                && matches!(chars[k].1, '.' | '!' | '?' | '"' | '\'' | '’' | '”' | ')')
            {
                k += 1;
            }
            let end = chars.get(k).map_or(line.len(), |x| x.0);
            let at_space = chars.get(k).is_none_or(|x| x.1.is_whitespace());
            if !at_space || (c == '.' && is_abbreviation(&line[start..i])) {
                continue;
            }
            push_sentence(&mut out, &line[start..end]);
            start = end;
        }
        push_sentence(&mut out, &line[start..]);
    }
    out
}

fn push_sentence<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if words(s).next().is_some() {
        out.push(s);
    }
}

/// Whether the text before a full stop ends with an abbreviation ("e.g", "Dr").
fn is_abbreviation(before: &str) -> bool {
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    ABBREVIATIONS.contains(&last.as_str())
}

/// The words of a text: runs between spaces that hold a letter or digit, with the
/// punctuation around them removed. "cord-like" and "don't" are one word each.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '/'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// A sentence of a page and its own Flesch-Kincaid grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Hard {
    /// The sentence.
    pub text: String,
    /// Its grade on its own.
    pub grade: f64,
}

/// The `n` hardest sentences of a text (of at least five words, when there are any),
/// hardest first.
pub fn hardest(text: &str, n: usize) -> Vec<Hard> {
    let scored: Vec<(Hard, usize)> = sentences(text)
        .into_iter()
        .filter_map(|s| {
            score(s).map(|sc| {
                (
                    Hard {
                        text: s.to_string(),
                        grade: sc.grade,
                    },
                    sc.words,
                )
            })
        })
        .collect();
    let long = scored.iter().any(|(_, w)| *w >= 5);
    let mut list: Vec<Hard> = scored
        .into_iter()
        .filter(|(_, w)| !long || *w >= 5)
        .map(|(h, _)| h)
        .collect();
    list.sort_by(|a, b| b.grade.total_cmp(&a.grade));
    list.truncate(n);
    list
}

/// Finds the line of `sentence` in a page's Markdown body, by its first words, ignoring
/// Markdown marks and link addresses.
pub fn line_in_body(body: &str, body_line: usize, sentence: &str) -> Option<usize> {
    let want: Vec<String> = tokens(sentence)
        .into_iter()
        .map(|(t, _)| t)
        .take(5)
        .collect();
    if want.is_empty() {
        return None;
    }
    let have = tokens(&strip_link_addresses(body));
    have.windows(want.len())
        .find(|win| win.iter().zip(&want).all(|((t, _), w)| t == w))
        .map(|win| body_line + win[0].1)
}

/// Lowercase letter-and-digit runs with their 0-based line; apostrophes are dropped so
/// "don't" is one token.
fn tokens(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut line = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
            continue;
        }
        if matches!(c, '\'' | '’') {
            continue;
        }
        if !cur.is_empty() {
            out.push((std::mem::take(&mut cur), line));
        }
        if c == '\n' {
            line += 1;
        }
    }
    if !cur.is_empty() {
        out.push((cur, line));
    }
    out
}

/// Removes the `(address)` of `[text](address)` links, keeping line breaks.
fn strip_link_addresses(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let close = after.find(')').unwrap_or(after.len());
        out.extend(after[..close].chars().filter(|c| *c == '\n'));
        out.push(' ');
        rest = &after[(close + 1).min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// Pages with fewer words than this are not measured: on a few words the formula says
/// little (a page reading just "Physiotherapy." would score grade 55).
pub const MIN_WORDS: usize = 20;

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::path::Path;

    /// The text of `tests/fixtures/readability/<name>` (the syllable tests read it too).
    pub(in crate::quality) fn fixture(name: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/readability")
            .join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The bar: within one grade of the reference on every sample text.
    #[test]
    fn grades_are_within_one_of_the_reference() {
        let reference: serde_json::Value =
            serde_json::from_str(&fixture("reference.json")).unwrap();
        let texts = reference["texts"].as_array().unwrap();
        assert!(texts.len() >= 6, "keep at least six sample texts");
        for t in texts {
            let name = t["file"].as_str().unwrap();
            let ours = score(&fixture(name)).unwrap();
            let grade = t["flesch_kincaid_grade"].as_f64().unwrap();
            let ease = t["flesch_reading_ease"].as_f64().unwrap();
            assert!(
                (ours.grade - grade).abs() <= 1.0,
                "{name}: grade {:.2}, reference {grade}",
                ours.grade
            );
            let smog = t["smog_index"].as_f64().unwrap();
            assert!(
                (ours.smog - smog).abs() <= 1.0,
                "{name}: SMOG {:.2}, reference {smog}",
                ours.smog
            );
            // One grade is worth about eight points of reading ease.
            assert!(
                (ours.ease - ease).abs() <= 8.0,
                "{name}: ease {:.2}, reference {ease}",
                ours.ease
            );
            assert_eq!(
                ours.words,
                t["words"].as_u64().unwrap() as usize,
                "{name}: words"
            );
        }
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_numbers() {
        let s = sentences(
            "Walk 2.5 km, e.g. to the shops. Stop! Is it sore?\n\
             A list item\n\n\"Quoted.\" Then more.",
        );
        assert_eq!(
            s,
            [
                "Walk 2.5 km, e.g. to the shops.",
                "Stop!",
                "Is it sore?",
                "A list item",
                "\"Quoted.\"",
                "Then more."
            ]
        );
    }

    #[test]
    fn words_ignore_punctuation() {
        let w: Vec<&str> = words("A cord-like part — it's (very) small: 2 cm.").collect();
        assert_eq!(
            w,
            ["A", "cord-like", "part", "it's", "very", "small", "2", "cm"]
        );
    }

    #[test]
    fn scores_follow_the_formulas() {
        let s = Scores::from_counts(100, 5, 150, 10).unwrap();
        assert!((s.smog - (1.0430 * (10.0f64 * 30.0 / 5.0).sqrt() + 3.1291)).abs() < 1e-9);
        assert!((s.grade - (0.39 * 20.0 + 11.8 * 1.5 - 15.59)).abs() < 1e-9);
        assert!((s.ease - (206.835 - 1.015 * 20.0 - 84.6 * 1.5)).abs() < 1e-9);
        assert_eq!(score("  \n "), None);
    }

    #[test]
    fn finds_a_sentence_line_through_markdown() {
        let body = "Intro.\n\nThe **tendon** has [lots of](@/a.md) very\nsmall tears. More.\n";
        assert_eq!(
            line_in_body(body, 10, "The tendon has lots of very small tears."),
            Some(12)
        );
        assert_eq!(line_in_body(body, 10, "Not in the page at all."), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_every_word_has_a_syllable(s in "\\PC*") {
            for w in words(&s) {
                proptest::prop_assert!(syllables(w) >= 1);
            }
            let _ = score(&s);
            let _ = line_in_body(&s, 1, &s);
        }
    }

    #[test]
    fn hardest_sentences_come_first() {
        let text = "I sat down. Osteoarthritis predominantly affects weight-bearing articulations. \
                    The dog ran to the big red ball.";
        let h = hardest(text, 2);
        assert!(h[0].text.starts_with("Osteoarthritis"), "{h:?}");
        assert_eq!(h.len(), 2);
    }
}
