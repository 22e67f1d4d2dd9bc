//! Order-preserving parallel map over a stream of work items.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::Mutex;

/// Applies `work` to every item of `inputs` on `threads` threads and hands the
/// results to `sink` in input order. Reading stays lazy: at most a few items
/// per thread are in flight, so memory stays flat on huge batches.
pub fn run_ordered<I, T, R, W, S>(inputs: I, threads: usize, work: W, mut sink: S)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    S: FnMut(R),
{
    let threads = threads.max(1);
    if threads == 1 {
        inputs.map(&work).for_each(sink);
        return;
    }
    let in_flight = threads * 4;
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, T)>(in_flight);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, R)>(in_flight);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (index, item) in inputs.enumerate() {
                if work_tx.send((index, item)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (work_rx, work) = (&work_rx, &work);
            scope.spawn(move || loop {
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((index, item))) = next else { break };
                if done_tx.send((index, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next_index = 0;
        for (index, result) in done_rx {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&next_index) {
                sink(result);
                next_index += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order() {
        let mut out = Vec::new();
        run_ordered(0..500u64, 4, |n| {
            std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 50));
            n * 2
        }, |r| out.push(r));
        assert_eq!(out, (0..500u64).map(|n| n * 2).collect::<Vec<_>>());
    }
}
