//! Word knowledge that several stages need, kept in one place so that the
//! stages agree: determiners, reporting verbs with their inflections, and
//! countries with their names, demonyms, capitals and ISO codes. Month and
//! weekday names are in [`crate::calendar`].
//!
//! Each list carries classes rather than one stage's selection; a stage
//! picks the classes it needs (the events coder's reporting verbs are a
//! subset of the attribution stage's speech verbs).
//!
//! Origin and licence: every list here was written for newsgraph by the
//! project from general knowledge of English and of ISO 3166-1, and is
//! under the project's licence (Apache-2.0); nothing is copied from an
//! outside list.

pub mod countries;
pub mod determiners;
pub mod inflect;
pub mod reporting;

/// Fingerprint of the embedded word lists, for the producer's data
/// fingerprint of the stages that use them.
pub fn fingerprint() -> u64 {
    crate::fnv1a(crate::fnv1a(0, countries::DATA.as_bytes()), reporting::DATA.as_bytes())
}
