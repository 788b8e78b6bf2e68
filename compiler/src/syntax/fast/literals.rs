//! Tokens → AST values, with the checks of the pest builder (`parser.rs`): a literal that the
//! builder would report (`P003`, `P004`, `P006`) makes the fast path give up instead.

use super::Parser;
use crate::syntax::ast::{Date, Duration, Int, PatternValue, Reference, Text, TextSegment, Value};
use crate::syntax::text::build_text;

impl Parser<'_> {
    /// `text = _{ text_block | string }`
    pub(super) fn text(&mut self) -> Option<Text> {
        if let Some((start, end)) = self.text_block_range() {
            return self.built_text(start, end);
        }
        self.string()
    }

    /// `string`, as a [`Text`].
    pub(super) fn string(&mut self) -> Option<Text> {
        let (start, end, plain) = self.string_range()?;
        if plain {
            // What `build_text` makes of a string without escapes or placeholders.
            let inner = self.text.get(start + 1..end - 1).unwrap_or_default();
            return Some(Text {
                value: inner.to_owned(),
                segments: vec![TextSegment::Literal(inner.to_owned())],
                span: self.span(start, end),
                block: false,
            });
        }
        self.built_text(start, end)
    }

    fn built_text(&mut self, start: usize, end: usize) -> Option<Text> {
        let raw = self.text.get(start..end)?;
        let mut diags = Vec::new();
        let t = build_text(self.file, raw, start, &mut diags);
        if diags.is_empty() {
            Some(t)
        } else {
            self.bail()
        }
    }

    pub(super) fn int(&mut self) -> Option<Int> {
        let (start, end) = self.int_range()?;
        match self.text.get(start..end)?.parse::<u32>() {
            Ok(value) => Some(Int {
                value,
                span: self.span(start, end),
            }),
            Err(_) => self.bail(),
        }
    }

    pub(super) fn duration(&mut self) -> Option<Duration> {
        let (start, end, unit) = self.duration_range()?;
        let factor: u64 = match self.text.get(unit..end)? {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            _ => 86_400_000,
        };
        let n = self.text.get(start..unit)?.parse::<u64>().ok();
        match n.and_then(|n| n.checked_mul(factor)) {
            Some(millis) if millis > 0 => Some(Duration {
                millis,
                span: self.span(start, end),
            }),
            _ => self.bail(),
        }
    }

    /// `date`, checked as the builder does (a bad date is `P006`).
    pub(super) fn date(&mut self) -> Option<Date> {
        let (start, end) = self.date_range()?;
        let s = self.text.get(start..end)?;
        let year = s.get(0..4)?.parse::<u16>().ok()?;
        let month = s.get(5..7)?.parse::<u8>().ok()?;
        let day = s.get(8..10)?.parse::<u8>().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if days == 0 || day == 0 || day > days {
            return self.bail();
        }
        Some(Date { year, month, day })
    }

    /// `time` as minutes since midnight with its span.
    pub(super) fn time(&mut self) -> Option<crate::syntax::ast::TimeOfDay> {
        let (start, end) = self.time_range()?;
        let (h, m) = self.text.get(start..end)?.split_once(':')?;
        let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
        if h > 24 || m > 59 || (h == 24 && m > 0) {
            return self.bail();
        }
        Some(crate::syntax::ast::TimeOfDay {
            minutes: h * 60 + m,
            span: self.span(start, end),
        })
    }

    pub(super) fn reference(&mut self) -> Option<Reference> {
        let (start, end) = self.reference_range()?;
        Some(Reference {
            path: self.text.get(start + 1..end)?.to_owned(),
            span: self.span(start, end),
        })
    }

    /// `value = { string | text_block | reference | duration | number | kw_true | kw_false }`
    pub(super) fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            // `string` comes first, so `"""` in a value is the empty string `""`.
            b'"' => self.string().map(Value::Text),
            b'$' => self.reference().map(Value::Reference),
            b'0'..=b'9' | b'-' => {
                if let Some(d) = self.duration() {
                    return Some(Value::Duration(d));
                }
                if self.bailed {
                    return None;
                }
                let (start, end) = self.number_range()?;
                Some(Value::Number(
                    self.text.get(start..end)?.to_owned(),
                    self.span(start, end),
                ))
            }
            _ => {
                if let Some((s, e)) = self.kw("true") {
                    Some(Value::Bool(true, self.span(s, e)))
                } else {
                    let (s, e) = self.kw("false")?;
                    Some(Value::Bool(false, self.span(s, e)))
                }
            }
        }
    }

    /// `pattern_value = { string | percent | duration | number | key_symbol }`
    pub(super) fn pattern_value(&mut self) -> Option<PatternValue> {
        match self.peek()? {
            b'"' => self.string().map(|t| PatternValue::Text(Box::new(t))),
            b'*' | b'#' => {
                let (s, e) = self.key_symbol()?;
                let c = char::from(*self.bytes.get(s)?);
                Some(PatternValue::Key(c, self.span(s, e)))
            }
            b'0'..=b'9' | b'-' => {
                if let Some((start, end)) = self.percent_range() {
                    let n = self
                        .text
                        .get(start..end - 1)?
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n <= 100);
                    return match n {
                        Some(n) => Some(PatternValue::Percent(n, self.span(start, end))),
                        None => self.bail(),
                    };
                }
                if let Some(d) = self.duration() {
                    return Some(PatternValue::Duration(d));
                }
                if self.bailed {
                    return None;
                }
                let (start, end) = self.number_range()?;
                Some(PatternValue::Number(
                    self.text.get(start..end)?.to_owned(),
                    self.span(start, end),
                ))
            }
            _ => None,
        }
    }

    /// `key_symbol = @{ "*" | "#" }`
    fn key_symbol(&mut self) -> Option<(usize, usize)> {
        match self.peek()? {
            b'*' | b'#' => {
                self.pos += 1;
                Some((self.pos - 1, self.pos))
            }
            _ => None,
        }
    }
}
