//! Parameter values compiled once: static text, a single JSONPath reference (`$.Attributes.x`),
//! or text with references embedded (`"Hello $.Attributes.name"`).
//!
//! References are parsed into [`Ref`]s at compile time so that the interpreter never parses a
//! path while a call runs. Contact-attribute and flow-attribute names are interned into
//! [`Sym`]s: a call keeps their values in a vector indexed by symbol.

use dialect_compiler::connect::Scalar;

/// An interned attribute name (contact or flow attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// Interns attribute names. Order of first appearance gives the symbol number.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    names: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Interner {
    /// The symbol of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&i) = self.index.get(name) {
            return Sym(i);
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        Sym(i)
    }

    /// The symbol of `name`, if it was interned.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Sym> {
        self.index.get(name).map(|&i| Sym(i))
    }

    /// The name of a symbol.
    #[must_use]
    pub fn name(&self, sym: Sym) -> &str {
        self.names.get(sym.0 as usize).map_or("", String::as_str)
    }

    /// How many names are interned.
    #[must_use]
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// No name is interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A JSONPath reference to contact data, as Connect resolves it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ref {
    /// `$.Attributes.<name>`: a user-defined contact attribute.
    Attribute(Sym),
    /// `$.FlowAttributes.<name>`: a flow attribute (current flow only).
    FlowAttribute(Sym),
    /// `$.External.<path>`: the last Lambda result (dotted path for JSON results).
    External(String),
    /// `$.StoredCustomerInput`.
    StoredInput,
    /// `$.Lex.IntentName`.
    LexIntent,
    /// `$.Lex.Slots.<name>`.
    LexSlot(String),
    /// `$.Lex.SessionAttributes.<name>`.
    LexSessionAttribute(String),
    /// `$.Lex.IntentConfidence` (the score of the recognised intent).
    LexConfidence,
    /// `$.Lex.IntentState` / `$.Lex.ConfirmationState` and other Lex values.
    LexOther(String),
    /// `$.Customer.<path>`: the customer profile found by a profile lookup.
    Customer(String),
    /// `$.Metrics.Queue.<name>` / `$.Metrics.Agents.<name>`.
    Metric(String),
    /// `$.CustomerEndpoint.Address`: the caller's number (absent when withheld).
    CustomerEndpoint,
    /// `$.SystemEndpoint.Address`: the number the caller dialled.
    SystemEndpoint,
    /// `$.Channel`.
    Channel,
    /// `$.ContactId` / `$.InitialContactId`.
    ContactId,
    /// `$.Queue.Name`.
    QueueName,
    /// `$.Queue.ARN`.
    QueueArn,
    /// `$.LanguageCode`.
    LanguageCode,
    /// Anything else: kept as written, reads as empty.
    Other(String),
}

impl Ref {
    /// Parses `$.…`; `None` when the text is not a reference.
    pub fn parse(path: &str, interner: &mut Interner) -> Option<Ref> {
        let path = &*unbracket(path);
        let rest = path.strip_prefix("$.")?;
        let (head, tail) = match rest.split_once('.') {
            Some((h, t)) => (h, Some(t)),
            None => (rest, None),
        };
        Some(match (head, tail) {
            ("Attributes", Some(k)) => Ref::Attribute(interner.intern(k)),
            ("FlowAttributes", Some(k)) => Ref::FlowAttribute(interner.intern(k)),
            ("External", Some(k)) => Ref::External(k.to_owned()),
            ("StoredCustomerInput", None) => Ref::StoredInput,
            ("Lex", Some("IntentName")) => Ref::LexIntent,
            ("Lex", Some("IntentConfidence")) => Ref::LexConfidence,
            ("Lex", Some(t)) => match t.split_once('.') {
                Some(("Slots", s)) => Ref::LexSlot(s.to_owned()),
                Some(("SessionAttributes", s)) => Ref::LexSessionAttribute(s.to_owned()),
                _ => Ref::LexOther(t.to_owned()),
            },
            ("Customer", Some(k)) => Ref::Customer(k.to_owned()),
            ("Metrics", Some(k)) => Ref::Metric(k.to_owned()),
            ("CustomerEndpoint", Some("Address")) => Ref::CustomerEndpoint,
            ("SystemEndpoint", Some("Address")) => Ref::SystemEndpoint,
            ("Channel", None) => Ref::Channel,
            ("ContactId" | "InitialContactId", None) => Ref::ContactId,
            ("Queue", Some("Name")) => Ref::QueueName,
            ("Queue", Some("ARN")) => Ref::QueueArn,
            ("LanguageCode", None) => Ref::LanguageCode,
            _ => Ref::Other(path.to_owned()),
        })
    }
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// A reference, replaced by its value (empty when unset).
    Ref(Ref),
}

/// A compiled parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Static text.
    Static(String),
    /// A single reference: the whole value is `$.…`.
    Ref(Ref),
    /// Text with references embedded.
    Template(Vec<Piece>),
}

impl Default for Expr {
    fn default() -> Self {
        Expr::Static(String::new())
    }
}

impl Expr {
    /// Compiles a parameter scalar.
    pub fn compile(scalar: &Scalar, interner: &mut Interner) -> Expr {
        Self::compile_str(&scalar.text(), interner)
    }

    /// Compiles an optional scalar; absent is empty text.
    pub fn compile_opt(scalar: Option<&Scalar>, interner: &mut Interner) -> Expr {
        scalar.map_or_else(Expr::default, |s| Self::compile(s, interner))
    }

    /// Compiles text.
    pub fn compile_str(text: &str, interner: &mut Interner) -> Expr {
        if !text.contains("$.") {
            return Expr::Static(text.to_owned());
        }
        let trimmed = text.trim();
        if trimmed.starts_with("$.")
            && ref_end(trimmed) == trimmed.len()
            && let Some(r) = Ref::parse(trimmed, interner)
        {
            return Expr::Ref(r);
        }
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("$.") {
            if at > 0 {
                pieces.push(Piece::Text(rest[..at].to_owned()));
            }
            let after = &rest[at..];
            let end = ref_end(after);
            match Ref::parse(&after[..end], interner) {
                Some(r) if end > 2 => pieces.push(Piece::Ref(r)),
                _ => pieces.push(Piece::Text(after[..end.max(2)].to_owned())),
            }
            rest = &after[end.max(2)..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Expr::Template(pieces)
    }

    /// The static text, when the value is static.
    #[must_use]
    pub fn as_static(&self) -> Option<&str> {
        match self {
            Expr::Static(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the value is empty static text.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        matches!(self, Expr::Static(s) if s.is_empty())
    }
}

/// Where a reference that starts at the beginning of `s` (with `$.`) ends: path characters are
/// letters, digits, `_`, `-` and `.`, and a segment may be written in the bracket form Connect
/// documents for names with special characters (`$.Attributes.['order id']`); a trailing `.`
/// belongs to the text (end of a sentence).
fn ref_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut end = 2.min(s.len());
    let mut i = end;
    while i < s.len() {
        if s[i..].starts_with(".['")
            && let Some(close) = s[i + 3..].find("']")
        {
            i += 3 + close + 2;
            end = i;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' {
            i += c.len_utf8();
            end = i;
        } else {
            break;
        }
    }
    while end > 2 && bytes.get(end - 1) == Some(&b'.') {
        end -= 1;
    }
    end
}

/// `$.Attributes.['x']` → `$.Attributes.x`.
fn unbracket(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains(".['") {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(at) = rest.find(".['") {
        out.push_str(&rest[..at]);
        out.push('.');
        let after = &rest[at + 3..];
        match after.find("']") {
            Some(close) => {
                out.push_str(&after[..close]);
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_segments_are_read_as_names() {
        let mut i = Interner::default();
        let e = Expr::compile_str(
            "$.External.['productName']を$.Attributes.['quantity']点",
            &mut i,
        );
        let Expr::Template(p) = e else {
            panic!("a template")
        };
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(matches!(&p[0], Piece::Ref(Ref::External(k)) if k == "productName"));
        assert!(matches!(&p[1], Piece::Text(t) if t == "を"));
        assert!(matches!(&p[2], Piece::Ref(Ref::Attribute(_))));
        assert_eq!(
            ref_end("$.Attributes.['a b'] rest"),
            "$.Attributes.['a b']".len()
        );
    }

    #[test]
    fn compiles_the_three_forms() {
        let mut i = Interner::default();
        assert_eq!(
            Expr::compile_str("hello", &mut i),
            Expr::Static("hello".into())
        );
        assert_eq!(
            Expr::compile_str("$.Attributes.name", &mut i),
            Expr::Ref(Ref::Attribute(Sym(0)))
        );
        assert_eq!(
            Expr::compile_str("Hi $.Attributes.name. Bye", &mut i),
            Expr::Template(vec![
                Piece::Text("Hi ".into()),
                Piece::Ref(Ref::Attribute(Sym(0))),
                Piece::Text(". Bye".into()),
            ])
        );
        assert_eq!(
            Expr::compile_str("$.Lex.Slots.Product", &mut i),
            Expr::Ref(Ref::LexSlot("Product".into()))
        );
        assert_eq!(
            Expr::compile_str("$.CustomerEndpoint.Address", &mut i),
            Expr::Ref(Ref::CustomerEndpoint)
        );
        // A lone "$." is text, never a panic.
        assert_eq!(
            Expr::compile_str("cost $. x", &mut i),
            Expr::Template(vec![
                Piece::Text("cost ".into()),
                Piece::Text("$.".into()),
                Piece::Text(" x".into()),
            ])
        );
    }
}
