//! The Dialect call simulator (see ARCHITECTURE.md). It reads only the compiler's IR.
