//! What lets a patient install the site and use a planner with no signal: the web app
//! manifest (`manifest.webmanifest`) and the offline service worker (`sw.js`), whose
//! version is a hash of every other file of the site, so the same input gives the same
//! bytes and any change to the site gives a new worker the browser picks up.

use crate::config::SiteConfig;
use crate::i18n::Tables;
use crate::render::Body;
use serde::Serialize;

/// The service worker's output path (at the site's top, so its scope is the whole site).
pub(crate) const SERVICE_WORKER: &str = "sw.js";
/// The web app manifest's output path.
pub(crate) const MANIFEST: &str = "manifest.webmanifest";

/// The PNG icons of the installed app, as theme static files (a site's own
/// `static/icons/icon-<size>.png` replaces one): the 180 x 180 Apple touch icon iOS uses
/// for the Home Screen, and the 192 and 512 sizes browsers ask a manifest for.
pub(crate) const ICONS: &[(u32, &str)] = &[
    (180, "icons/icon-180.png"),
    (192, "icons/icon-192.png"),
    (512, "icons/icon-512.png"),
];

#[derive(Serialize)]
struct Icon {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
}

#[derive(Serialize)]
struct Manifest {
    name: String,
    short_name: String,
    description: Option<String>,
    lang: String,
    start_url: String,
    scope: String,
    display: &'static str,
    theme_color: String,
    background_color: &'static str,
    icons: Vec<Icon>,
}

/// The web app manifest's JSON: the site's title, its address (`start_url` and `scope`
/// under `base_url`'s path), the clinic's `theme_color` and the PNG icons.
pub(crate) fn manifest(config: &SiteConfig) -> String {
    let base = config.base_path();
    let short: String = config.title.chars().take(12).collect();
    let m = Manifest {
        name: config.title.clone(),
        short_name: short.trim().to_string(),
        description: config.description.clone(),
        lang: config.language.clone(),
        start_url: base.clone(),
        scope: base.clone(),
        display: "standalone",
        theme_color: config.theme_color.clone(),
        background_color: "#ffffff",
        icons: ICONS
            .iter()
            .map(|(size, path)| Icon {
                src: format!("{base}{path}"),
                sizes: format!("{size}x{size}"),
                kind: "image/png",
                purpose: "any",
            })
            .collect(),
    };
    serde_json::to_string_pretty(&m).expect("a manifest always serializes") + "\n"
}

/// A small hash that is the same on every platform and Rust version (the standard
/// library's is not promised to be). It names versions; it guards nothing. It hashes the
/// list of every file's hash into the site's version ([`site_version`]); each file's own
/// hash is XXH3's ([`file_hash`]).
#[derive(Clone, Copy)]
pub(crate) struct Stable(u64);

impl Stable {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    pub(crate) fn new() -> Stable {
        Stable(0xcbf2_9ce4_8422_2325)
    }
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(26) ^ word).wrapping_mul(Self::K);
    }
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.mix(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(last));
        // The length, so that `a` and `a\0` differ.
        self.mix(bytes.len() as u64);
    }
    pub(crate) fn finish(self) -> u64 {
        // Every bit of the state reaches every bit of the result.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// The hash of one output file, as the site's version counts it: its path and, for a
/// file the build made, its bytes. A file copied from the site's folders counts by its
/// path only, because a rebuild that only copies a file again never reads it (see
/// `site::Session`); the worker fetches from the network first, so a changed copy still
/// reaches the patient when online.
pub(crate) fn file_hash(path: &str, body: &Body) -> u64 {
    use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};
    // XXH3 (the same value on every platform) reads 32 bytes a step: `Stable` here, which
    // mixes one word after another, was 1% of a fresh 10,000-page build's CPU.
    let seed = xxh3_64(path.as_bytes());
    match body {
        Body::Bytes(b) => xxh3_64_with_seed(b, seed),
        Body::Builtin(b) => xxh3_64_with_seed(b, seed),
        Body::File(_) => xxh3_64_with_seed(b"(copied)", seed ^ 1),
    }
}

/// The site's version from every file's hash (any order), the worker itself left out.
pub(crate) fn site_version<'a>(hashes: impl IntoIterator<Item = (&'a str, u64)>) -> String {
    let mut all: Vec<(&str, u64)> = hashes
        .into_iter()
        .filter(|(p, _)| *p != SERVICE_WORKER)
        .collect();
    all.sort_unstable();
    let mut h = Stable::new();
    for (p, x) in all {
        h.write(p.as_bytes());
        h.write(&x.to_le_bytes());
    }
    format!("{:016x}", h.finish())
}

/// What the worker shows, in one language, for a page it has not kept when the network
/// fails: a plain page in that language (not the browser's own error), with the clinic's
/// phone. `prefix` is the language's folder (`es/`; `""` for the site's main language).
/// The texts are HTML, as every `theme:` text is (docs/templates.md).
#[derive(Serialize)]
struct OfflinePage {
    prefix: String,
    lang: String,
    dir: &'static str,
    title: String,
    heading: String,
    text: String,
    /// `offline_phone` with the clinic's phone as a `tel:` link ("" without a phone).
    phone: String,
}

/// `text` made safe inside HTML text and a quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The offline page's texts in every language of the site, the main language last
/// (its prefix, `""`, matches every address).
fn offline_pages(config: &SiteConfig, tables: &Tables) -> Vec<OfflinePage> {
    let phone = config.clinic.phone.as_deref().unwrap_or("").trim();
    // As the footer links it (templates/base.html): the number without its spaces.
    let link = format!(
        "<a href=\"tel:{}\">{}</a>",
        escape(&phone.replace(' ', "")),
        escape(phone)
    );
    let page = |code: &str, prefix: String| {
        let word = |key: &str| crate::render::pages::word(tables, code, key, None);
        let rtl = tables
            .get(code)
            .is_some_and(|l| l.direction == crate::i18n::Direction::Rtl);
        OfflinePage {
            prefix,
            lang: code.to_string(),
            dir: if rtl { "rtl" } else { "ltr" },
            title: word("offline_title"),
            heading: word("offline_heading"),
            text: word("offline_text"),
            phone: if phone.is_empty() {
                String::new()
            } else {
                crate::i18n::fill(&word("offline_phone"), |k| {
                    (k == "phone").then(|| link.clone())
                })
            },
        }
    };
    let mut out: Vec<OfflinePage> = config
        .languages
        .iter()
        .map(|code| page(code, format!("{code}/")))
        .collect();
    out.push(page(&config.language, String::new()));
    out
}

/// The service worker's text for `version` under the site's path, with the offline
/// page's texts in each of the site's languages from `tables`.
pub(crate) fn service_worker(config: &SiteConfig, tables: &Tables, version: &str) -> String {
    let base = serde_json::to_string(&config.base_path()).expect("a string serializes");
    let pages =
        serde_json::to_string(&offline_pages(config, tables)).expect("plain strings serialize");
    include_str!("sw.js")
        .replace("\"__SINEW_VERSION__\"", &format!("\"{version}\""))
        .replace("\"__SINEW_BASE__\"", &base)
        .replace("\"__SINEW_OFFLINE__\"", &pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(yaml: &str) -> SiteConfig {
        SiteConfig::parse(yaml, std::path::Path::new("site.yaml")).unwrap()
    }

    #[test]
    fn version_depends_on_bytes_and_paths_not_order() {
        let a = file_hash("a.html", &Body::Bytes(b"one".to_vec()));
        let b = file_hash("b.html", &Body::Bytes(b"two".to_vec()));
        let b2 = file_hash("b.html", &Body::Bytes(b"two!".to_vec()));
        assert_eq!(
            site_version([("a.html", a), ("b.html", b)]),
            site_version([("b.html", b), ("a.html", a)])
        );
        assert_ne!(
            site_version([("a.html", a), ("b.html", b)]),
            site_version([("a.html", a), ("b.html", b2)])
        );
        // The worker's own hash never counts.
        assert_eq!(
            site_version([("a.html", a)]),
            site_version([("a.html", a), (SERVICE_WORKER, 7)])
        );
    }

    #[test]
    fn the_hash_sees_every_byte_and_the_length() {
        let h = |b: &[u8]| {
            let mut s = Stable::new();
            s.write(b);
            s.finish()
        };
        let long = b"0123456789abcdefg";
        let mut seen = std::collections::HashSet::new();
        // Every length up to two words and a bit, every one of them ending differently.
        for n in 0..=long.len() {
            assert!(seen.insert(h(&long[..n])), "{n}");
        }
        assert_ne!(h(b"a"), h(b"a\0"));
        assert_ne!(h(b"abcdefgh1"), h(b"abcdefgh2"));
        assert_ne!(h(b"1abcdefgh"), h(b"2abcdefgh"));
    }

    #[test]
    fn offline_page_is_in_each_language_with_the_clinic_phone_main_language_last() {
        let c = cfg(
            "title: Knee clinic\nlanguage: en-GB\nlanguages: [es]\nclinic:\n  phone: 01632 960 123\n",
        );
        let (tables, diags) = crate::i18n::load(
            std::path::Path::new("/nonexistent"),
            &["en-GB".into(), "es".into()],
        );
        assert!(diags.is_empty(), "{diags:?}");
        let pages = offline_pages(&c, &tables);
        let got: Vec<(&str, &str, &str)> = pages
            .iter()
            .map(|p| (p.prefix.as_str(), p.lang.as_str(), p.phone.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "es/",
                    "es",
                    r#"Para hablar con la clínica, llame al <a href="tel:01632960123">01632 960 123</a>."#
                ),
                (
                    "",
                    "en-GB",
                    r#"To speak to the clinic, phone <a href="tel:01632960123">01632 960 123</a>."#
                )
            ]
        );
        assert_eq!(pages[1].heading, "This page is not saved on this device");
        let sw = service_worker(&c, &tables, "00ff");
        assert!(
            sw.contains(r#"const OFFLINE = [{"prefix":"es/","lang":"es","#),
            "{sw}"
        );
    }

    #[test]
    fn worker_and_manifest_follow_the_base_path() {
        let c = cfg("title: Knee clinic\nbase_url: https://clinic.example/patients/\n");
        let sw = service_worker(&c, &Tables::default(), "00ff");
        assert!(sw.contains("const VERSION = \"00ff\";"), "{sw}");
        assert!(sw.contains("const BASE = \"/patients/\";"), "{sw}");
        assert!(!sw.contains("__SINEW_"));
        let m: serde_json::Value = serde_json::from_str(&manifest(&c)).unwrap();
        assert_eq!(m["start_url"], "/patients/");
        assert_eq!(m["scope"], "/patients/");
        assert_eq!(m["icons"][0]["src"], "/patients/icons/icon-180.png");
        assert_eq!(m["theme_color"], "#0b5d5a");
    }
}
