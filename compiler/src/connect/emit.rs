//! Emit: [`Flow`] → flow-language JSON text.
//!
//! The output is deterministic: keys in the order of exports (`Version`, `StartAction`,
//! `Metadata`, `Actions`, `Settings`; in actions `Identifier`, `Type`, `Parameters`,
//! `Transitions`), unknown keys after the known ones in their original order, two-space
//! indentation like console exports, and a final newline.

use std::io;

use serde::Serialize as _;
use serde_json::ser::Formatter;

use super::flow::Flow;

/// Bytes reserved per action before writing: a built flow takes about 800 (its `Metadata`
/// position included), so most flows are written without growing the buffer.
const BYTES_PER_ACTION: usize = 1024;

/// Writes a flow as pretty JSON. For an imported flow the result equals the imported text as a
/// JSON value. The model serializes itself straight to text, without an intermediate `Value`,
/// into one buffer sized for the flow.
#[must_use]
pub fn emit_flow(flow: &Flow) -> String {
    let capacity = 512 + BYTES_PER_ACTION * flow.actions.len();
    let mut out = Vec::with_capacity(capacity);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    // Serializing cannot fail: all keys are strings and numbers are finite.
    if flow.serialize(&mut ser).is_err() {
        return String::new();
    }
    out.push(b'\n');
    out.shrink_to_fit();
    // serde_json writes only UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// A line break followed by the indentation of up to 32 levels.
const BREAK: &[u8; 65] = b"\n                                                                ";

/// `serde_json`'s `PrettyFormatter` with two-space indentation (the same bytes), writing each
/// line break with its indentation in one piece instead of one write per level: a large
/// project's flows have millions of lines, most of them five or more levels deep.
#[derive(Debug, Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn line<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        match BREAK.get(..1 + 2 * self.level) {
            Some(piece) => w.write_all(piece),
            None => {
                w.write_all(b"\n")?;
                for _ in 0..self.level {
                    w.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.line(w)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formatter_writes_what_serde_json_pretty_writes() {
        // Nesting deeper than the indentation piece, empty containers, escapes, numbers.
        let mut deep = serde_json::json!({"leaf": [1, 2.5, null, true, "x\"\n\u{1}", "点"]});
        for i in 0..40 {
            deep = serde_json::json!({ format!("k{i}"): [deep, {}, [], {"a": []}] });
        }
        for value in [
            deep,
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!(7),
        ] {
            let mut ours = Vec::new();
            value
                .serialize(&mut serde_json::Serializer::with_formatter(
                    &mut ours,
                    Pretty::default(),
                ))
                .expect("serialize");
            let theirs = serde_json::to_vec_pretty(&value).expect("serialize");
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
    }
}
