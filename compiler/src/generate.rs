//! Generates large, realistic `.dial` projects for benchmarks (see `benches/`).
