//! The data templates see. Every field is always present (null when empty), so a
//! template can test it with `{% if %}`; `docs/templates.md` lists them.

use serde::Serialize;

/// A link: title and URL, and the language of the page it leads to when that is not
/// the language of the page it is on (a page not translated, linked in the default
/// language from a translated page).
///
/// Templates show it with `marked(text=l.title, lang=l.title_lang, to=l.lang)`: the
/// title in `<span lang>` when it is in another language, and the mark "(en inglés)"
/// when it or the page it leads to is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Link {
    /// Text to show.
    pub title: String,
    /// Full URL path including the base path.
    pub url: String,
    /// The language of the page it leads to when that is not the page's own (a page
    /// not translated, linked in the default language), else nothing: the link's
    /// `hreflang`, and the mark after it.
    pub lang: Option<String>,
    /// That language's name in the page's language, e.g. "inglés", else nothing.
    pub language: Option<String>,
    /// The language of `title` when that is not the page's own (an untranslated page's
    /// title), else nothing: `lang` on the title's words only. Null when the words are
    /// the page's own (the home page's breadcrumb "Inicio", to the English home page).
    pub title_lang: Option<String>,
}

/// A link of the main navigation (marked like any other [`Link`]).
pub type NavLink = Link;

/// One entry of the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct LangLink {
    /// The language code, e.g. `es`.
    pub lang: String,
    /// The language's own name, e.g. "Español".
    pub name: String,
    /// The page in that language.
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// A `<link rel="alternate" hreflang>` of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// The language code, or `x-default`.
    pub lang: String,
    /// The full address of the page in that language.
    pub url: String,
}

/// A page in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// One-sentence description, if any.
    pub description: Option<String>,
    /// The language of the page it leads to when that is not the listing's own, else
    /// nothing.
    pub lang: Option<String>,
    /// That language's name, e.g. "English", else nothing.
    pub language: Option<String>,
    /// The language of `title` when that is not the listing's own (an untranslated
    /// page's title, a topic's name not translated), else nothing.
    pub title_lang: Option<String>,
}

impl ListItem {
    /// The listing entry for a link, with the description of the page it leads to.
    pub fn new(link: Link, description: Option<String>) -> ListItem {
        ListItem {
            title: link.title,
            url: link.url,
            description,
            lang: link.lang,
            language: link.language,
            title_lang: link.title_lang,
        }
    }
}

/// Site-wide values, set once as a global.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: Option<String>,
    /// Page language.
    pub language: String,
    /// Base path, e.g. `/patients/`.
    pub base_path: String,
    /// The full base URL, when configured.
    pub base_url: Option<String>,
    /// The clinic block.
    pub clinic: crate::config::Clinic,
    /// The installed app's colour (`theme_color` in `site.yaml`).
    pub theme_color: String,
    /// Main navigation.
    pub nav: Vec<Link>,
    /// The language of `description` when it is not the page's (no translation in the
    /// page's language: the default language's text), else null. The theme then leaves
    /// `<meta name="description">` out rather than describe the page in another
    /// language.
    pub description_lang: Option<String>,
    /// The language of `clinic.out_of_hours` when it is not the page's (no translation
    /// in the page's language), else null: the theme shows it marked
    /// (`marked(text=site.clinic.out_of_hours, lang=site.out_of_hours_lang)`), never
    /// leaves this safety advice out.
    pub out_of_hours_lang: Option<String>,
}

/// Review dates as shown on a page.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// "1 October 2026".
    pub reviewed: String,
    /// `2026-10-01`.
    pub reviewed_iso: String,
    /// "1 October 2027".
    pub next_due: String,
    /// `2027-10-01`.
    pub next_due_iso: String,
}

/// A Markdown page (also the home page and folder listings' own text).
#[derive(Debug, Clone, Serialize)]
pub struct PageCtx<'a> {
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// URL.
    pub url: String,
    /// Rendered body HTML (borrowed from the rendered Markdown, or taken from it when a
    /// build has no more use for it; never copied per page).
    pub content: std::borrow::Cow<'a, str>,
    /// Tags with their pages' URLs (a topic's name not translated into the page's
    /// language has `title_lang`): a list of [`Link`]s as template values, each made
    /// once a render pass and shared by every page with that tag (`PageValues`).
    pub tags: Vec<tera::Value>,
    /// Review dates, when `reviewed` is set.
    pub review: Option<Review>,
    /// The ladder this page is about: its planner (`page.program` in templates).
    #[serde(rename = "program")]
    pub ladder: Option<Link>,
    /// Breadcrumb trail (not including this page): a list of [`Link`]s as one template
    /// value, made once a render pass and shared by every page of its folder.
    pub breadcrumbs: tera::Value,
    /// Who reviewed the page and its sources.
    pub trust: Option<TrustCtx>,
}

/// A folder's listing page.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCtx {
    /// Pages in the folder.
    pub pages: Vec<ListItem>,
    /// Subfolders.
    pub subsections: Vec<ListItem>,
}

/// An exercise's dose and details.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseCtx {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// URL of its page.
    pub url: String,
    /// Summary.
    pub summary: Option<String>,
    /// Steps.
    pub steps: Vec<String>,
    /// The video's address to link to: a web address as written, or a site video's
    /// URL (with the base path).
    pub video: Option<String>,
    /// How the page shows the video, when it has one.
    pub player: Option<PlayerCtx>,
    /// Image URL (with base path).
    pub image: Option<String>,
    /// Image alt text.
    pub image_alt: Option<String>,
    /// Cautions.
    pub cautions: Vec<String>,
    /// Body regions.
    pub body_regions: Vec<String>,
    /// Equipment.
    pub equipment: Vec<String>,
    /// "2 sets of 12, twice a day".
    pub dose: Option<String>,
    /// Who reviewed the exercise, its sources and review dates.
    pub trust: TrustCtx,
    /// The language of its words when that is not the page's (an item not translated,
    /// listed in the default language from a page in another), else nothing.
    pub lang: Option<String>,
    /// That language's name, e.g. "English", else nothing.
    pub language: Option<String>,
}

/// How an exercise page shows its video.
#[derive(Debug, Clone, Serialize)]
pub struct PlayerCtx {
    /// `file` (a video of the site, in a `<video>` element), `embed` (YouTube or Vimeo,
    /// behind a click-to-load button) or `link` (any other web address: a plain link).
    pub kind: &'static str,
    /// The video's address: a site video's URL, or the web address as written.
    pub src: String,
    /// A site video's type, e.g. `video/mp4`.
    pub mime: Option<String>,
    /// The host's name for an embedded player ("YouTube", "Vimeo").
    pub host: Option<&'static str>,
    /// The embedded player's address, loaded only when the patient presses play.
    pub embed_url: Option<String>,
    /// The one frame origin the page's Content-Security-Policy allows.
    pub frame_origin: Option<&'static str>,
    /// The poster picture's URL.
    pub poster: Option<String>,
    /// The captions file's URL (WebVTT).
    pub captions: Option<String>,
    /// The video's address as printed: a web address, or a site video's full address
    /// (its path when `base_url` is only a path).
    pub address: String,
    /// An inline SVG QR code of `address` for print, when it is a full address.
    pub qr: Option<String>,
}

/// A page's printed handout footer: its address and a QR code to it.
#[derive(Debug, Clone, Serialize)]
pub struct PrintCtx {
    /// The page's full address, or its path when `base_url` is only a path.
    pub address: String,
    /// An inline SVG QR code of `address`, only when it is a full address.
    pub qr: Option<String>,
}

/// Where an exercise sits in a ladder.
#[derive(Debug, Clone, Serialize)]
pub struct LadderPlace {
    /// The ladder's planner.
    pub ladder: Link,
    /// 1-based step number.
    pub step: usize,
    /// Number of steps.
    pub of: usize,
    /// The step before, if any.
    pub previous: Option<Link>,
    /// The step after, if any.
    pub next: Option<Link>,
}

/// Everything that uses an exercise.
#[derive(Debug, Clone, Serialize)]
pub struct UsedBy {
    /// Ladders it is part of.
    pub ladders: Vec<LadderPlace>,
    /// Pages that link to it or show its card.
    pub pages: Vec<Link>,
}

/// One rung of a ladder, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct StageCtx {
    /// 1-based number.
    pub number: usize,
    /// The exercise.
    pub exercise: Link,
    /// Its video.
    pub video: Option<String>,
    /// "2 x 5".
    pub start: String,
    /// "2 x 12".
    pub target: String,
    /// Fewest days.
    pub days_min: u32,
    /// Most days.
    pub days_max: u32,
    /// Hold per repetition, in seconds.
    pub hold_seconds: Option<u32>,
}

/// A milestone, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneCtx {
    /// The test exercise.
    pub exercise: Link,
    /// Repetitions to reach.
    pub reps: u32,
    /// What it unlocks.
    pub unlocks: String,
    /// Where to read more.
    pub link: Option<String>,
    /// The language of the page `link` leads to when that is not the page's own (a
    /// page not translated, linked from a translated ladder), else nothing: the link's
    /// `hreflang`, and the mark after it (`marked(..., to=m.link_lang)`).
    pub link_lang: Option<String>,
}

/// One day of the ideal schedule, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleRow {
    /// Day number.
    pub day: u32,
    /// Exercise name.
    pub exercise: String,
    /// Step number.
    pub step: usize,
    /// Sets.
    pub sets: u32,
    /// Repetitions.
    pub reps: u32,
    /// Whether this is the first day of a new exercise.
    pub new_step: bool,
    /// The language of `exercise` when it is not the page's (an exercise not
    /// translated, on a translated planner), else null.
    pub lang: Option<String>,
}

/// A ladder, for its planner page and the `ladder` shortcode.
#[derive(Debug, Clone, Serialize)]
pub struct LadderCtx {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// URL of its planner page.
    pub url: String,
    /// The condition page.
    pub condition: Option<Link>,
    /// "twice a day".
    pub times_per_day: String,
    /// Sessions a day as a number.
    pub sessions: u32,
    /// The pain rules.
    pub pain: crate::content::ladder::Pain,
    /// The rungs.
    pub stages: Vec<StageCtx>,
    /// Milestones.
    pub milestones: Vec<MilestoneCtx>,
    /// The page on pacing, offered on a day the patient has to stop.
    pub pacing: Option<String>,
    /// The language of the pacing page when not the page's (a page not translated,
    /// linked from a translated ladder), else nothing: its `hreflang` and mark.
    pub pacing_lang: Option<String>,
    /// The ideal schedule.
    pub schedule: Vec<ScheduleRow>,
    /// Who reviewed the ladder, its sources and review dates.
    pub trust: TrustCtx,
    /// The language of its words when that is not the page's (an item not translated,
    /// listed in the default language from a page in another), else nothing.
    pub lang: Option<String>,
    /// That language's name, e.g. "English", else nothing.
    pub language: Option<String>,
}

/// One step of a ladder's printable handout.
#[derive(Debug, Clone, Serialize)]
pub struct HandoutStep<'a> {
    /// The step in the ladder.
    pub stage: &'a StageCtx,
    /// Its exercise (in the page's language, or the default one's, marked).
    pub exercise: std::borrow::Cow<'a, ExerciseCtx>,
    /// The exercise page's address and QR code.
    pub print: PrintCtx,
}

/// The exercise finder on the list of exercises.
#[derive(Debug, Clone, Serialize)]
pub struct Finder {
    /// Exercises by body region (`body_regions`; "Other" for none), by region name.
    pub regions: Vec<FinderGroup>,
    /// Exercises by equipment (`equipment`; "None" for none), by equipment name.
    pub equipment: Vec<FinderGroup>,
}

/// One body region or piece of equipment and its exercises.
#[derive(Debug, Clone, Serialize)]
pub struct FinderGroup {
    /// Name as written in the exercises, first letter capitalised.
    pub name: String,
    /// Its slug, the value the filter and the address use.
    pub slug: String,
    /// Its exercises, by name.
    pub exercises: Vec<FinderItem>,
    /// The language of its name when that is not the page's (named by an exercise not
    /// translated), else nothing.
    pub lang: Option<String>,
    /// That language's name, e.g. "English", else nothing.
    pub language: Option<String>,
}

/// An exercise in the finder.
#[derive(Debug, Clone, Serialize)]
pub struct FinderItem {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// URL of its page.
    pub url: String,
    /// Summary.
    pub summary: Option<String>,
    /// Its body regions' slugs, separated by spaces (`other` for none).
    pub regions: String,
    /// Its equipment's slugs, separated by spaces (`none` for none).
    pub equipment: String,
    /// Its equipment as written.
    pub equipment_names: Vec<String>,
    /// The language of its words when that is not the page's, else nothing.
    pub lang: Option<String>,
    /// That language's name, e.g. "English", else nothing.
    pub language: Option<String>,
}

/// The page-not-found words in one of the site's other languages, which the root
/// `404.html` shows under its own (static hosts serve that one page at every missing
/// address, whatever the reader's language).
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundIn {
    /// The language's code (`es`), for `lang=`.
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// "Sorry, we cannot find that page" in that language.
    pub heading: String,
    /// "The page may have moved..." in that language.
    pub text: String,
    /// "Go to the home page" in that language.
    pub home: String,
    /// The language's home page (`/es/`: its translated home page, or the page that
    /// lists its pages).
    pub home_url: String,
}

/// A page that sends readers on from an old address (a page's `aliases:`).
#[derive(Debug, Clone, Serialize)]
pub struct RedirectCtx {
    /// The title of the page it sends readers to.
    pub title: String,
    /// That page's URL (with the base path).
    pub url: String,
    /// That page's full address, when `base_url` is a full address.
    pub canonical: Option<String>,
}

/// One reference a page, exercise or ladder rests on.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCtx {
    /// What the reference is.
    pub title: String,
    /// Where to read it, checked (an `@/` link resolved).
    pub url: Option<String>,
    /// The language it is written in, when its file says (`lang:`): the theme marks it
    /// on a page in another language.
    pub lang: Option<String>,
}

/// Who stands behind a page, exercise or ladder (`partials/trust.html`).
#[derive(Debug, Clone, Serialize)]
pub struct TrustCtx {
    /// Who reviewed it: name and role.
    pub reviewed_by: Option<String>,
    /// The references its advice rests on.
    pub sources: Vec<SourceCtx>,
    /// Review dates of an exercise or ladder (a page's are `page.review`).
    pub review: Option<Review>,
}
