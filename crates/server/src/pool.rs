//! A small pool of read-only store connections. SQLite calls block, so each
//! runs on tokio's blocking threads; the semaphore keeps at most one task per
//! connection, so a permit always finds a free connection.

use std::path::Path;
use std::sync::{Arc, Mutex};

use newsgraph_store::Store;
use tokio::sync::Semaphore;

use crate::error::ApiError;

pub struct Pool {
    stores: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    pub fn open(path: &Path, size: usize) -> Result<Arc<Self>, newsgraph_store::StoreError> {
        let stores = (0..size.max(1)).map(|_| Store::open_read_only(path)).collect::<Result<Vec<_>, _>>()?;
        Ok(Arc::new(Pool { permits: Arc::new(Semaphore::new(stores.len())), stores: Mutex::new(stores) }))
    }

    /// Runs `query` on a free connection off the async threads.
    pub async fn run<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        // The permit moves into the blocking task: should the request be
        // dropped (client gone, timeout), the query still runs to its end
        // and the connection is back in the list before the permit is free.
        let permit =
            Arc::clone(&self.permits).acquire_owned().await.map_err(|error| ApiError::Internal(error.to_string()))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = pool.take()?;
            let result = query(&store);
            pool.give_back(store);
            drop(permit);
            result
        })
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?
    }

    fn take(&self) -> Result<Store, ApiError> {
        // A poisoned lock only means another task panicked while holding the
        // list; the list itself is still valid.
        let mut stores = self.stores.lock().unwrap_or_else(|e| e.into_inner());
        stores.pop().ok_or_else(|| ApiError::Internal("no free store connection".into()))
    }

    fn give_back(&self, store: Store) {
        self.stores.lock().unwrap_or_else(|e| e.into_inner()).push(store);
    }
}
