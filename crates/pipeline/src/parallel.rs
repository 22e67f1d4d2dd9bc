//! Order-preserving parallel map over a stream of work items, with a
//! bounded window: the reader never runs more than `window` items ahead of
//! the oldest unfinished one, so one slow item at the head of a batch cannot
//! make finished results pile up behind it.

use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How [`run_ordered`] runs.
#[derive(Clone, Copy, Debug)]
pub struct RunnerOptions {
    pub threads: usize,
    /// Most items read but not yet handed to the sink (in flight or finished
    /// and waiting for an earlier one).
    pub window: usize,
    /// An item running longer than this is reported once through `on_slow`.
    pub slow_after: Duration,
}

impl RunnerOptions {
    pub fn new(threads: usize) -> Self {
        let threads = threads.max(1);
        RunnerOptions { threads, window: threads * 4, slow_after: Duration::from_secs(60) }
    }
}

/// Items being worked on: label, start time, and whether they were reported slow.
type Running = Mutex<HashMap<usize, (String, Instant, bool)>>;

/// Applies `work` to every item of `inputs` on `options.threads` threads and
/// hands the results to `sink` in input order. `label` names an item for
/// `on_slow`, which is called once for each item that runs longer than
/// `options.slow_after`.
pub fn run_ordered<I, T, R, W, S, L, N>(inputs: I, options: RunnerOptions, label: L, work: W, mut sink: S, on_slow: N)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    W: Fn(T) -> R + Sync,
    S: FnMut(R),
    L: Fn(&T) -> String + Sync,
    N: Fn(&str, Duration),
{
    let window = options.window.max(1);
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, T)>(window);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, R)>();
    let emitted = (Mutex::new(0usize), Condvar::new());
    let running: Running = Mutex::new(HashMap::new());
    std::thread::scope(|scope| {
        let (emitted, running, label) = (&emitted, &running, &label);
        scope.spawn(move || {
            for (index, item) in inputs.enumerate() {
                if !wait_for_room(emitted, index, window) {
                    break;
                }
                if work_tx.send((index, item)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..options.threads.max(1) {
            let done_tx = done_tx.clone();
            let (work_rx, work) = (&work_rx, &work);
            scope.spawn(move || loop {
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((index, item))) = next else { break };
                if let Ok(mut running) = running.lock() {
                    running.insert(index, (label(&item), Instant::now(), false));
                }
                let result = work(item);
                if let Ok(mut running) = running.lock() {
                    running.remove(&index);
                }
                if done_tx.send((index, result)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next_index = 0;
        loop {
            match done_rx.recv_timeout(Duration::from_millis(500)) {
                Ok((index, result)) => {
                    pending.insert(index, result);
                    while let Some(result) = pending.remove(&next_index) {
                        sink(result);
                        next_index += 1;
                    }
                    mark_emitted(emitted, next_index);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            report_slow(running, options.slow_after, &on_slow);
        }
    });
}

/// Blocks the reader until item `index` fits in the window; false if the
/// run is shutting down (never, while the collector lives).
fn wait_for_room(emitted: &(Mutex<usize>, Condvar), index: usize, window: usize) -> bool {
    let (count, ready) = emitted;
    let Ok(mut done) = count.lock() else { return false };
    while index >= *done + window {
        done = match ready.wait(done) {
            Ok(done) => done,
            Err(_) => return false,
        };
    }
    true
}

fn mark_emitted(emitted: &(Mutex<usize>, Condvar), next_index: usize) {
    if let Ok(mut done) = emitted.0.lock() {
        *done = next_index;
    }
    emitted.1.notify_all();
}

fn report_slow<N: Fn(&str, Duration)>(running: &Running, slow_after: Duration, on_slow: &N) {
    let Ok(mut running) = running.lock() else { return };
    for (label, started, reported) in running.values_mut() {
        let elapsed = started.elapsed();
        if !*reported && elapsed >= slow_after {
            *reported = true;
            on_slow(label, elapsed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ignore_slow(_: &str, _: Duration) {}

    #[test]
    fn keeps_input_order() {
        let mut out = Vec::new();
        let work = |n: u64| {
            std::thread::sleep(Duration::from_micros((n * 7919) % 50));
            n * 2
        };
        run_ordered(0..500u64, RunnerOptions::new(4), |n| n.to_string(), work, |r| out.push(r), ignore_slow);
        assert_eq!(out, (0..500u64).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_slow_head_does_not_let_results_pile_up() {
        let options = RunnerOptions { threads: 4, window: 8, slow_after: Duration::from_millis(100) };
        let started = AtomicUsize::new(0);
        let started_while_head_ran = AtomicUsize::new(0);
        let slow = Mutex::new(Vec::new());
        let work = |n: usize| {
            started.fetch_add(1, Ordering::SeqCst);
            if n == 0 {
                std::thread::sleep(Duration::from_millis(700));
                started_while_head_ran.store(started.load(Ordering::SeqCst), Ordering::SeqCst);
            }
            n
        };
        let mut out = Vec::new();
        let on_slow = |label: &str, _| slow.lock().unwrap().push(label.to_string());
        run_ordered(0..200usize, options, |n| format!("item {n}"), work, |r| out.push(r), on_slow);
        assert_eq!(out, (0..200).collect::<Vec<_>>());
        assert_eq!(*slow.lock().unwrap(), vec!["item 0".to_string()]);
        // While item 0 ran, no more than the window's items were started.
        assert!(started_while_head_ran.load(Ordering::SeqCst) <= options.window);
    }
}
