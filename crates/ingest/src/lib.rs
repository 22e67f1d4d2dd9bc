//! newsgraph-ingest: readers. SKELETON
