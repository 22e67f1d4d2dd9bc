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
pub use normalize::name_key;
pub use resolve::distance_km;

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
    /// order) against each other; `None` where the gazetteer has no entry.
    pub fn resolve_spans(&self, doc: &Document, spans: &[Span]) -> Vec<Option<Place>> {
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&i| (spans[i].start, spans[i].end));
        let mut mentions: Vec<resolve::Mention> = order
            .iter()
            .map(|&i| {
                let surface = spans[i].slice(&doc.text);
                resolve::Mention {
                    span: spans[i],
                    key: name_key(surface),
                    candidates: resolve::candidates(self.gazetteer, surface),
                }
            })
            .collect();
        let chosen = resolve::resolve(self.gazetteer, &doc.text, &mut mentions);
        let mut places = vec![None; spans.len()];
        for (position, &original) in order.iter().enumerate() {
            places[original] = chosen[position].map(|entry| self.place(doc, spans[original], entry));
        }
        places
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
        let found = recognize::recognize(self.gazetteer, doc);
        let spans: Vec<Span> = found.iter().map(|f| f.span).collect();
        let resolved = self.resolve_spans(doc, &spans);
        doc.places = found
            .into_iter()
            .zip(resolved)
            .filter_map(|(f, place)| place.map(|p| Place { entity: f.entity, ..p }))
            .collect();
    }
}
