//! Project configuration: `dialect.toml` and environment files.
