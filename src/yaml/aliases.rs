//! Refusing YAML whose aliases (`*name`) would expand past [`MAX_EXPANDED`]: a "billion
//! laughs" is stopped before serde_yaml builds it.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// The most a YAML text may hold once every alias (`*name`, a copy of what the anchor
/// `&name` marks) is replaced by what it stands for, counted as the bytes of its values
/// plus one for each value: twice the largest file sinew reads, so any file without
/// aliases is within it.
pub const MAX_EXPANDED: u64 = 2 * 10 * 1024 * 1024;

/// Refuses a text whose aliases would make it larger than [`MAX_EXPANDED`] (a "billion
/// laughs": a few kilobytes of anchors and aliases can stand for gigabytes). The text is
/// walked as serde_yaml expands it, counting and keeping nothing, and the walk stops as
/// soon as the count passes the limit, so this takes time and memory in proportion to
/// the limit at most, never to what the aliases would expand to.
pub(super) fn check_expanded_size(
    text: &str,
    file: &Path,
    first_line: usize,
    what: &str,
) -> Result<(), Diagnostic> {
    // Without a `*` there is no alias, and without a `&` no anchor an alias could stand
    // for (an alias to no anchor is an error the typed parse reports): nothing to
    // expand. Most pages' front matter has a `*` (emphasis in a description) but no `&`.
    if !text.contains('*') || !text.contains('&') {
        return Ok(());
    }
    let counted = std::cell::Cell::new(0);
    let walk = serde::de::DeserializeSeed::deserialize(
        Count(&counted),
        serde_yaml::Deserializer::from_str(text),
    );
    // Any other error is the typed parse's to report, in its own words.
    if walk.is_ok() || counted.get() <= MAX_EXPANDED {
        return Ok(());
    }
    let line = text
        .lines()
        .position(|l| l.contains('*'))
        .map(|i| first_line + i);
    Err(Diagnostic::error(
        "yaml-too-large",
        file,
        format!(
            "the {what} repeats its values with aliases (`*name`) so often that it would \
             grow past {} MB",
            MAX_EXPANDED / (1024 * 1024)
        ),
    )
    .at_line(line)
    .hint(
        "write each value out where it is needed instead of repeating it with `&name` and `*name`",
    ))
}

/// A serde visitor that walks any YAML value, adding its size to the count and failing
/// once the count passes [`MAX_EXPANDED`].
#[derive(Clone, Copy)]
struct Count<'a>(&'a std::cell::Cell<u64>);

impl Count<'_> {
    fn add<E: serde::de::Error>(self, bytes: usize) -> Result<(), E> {
        let n = self.0.get().saturating_add(bytes as u64 + 1);
        self.0.set(n);
        if n > MAX_EXPANDED {
            return Err(E::custom("too large once its aliases are expanded"));
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Count<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.add(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.add(8)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.add(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.add(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): count the value.
        use serde::de::VariantAccess;
        let ((), value) = data.variant_seed(self)?;
        value.newtype_variant_seed(self)
    }
}
