//! newsgraph-geo: offline geoparsing. An embedded gazetteer built from
//! GeoNames-derived registry packages (see docs/geo.md), toponym recognition
//! on top of the entity stage, and toponym resolution that weighs
//! population, the document's other places and written containers
//! ("Paris, Texas"). No server, no network, nothing placed on a country
//! centroid for want of a match.

mod gazetteer;
mod normalize;
mod recognize;
mod resolve;
mod table;

use newsgraph_core::{Document, Layer, Place, PlaceKind, Span, Stage, StageName};

pub use gazetteer::{Candidate, Entry, Gazetteer, Kind, MatchKind};
pub use newsgraph_core::distance_km;
pub use normalize::name_key;

/// Errors while loading the embedded gazetteer.
#[derive(Clone, Debug)]
pub enum LoadError {
    /// The compressed file is damaged.
    Decompress(String),
    /// A line of the gazetteer is malformed.
    Format { line: usize, reason: String },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Decompress(reason) => write!(f, "gazetteer: cannot decompress: {reason}"),
            LoadError::Format { line, reason } => write!(f, "gazetteer line {line}: {reason}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Longer than any place name with its containers ("London, Ontario,
/// Canada"): a region past this is not looked up.
const MAX_REGION_BYTES: usize = 200;

/// The geoparsing stage: fills `Document::places`.
pub struct GeoStage {
    gazetteer: &'static Gazetteer,
}

impl GeoStage {
    /// Loads (once per process) the gazetteer compiled into the binary.
    pub fn load() -> Result<Self, LoadError> {
        Ok(GeoStage { gazetteer: Gazetteer::shared()? })
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// The place mentions of `doc` (entity stage spans plus gazetteer
    /// names), in text order.
    pub fn recognize(&self, doc: &Document) -> Vec<Span> {
        recognize::recognize(self.gazetteer, doc).into_iter().map(|f| f.span).collect()
    }

    /// Resolves given mention spans (byte offsets into `doc.text`, in any
    /// order) against each other and the publication's home region;
    /// `None` where the gazetteer has no entry.
    pub fn resolve_spans(&self, doc: &Document, spans: &[Span]) -> Vec<Option<Place>> {
        self.resolve_spans_from(doc, spans, self.home_of(doc))
    }

    /// The publication's home: the document's region, else the country of
    /// its source's domain.
    fn home_of(&self, doc: &Document) -> Option<u32> {
        match doc.region.as_deref() {
            Some(region) => self.home(region),
            None => self.source_country(&doc.source),
        }
    }

    fn resolve_spans_from(&self, doc: &Document, spans: &[Span], home: Option<u32>) -> Vec<Option<Place>> {
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&i| (spans[i].start, spans[i].end));
        let mut mentions = self.mentions(&doc.text, order.iter().map(|&i| spans[i]));
        let chosen = resolve::resolve(self.gazetteer, &doc.text, &mut mentions, home);
        let mut places = vec![None; spans.len()];
        for (position, &original) in order.iter().enumerate() {
            places[original] = chosen[position].map(|entry| self.place(doc, spans[original], entry));
        }
        places
    }

    /// The resolution mentions of `spans` of `text`.
    fn mentions(&self, text: &str, spans: impl Iterator<Item = Span>) -> Vec<resolve::Mention> {
        spans
            .map(|span| {
                let surface = span.slice(text);
                let (candidates, embedded) = resolve::candidates(self.gazetteer, surface);
                resolve::Mention { span, key: name_key(surface), candidates, embedded }
            })
            .collect()
    }

    /// The gazetteer entry of a publication's home region written as a
    /// place name, its container after a comma ("London, Ontario"): the
    /// first part, resolved as a document of that one line would be.
    /// `None` for a name the gazetteer lacks, and for anything longer than
    /// a place name could be.
    pub fn home(&self, region: &str) -> Option<u32> {
        if region.len() > MAX_REGION_BYTES {
            return None;
        }
        let mut start = 0;
        let spans = region.split(',').map(|part| {
            let lead = part.len() - part.trim_start().len();
            let span = Span::new(start + lead, start + part.trim_end().len());
            start += part.len() + 1;
            span
        });
        let mut mentions = self.mentions(region, spans.filter(|s| s.end > s.start));
        resolve::resolve(self.gazetteer, region, &mut mentions, None).into_iter().next().flatten()
    }

    /// The country of a source address's country-code domain
    /// ("www.cbc.ca": Canada), when the document names no region: a weak
    /// hint, one vote among the document's names. Domains sold to anyone
    /// (".tv", ".io", ...) say nothing.
    pub fn source_country(&self, source: &str) -> Option<u32> {
        const VANITY: &[&str] = &["ai", "cc", "co", "fm", "gg", "io", "ly", "me", "to", "tv", "ws"];
        let rest = source.strip_prefix("https://").or_else(|| source.strip_prefix("http://"))?;
        let host = rest.split(['/', ':', '?', '#']).next()?;
        let tld = host.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
        if tld.len() != 2 || !tld.bytes().all(|b| b.is_ascii_lowercase()) || VANITY.contains(&tld.as_str()) {
            return None;
        }
        let code = if tld == "uk" { *b"GB" } else { tld.to_ascii_uppercase().as_bytes().try_into().ok()? };
        self.gazetteer.country(code)
    }

    /// The output record of mention `span` resolved to gazetteer `entry`.
    fn place(&self, doc: &Document, span: Span, entry: u32) -> Place {
        let gazetteer = self.gazetteer;
        let found = gazetteer.entry(entry);
        let admin1 = match found.kind {
            Kind::City | Kind::Admin2 => gazetteer.admin1_of(found).map(|a| gazetteer.name(a).to_string()),
            _ => None,
        };
        Place {
            start: span.start,
            end: span.end,
            text: span.slice(&doc.text).to_string(),
            name: gazetteer.name(found).to_string(),
            country: found.country.map(|c| String::from_utf8_lossy(&c).into_owned()),
            lat: f64::from(found.lat),
            lon: f64::from(found.lon),
            geonames_id: (found.geonames_id != 0).then_some(u64::from(found.geonames_id)),
            kind: match found.kind {
                Kind::Country => PlaceKind::Country,
                Kind::Admin1 => PlaceKind::Admin1,
                Kind::Admin2 => PlaceKind::Admin2,
                Kind::City => PlaceKind::City,
                Kind::Region => PlaceKind::Region,
            },
            admin1,
            entity: None,
        }
    }
}

impl Stage for GeoStage {
    fn name(&self) -> StageName {
        StageName::Geo
    }

    fn needs(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }

    fn adds(&self) -> &'static [Layer] {
        &[Layer::Places]
    }

    fn data_fingerprint(&self) -> u64 {
        gazetteer::data_fingerprint()
    }

    fn annotate(&self, doc: &mut Document) {
        let home = self.home_of(doc);
        if let (None, Some(region)) = (home, &doc.region) {
            let shown: String = region.chars().take(80).collect();
            doc.warnings
                .push(format!("region {shown:?} is no place the gazetteer knows; places were resolved without it"));
        }
        let found = recognize::recognize(self.gazetteer, doc);
        let spans: Vec<Span> = found.iter().map(|f| f.span).collect();
        let resolved = self.resolve_spans_from(doc, &spans, home);
        doc.places = found
            .into_iter()
            .zip(resolved)
            .filter_map(|(f, place)| place.map(|p| Place { entity: f.entity, ..p }))
            .collect();
    }
}
