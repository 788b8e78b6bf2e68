//! Where the parts of a bot come from, so that checks of a [`super::Bot`] can point at source.
//!
//! A bot lowered from `.dial` knows the span of every locale, intent, slot, utterance and slot
//! type; a bot imported from an export has only the span its caller gives (the whole file, or
//! the resource in a template). Checks ask for the most specific path and get the nearest
//! ancestor that has a span.
//!
//! Paths are `/`-separated: `ja_JP`, `ja_JP/intent/OrderProduct`,
//! `ja_JP/intent/OrderProduct/utterance/3`, `ja_JP/intent/OrderProduct/slot/Product`,
//! `ja_JP/intent/OrderProduct/slot/Product/prompt`, `ja_JP/intent/OrderProduct/confirm`,
//! `ja_JP/intent/OrderProduct/decline`, `ja_JP/slot_type/Product`,
//! `ja_JP/slot_type/Product/value/0`.

use crate::hash::FastMap;
use crate::span::Span;

/// Spans of the parts of one bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotSpans {
    /// The span used when nothing more specific is known (the bot's name).
    pub root: Span,
    by_path: FastMap<String, Span>,
}

impl BotSpans {
    /// Spans with only a root: every lookup gives `root`.
    #[must_use]
    pub fn new(root: Span) -> Self {
        Self {
            root,
            by_path: FastMap::default(),
        }
    }

    /// Records the span of a part.
    pub fn insert(&mut self, path: impl Into<String>, span: Span) {
        self.by_path.insert(path.into(), span);
    }

    /// The span of the part at `path`, or of its nearest ancestor that has one.
    #[must_use]
    pub fn get(&self, path: &str) -> Span {
        let mut p = path;
        loop {
            if let Some(s) = self.by_path.get(p) {
                return *s;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return self.root,
            }
        }
    }

    /// Whether the part at exactly `path` has a span of its own.
    #[must_use]
    pub fn has(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::FileId;

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let f = FileId(0);
        let mut s = BotSpans::new(Span::new(f, 0, 1));
        s.insert("ja_JP", Span::new(f, 2, 3));
        s.insert("ja_JP/intent/A", Span::new(f, 4, 5));
        assert_eq!(s.get("ja_JP/intent/A/utterance/2"), Span::new(f, 4, 5));
        assert_eq!(s.get("ja_JP/intent/B"), Span::new(f, 2, 3));
        assert_eq!(s.get("en_US/intent/A"), Span::new(f, 0, 1));
        assert!(s.has("ja_JP") && !s.has("en_US"));
    }
}
