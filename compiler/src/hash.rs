//! The hash maps and sets of the compiler's hot paths: the standard ones with foldhash instead
//! of SipHash.
//!
//! The keys are names and identifiers from the project being compiled. SipHash's resistance to
//! chosen collisions protects servers from hostile keys; a compiler hashing its own project's
//! names pays several times more per lookup for it and gains nothing. The state is still seeded
//! per map, so nothing may depend on iteration order (output order comes from declaration
//! order, never from a hash map).

/// A `HashMap` with foldhash.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash.
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
