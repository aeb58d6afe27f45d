//! Readability of Spanish text: the Szigriszt-Pazos perspicuity formula, read on the
//! INFLESZ scale, with a Spanish syllable count.
//!
//! - Szigriszt Pazos, F. (1993). *Sistemas predictivos de legibilidad del mensaje
//!   escrito: fórmula de perspicuidad*. Doctoral thesis, Universidad Complutense de
//!   Madrid: `P = 206.835 - 62.3 × syllables/words - words/sentences`.
//! - Barrio-Cantalejo, I. M., Simón-Lorda, P., Melguizo, M., Escalona, I., Marijuán, M.
//!   I., & Hernando, P. (2008). Validación de la Escala INFLESZ para evaluar la
//!   legibilidad de los textos dirigidos a pacientes. *Anales del Sistema Sanitario de
//!   Navarra*, 31(2), 135-152: below 40 very hard, 40-55 somewhat hard, 55-65 normal,
//!   65-80 fairly easy, 80 and above very easy. Text for patients should be "normal" or
//!   easier, so the rule asks for 55 or more.
//!
//! (The widely copied Fernández-Huerta formula is not used: its published coefficients
//! carry a known error.)

use crate::quality::readability::{sentences, words};

/// The lowest perspicuity the rule accepts: the start of INFLESZ's "normal".
pub const MIN_PERSPICUITY: f64 = 55.0;

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü'
    )
}

/// A vowel that does not join a neighbour into one syllable: a, e, o, and a stressed
/// í or ú (which break a diphthong: "dí-a", "ba-úl").
fn is_strong(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'í' | 'ú')
}

/// The syllables of a Spanish word: one per vowel nucleus, where two vowels side by
/// side share a syllable (a diphthong: "cie-lo", "cui-da") unless both are strong (a
/// hiatus: "le-er", "dí-a"). A final `y` after a vowel belongs to its syllable ("muy",
/// "hoy"); alone it is a vowel ("y"). Digits count as one syllable.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    if w.iter().all(|c| c.is_ascii_digit()) {
        return 1;
    }
    let mut count = 0;
    let mut prev: Option<char> = None;
    for &c in &w {
        if is_vowel(c) {
            match prev {
                Some(p) if is_strong(p) && is_strong(c) => count += 1,
                Some(_) => {}
                None => count += 1,
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    if count == 0 && w.contains(&'y') {
        count = 1;
    }
    count.max(1)
}

/// A text's perspicuity, its words and sentences; `None` without words.
pub fn perspicuity(text: &str) -> Option<(f64, usize, usize)> {
    let sents = sentences(text);
    let all: Vec<&str> = words(text).collect();
    if all.is_empty() || sents.is_empty() {
        return None;
    }
    let syl: usize = all.iter().map(|w| syllables(w)).sum();
    let (w, s) = (all.len() as f64, sents.len() as f64);
    Some((
        206.835 - 62.3 * (syl as f64 / w) - w / s,
        all.len(),
        sents.len(),
    ))
}

/// The INFLESZ band of a perspicuity, in Spanish (as the scale names it) and English.
pub fn inflesz(p: f64) -> &'static str {
    if p < 40.0 {
        "muy difícil (very hard)"
    } else if p < 55.0 {
        "algo difícil (somewhat hard)"
    } else if p < 65.0 {
        "normal"
    } else if p < 80.0 {
        "bastante fácil (fairly easy)"
    } else {
        "muy fácil (very easy)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_spanish_syllables() {
        for (w, n) in [
            ("casa", 2),
            ("cielo", 2),
            ("cuidado", 3),
            ("día", 2),
            ("leer", 2),
            ("poeta", 3),
            ("muy", 1),
            ("hoy", 1),
            ("y", 1),
            ("que", 1),
            ("pingüino", 3),
            ("rodilla", 3),
            ("fisioterapeuta", 6),
            ("ejercicio", 4),
            ("tendinopatía", 6),
            ("2026", 1),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn follows_the_formula_and_the_scale() {
        // "El pe-rro co-me en ca-sa. Yo tam-bién co-mo.": 8 words, 13 syllables, 2
        // sentences.
        let text = "El perro come en casa. Yo también como.";
        let (p, w, s) = perspicuity(text).unwrap();
        assert_eq!((w, s), (8, 2));
        let syl = 1 + 2 + 2 + 1 + 2 + 1 + 2 + 2;
        let want = 206.835 - 62.3 * (f64::from(syl) / 8.0) - 8.0 / 2.0;
        assert!((p - want).abs() < 1e-9);
        assert_eq!(inflesz(p), "muy fácil (very easy)");
        assert_eq!(inflesz(50.0), "algo difícil (somewhat hard)");
        assert_eq!(inflesz(55.0), "normal");
        let hard = "La tendinopatía proximal isquiotibial constituye una patología \
                    musculoesquelética caracterizada por dolor glúteo profundo persistente.";
        assert!(perspicuity(hard).unwrap().0 < 40.0);
    }
}
