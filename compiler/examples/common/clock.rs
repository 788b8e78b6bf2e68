//! The timing examples' clock: wall time and, on Linux, the CPU time of this thread (from
//! `/proc/thread-self/schedstat`), which is what matters on a shared, busy machine.

use std::time::Instant as WallClock;

pub struct Clock {
    wall: WallClock,
    cpu: Option<u64>,
}

impl Clock {
    pub fn now() -> Clock {
        Clock {
            wall: WallClock::now(),
            cpu: cpu_ns(),
        }
    }

    pub fn elapsed(&self) -> Elapsed {
        Elapsed {
            wall_ms: self.wall.elapsed().as_secs_f64() * 1e3,
            cpu_ms: self
                .cpu
                .zip(cpu_ns())
                .map(|(a, b)| (b.saturating_sub(a)) as f64 / 1e6),
        }
    }
}

/// Time since [`Clock::now`], printed as `  12.3 ms cpu   14.0 ms wall`.
pub struct Elapsed {
    pub wall_ms: f64,
    pub cpu_ms: Option<f64>,
}

impl std::fmt::Display for Elapsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cpu_ms {
            Some(cpu) => write!(f, "{:>8.1} ms cpu {:>8.1} ms wall", cpu, self.wall_ms),
            None => write!(f, "{:>8.1} ms wall", self.wall_ms),
        }
    }
}

fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
