//! [`Extra`]: the keys of a JSON object that the model does not name, kept as written.
//!
//! Every action, transition, branch and parameter struct has one, and almost all of them are
//! empty (a built flow's always are). An inline `IndexMap` is 72 bytes even when empty; `Extra`
//! is one pointer, allocated only when a key is kept. A large project lowers to millions of
//! these objects.

use indexmap::IndexMap;
use serde_json::Value;

/// Unknown keys of a JSON object, in their original order. Empty unless an import kept some.
#[derive(Debug, Clone, Default)]
pub struct Extra(Option<Box<IndexMap<String, Value>>>);

impl Extra {
    /// No keys.
    #[must_use]
    pub const fn new() -> Self {
        Self(None)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |m| m.len())
    }

    /// The value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_ref()?.get(key)
    }

    /// Sets `key` (a new key goes last), returning the value it had.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        self.0.get_or_insert_with(Box::default).insert(key, value)
    }

    /// The keys and values, in order.
    #[must_use]
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.0.as_ref().map(|m| m.iter()))
    }
}

/// Equal when the same keys have the same values in the same order (an empty map and none are
/// equal).
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// The entries of an [`Extra`], in order.
#[derive(Debug, Clone)]
pub struct Iter<'a>(Option<indexmap::map::Iter<'a, String, Value>>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.as_mut()?.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.as_ref().map_or((0, Some(0)), Iterator::size_hint)
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Extra {
    type Item = (String, Value);
    type IntoIter = std::iter::Flatten<std::option::IntoIter<IndexMap<String, Value>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.map(|m| *m).into_iter().flatten()
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let map: IndexMap<String, Value> = iter.into_iter().collect();
        Self((!map.is_empty()).then(|| Box::new(map)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_in_order_and_empty_maps_equal_none() {
        let mut e = Extra::new();
        assert!(e.is_empty());
        assert_eq!(e.iter().count(), 0);
        assert_eq!(e, Extra::from_iter(Vec::new()));
        e.insert("b".to_owned(), Value::from(1));
        e.insert("a".to_owned(), Value::from(2));
        assert_eq!(
            e.insert("b".to_owned(), Value::from(3)),
            Some(Value::from(1))
        );
        assert_eq!(e.len(), 2);
        assert_eq!(e.get("b"), Some(&Value::from(3)));
        let keys: Vec<&String> = e.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a"]);
        let again: Extra = e.clone().into_iter().collect();
        assert_eq!(again, e);
        assert_ne!(again, Extra::new());
        assert_eq!(Extra(Some(Box::default())), Extra::new());
        assert!(std::mem::size_of::<Extra>() <= 8);
    }
}
