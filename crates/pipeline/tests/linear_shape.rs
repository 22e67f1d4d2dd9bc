//! The algorithmic shape of the whole pipeline on one long document, by
//! counting work rather than timing it: a counting allocator measures, for
//! a document of n bytes and one of 4n, the allocations made, the bytes
//! allocated and the peak of live memory. Linear stages give ratios near 4;
//! the quadratic ones this guards against (a context copied per mention,
//! every group tested per mention, a document's features held at once)
//! gave 10 and more. Deterministic: one test in its own binary, one thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use newsgraph_core::rng::XorShift;
use newsgraph_core::Document;
use newsgraph_pipeline::{Pipeline, PipelineOptions};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        CALLS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Work counted while annotating one document.
#[derive(Debug)]
struct Work {
    calls: usize,
    bytes: usize,
    peak: usize,
}

fn annotate(pipeline: &Pipeline, text: String) -> Work {
    let (calls, bytes, live) = (CALLS.load(Relaxed), BYTES.load(Relaxed), LIVE.load(Relaxed));
    PEAK.store(live, Relaxed);
    let mut doc = Document::new("big", "big", text);
    pipeline.annotate(&mut doc);
    assert!(
        !doc.entities.is_empty() && !doc.places.is_empty() && !doc.events.is_empty(),
        "the document exercises every stage"
    );
    Work { calls: CALLS.load(Relaxed) - calls, bytes: BYTES.load(Relaxed) - bytes, peak: PEAK.load(Relaxed) - live }
}

const GIVEN: &[&str] =
    &["Anna", "Boris", "Carlos", "Dmitry", "Elena", "Farid", "Grace", "Hamid", "Ivan", "Julia", "Kofi", "Lena"];
const SYLLABLES: &[&str] = &["ka", "ro", "vel", "min", "do", "sar", "te", "lu", "nik", "ba", "zo", "fer", "gan", "ti"];
const CITIES: &[&str] = &[
    "Kharkiv", "Lyon", "Porto", "Mombasa", "Aleppo", "Tucson", "Osaka", "Lagos", "Quito", "Dresden", "Gdansk", "Mosul",
];
const COUNTRIES: &[&str] =
    &["Russia", "France", "Brazil", "Kenya", "Syria", "Japan", "Nigeria", "Ecuador", "Poland", "Iraq"];

/// A new surname per call, so that a long document keeps naming new people
/// (groups, gazetteer look-ups and mentions all grow with it).
fn surname(rng: &mut XorShift) -> String {
    let mut name: String = (0..3).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
    name[..1].make_ascii_uppercase();
    name.push_str("ov");
    name
}

/// News paragraphs up to `bytes` long, the same for the same length.
fn document(bytes: usize) -> String {
    let mut rng = XorShift::new(0x5EED_0F11_AEA5);
    let mut text = String::with_capacity(bytes + 512);
    while text.len() < bytes {
        let (given, name, other) = (GIVEN[rng.below(GIVEN.len())], surname(&mut rng), surname(&mut rng));
        let (city, place) = (CITIES[rng.below(CITIES.len())], CITIES[rng.below(CITIES.len())]);
        let (country, foe) = (COUNTRIES[rng.below(COUNTRIES.len())], COUNTRIES[rng.below(COUNTRIES.len())]);
        text.push_str(&format!(
            "{given} {name}, the foreign minister of {country}, said on Tuesday in {city} that talks with {foe} would continue. \
             \u{201C}We will not give up,\u{201D} {name} told reporters. Forces loyal to {other} captured {place} last week, \
             according to the {country} defence ministry, and {other} denied that civilians were killed.\n\n"
        ));
    }
    text
}

#[test]
fn work_and_memory_grow_linearly_with_document_size() {
    let pipeline = Pipeline::load(&PipelineOptions::default()).expect("stages load");
    let n = 200_000;
    let small = annotate(&pipeline, document(n));
    let large = annotate(&pipeline, document(4 * n));
    let ratio = |a: usize, b: usize| b as f64 / a.max(1) as f64;
    let (calls, bytes, peak) =
        (ratio(small.calls, large.calls), ratio(small.bytes, large.bytes), ratio(small.peak, large.peak));
    eprintln!(
        "n = {n} bytes: {small:?}; 4n: {large:?}; ratios: allocations {calls:.2}, bytes {bytes:.2}, peak {peak:.2}"
    );
    for (what, value) in [("allocations", calls), ("bytes allocated", bytes), ("peak memory", peak)] {
        assert!(value < 5.0, "{what} grew {value:.2} times for 4 times the text: superlinear");
    }
    // Memory proportional to the text, and not many times it.
    let per_byte = large.peak as f64 / (4 * n) as f64;
    assert!(per_byte < 100.0, "peak of {per_byte:.0} bytes per byte of text");
}
