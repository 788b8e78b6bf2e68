//! CloudFormation logical ids from `.dial` names: ASCII letters and digits only, unique within
//! the template.

use std::collections::BTreeSet;

/// A logical id for `name` with a suffix naming the resource kind (`OrderBot` + `BotAlias`
/// → `OrderBotBotAlias`). Characters other than ASCII letters and digits are dropped; a name
/// that loses characters that way gets a short hash of the original so that two such names do
/// not meet.
#[must_use]
pub fn logical_id(name: &str, suffix: &str) -> String {
    let mut id = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                id.push(c.to_ascii_uppercase());
            } else {
                id.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    let lossy = id.chars().count() != name.chars().count()
        && !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if lossy || id.is_empty() {
        id.push('X');
        id.push_str(&crate::lex::lower::derive_id(&[name])[..6]);
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, 'R');
    }
    id.push_str(suffix);
    id
}

/// The logical ids given out so far.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    taken: BTreeSet<String>,
}

impl Ids {
    /// A fresh logical id for `name` and `suffix` (a number is added when taken).
    pub(crate) fn claim(&mut self, name: &str, suffix: &str) -> String {
        let base = logical_id(name, suffix);
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }

    /// Marks a fixed id as taken.
    pub(crate) fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_alphanumeric_and_unique() {
        assert_eq!(logical_id("OrderBot", "Bot"), "OrderBotBot");
        assert_eq!(
            logical_id("order-reserve-stock", "LambdaParam"),
            "OrderReserveStockLambdaParam"
        );
        let jp = logical_id("注文", "Flow");
        assert!(jp.chars().all(|c| c.is_ascii_alphanumeric()) && jp.ends_with("Flow"));
        assert_ne!(jp, logical_id("受付", "Flow"));
        let mut ids = Ids::default();
        assert_eq!(ids.claim("a", "Flow"), "AFlow");
        assert_eq!(ids.claim("a", "Flow"), "AFlow2");
    }
}
