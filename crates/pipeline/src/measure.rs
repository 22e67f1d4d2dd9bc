//! What the benchmarks measure: the CPU time a piece of work took on this
//! thread (so figures hold on a busy machine) and the process's peak memory.

use std::time::{Duration, Instant};

/// Runs `work` and returns its result with the CPU time this thread spent on
/// it (Linux schedstat), or the wall time where the system does not say.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let (wall, cpu) = (Instant::now(), thread_cpu_time());
    let result = work();
    let spent = match (cpu, thread_cpu_time()) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        _ => wall.elapsed(),
    };
    (result, spent)
}

/// CPU time this thread has used (Linux schedstat, nanoseconds).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Peak resident set size of this process so far (Linux `VmHWM`), in MB.
pub fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
