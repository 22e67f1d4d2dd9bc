//! Views computed ahead. A story or entity view computed afresh costs 5-30
//! ms of CPU on a big store, and after a start or an ingest every first
//! reader of a page pays it while queued behind everyone else's first
//! views. So, once the store's generation has moved and then held still
//! for a poll, the story and entity views are asked for in the
//! background, those with the most documents first, through the router
//! itself: the answers land in the response cache exactly as a reader's
//! would. One view at a time, so the warm-up
//! takes at most one core and one reader connection from live requests.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use newsgraph_store::View;
use tower::ServiceExt;

use crate::App;

/// How often the store's generation is checked for a new warm-up.
const POLL: Duration = Duration::from_secs(2);
/// Views asked for at most per warm-up.
const MAX_VIEWS: usize = 50_000;
/// Views between checks that the store has not moved on meanwhile.
const GENERATION_CHECK: usize = 100;

/// Runs for the life of the server.
pub(crate) async fn keep_warm(app: App, router: Router) {
    let (mut warmed, mut seen) = (None, None);
    loop {
        if let Ok(generation) = current_generation(&app).await {
            // An ingest moves the generation at every commit: waiting until
            // it holds still for a poll keeps the warm-up from starting over
            // and over beside a running ingest.
            if seen == Some(generation) && warmed != Some(generation) {
                warm(&app, &router, generation).await;
                warmed = Some(generation);
            }
            seen = Some(generation);
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn current_generation(app: &App) -> Result<i64, crate::ApiError> {
    app.pool.run(|store| Ok(store.generation()?)).await
}

async fn warm(app: &App, router: &Router, generation: i64) {
    let started = Instant::now();
    let Ok(views) = app.pool.run(|store| Ok(store.views_by_size(MAX_VIEWS)?)).await else {
        return;
    };
    let mut asked = 0;
    for view in &views {
        if !app.cache.has_room_for_warming() {
            break;
        }
        if asked % GENERATION_CHECK == GENERATION_CHECK - 1 && current_generation(app).await.ok() != Some(generation) {
            return;
        }
        let Ok(request) = Request::get(path(*view)).body(Body::empty()) else {
            continue;
        };
        // The cache middleware keeps the answer; nothing else is wanted of it.
        let Ok(_) = router.clone().oneshot(request).await;
        asked += 1;
    }
    eprintln!(
        "newsgraph serve: {asked} of {} story and entity views computed ahead in {:.1} s",
        views.len(),
        started.elapsed().as_secs_f64()
    );
}

/// The API path of a view, as the page asks for it.
fn path(view: View) -> String {
    match view {
        View::Story(id) => format!("/api/stories/{id}"),
        View::Entity(id) => format!("/api/entities/{id}"),
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_core::shared;
    use newsgraph_store::{IngestOptions, Store};

    use super::*;
    use crate::{app_and_router, ServeOptions};

    #[tokio::test]
    async fn a_warm_up_keeps_every_story_and_entity_view() {
        let Some(seeds) = shared::require("seeds", concat!(file!(), ":", line!())) else {
            eprintln!("skipped: ../shared/seeds not found");
            return;
        };
        let dir = std::env::temp_dir().join(format!("newsgraph-server-warm-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let db = dir.join("seeds.db");
        let mut store = Store::open(&db).expect("store");
        store.ingest(&[seeds.display().to_string()], &IngestOptions::default(), &mut |_| {}).expect("ingest");
        drop(store);

        let (app, router) = app_and_router(&ServeOptions::new(&db)).expect("router");
        let generation = current_generation(&app).await.expect("generation");
        warm(&app, &router, generation).await;
        let views = app.pool.run(|store| Ok(store.views_by_size(MAX_VIEWS)?)).await.expect("views");
        assert!(views.iter().any(|view| matches!(view, View::Story(_))));
        assert!(views.iter().any(|view| matches!(view, View::Entity(_))));
        for view in views {
            // Inside the nested `/api` router the middleware sees the path without its prefix.
            let key = path(view).replacen("/api", "", 1);
            assert!(app.cache.holds(generation, &key), "{view:?} not kept");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
