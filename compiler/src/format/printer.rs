//! Prints tokens in the canonical layout.
//!
//! The layout keeps the author's line breaks (like gofmt) and adds the ones the style requires:
//! every member of a block (statement, outcome in braces, step, setting, bot member ...) starts
//! a line, and a block's braces sit at the ends of its lines. Indentation is two spaces per
//! block; a line that continues a member (outcomes written without braces) is indented once
//! more. Within a line, tokens are separated by one space, except around `-` (`mon-fri`), before
//! `,` and before the `:` of arguments. Runs of similar lines are aligned in columns: outcome
//! arrows, slot-type `=`, slot declarations and weekly hours. Trailing comments keep the gap
//! their author gave them, and consecutive ones share a column. At most one blank line is kept
//! between lines, none just inside braces.

use unicode_width::UnicodeWidthStr;

use super::lexer::{Kind, Token};
use super::marks::{Align, Marks};

const INDENT: &str = "  ";

struct Line {
    depth: usize,
    blank_before: bool,
    toks: Vec<usize>,
}

/// A line rendered, before alignment.
struct Rendered {
    depth: usize,
    blank_before: bool,
    align: Option<Align>,
    /// The code in columns (one cell when the line is not aligned), indentation not included.
    cells: Vec<String>,
    /// A trailing `//` comment and the whitespace width its author put before it.
    comment: Option<(String, usize)>,
}

pub(crate) fn print(text: &str, tokens: &[Token], marks: &Marks) -> String {
    let lines = break_lines(tokens, marks);
    let rendered: Vec<Rendered> = lines
        .iter()
        .map(|l| render_line(text, tokens, marks, l))
        .collect();
    let code = align(&rendered);
    let mut out = String::with_capacity(text.len() + 64);
    let mut i = 0;
    while i < rendered.len() {
        // A run of consecutive lines with trailing comments shares one comment column.
        let mut j = i;
        while j < rendered.len()
            && rendered[j].comment.is_some()
            && (j == i || !rendered[j].blank_before)
        {
            j += 1;
        }
        if j > i {
            let column = (i..j)
                .map(|k| {
                    let gap = rendered[k].comment.as_ref().map_or(1, |c| c.1);
                    last_line_width(&code[k]) + gap
                })
                .max()
                .unwrap_or(0);
            for k in i..j {
                push_line(&mut out, &rendered[k], &code[k]);
                let pad = column.saturating_sub(last_line_width(&code[k])).max(1);
                out.extend(std::iter::repeat_n(' ', pad));
                if let Some((c, _)) = &rendered[k].comment {
                    out.push_str(c);
                }
                out.push('\n');
            }
            i = j;
        } else {
            let r = &rendered[i];
            push_line(&mut out, r, &code[i]);
            out.push('\n');
            i += 1;
        }
    }
    out
}

fn push_line(out: &mut String, r: &Rendered, code: &str) {
    if r.blank_before && !out.is_empty() {
        out.push('\n');
    }
    out.push_str(code);
}

fn last_line_width(s: &str) -> usize {
    s.rsplit('\n').next().unwrap_or("").width()
}

/// Splits the tokens into output lines and computes each line's depth.
fn break_lines(tokens: &[Token], marks: &Marks) -> Vec<Line> {
    // Matching braces, and whether each `{` opens a block of members.
    let mut open_of = vec![None; tokens.len()];
    let mut stack = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::LBrace => stack.push(i),
            Kind::RBrace => open_of[i] = stack.pop(),
            _ => {}
        }
    }
    let is_block = |i: usize| marks.block_opens.contains(&tokens[i].start);

    let mut lines: Vec<Line> = Vec::new();
    let mut braces: Vec<bool> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let new_line = i == 0
            || t.newlines_before > 0
            || marks.member_starts.contains(&t.start)
            || (tokens[i - 1].kind == Kind::LBrace
                && is_block(i - 1)
                && t.kind != Kind::RBrace
                && t.kind != Kind::LineComment)
            || (t.kind == Kind::RBrace && open_of[i].is_some_and(|o| is_block(o) && o + 1 != i));
        if new_line {
            let first = t.kind;
            let mut depth = braces.len();
            if first == Kind::RBrace {
                depth = depth.saturating_sub(1);
            } else if !marks.member_starts.contains(&t.start)
                && !matches!(first, Kind::LineComment | Kind::BlockComment)
                && braces.last().is_none_or(|b| *b)
            {
                // A member continued on another line.
                depth += 1;
            }
            let prev_opens_block = lines
                .last()
                .and_then(|l| l.toks.last())
                .is_some_and(|&p| tokens[p].kind == Kind::LBrace && is_block(p));
            let blank_before = t.newlines_before >= 2
                && !lines.is_empty()
                && !prev_opens_block
                && first != Kind::RBrace;
            lines.push(Line {
                depth,
                blank_before,
                toks: Vec::new(),
            });
        }
        if let Some(l) = lines.last_mut() {
            l.toks.push(i);
        }
        match t.kind {
            Kind::LBrace => braces.push(is_block(i)),
            Kind::RBrace => {
                braces.pop();
            }
            _ => {}
        }
    }
    lines
}

fn render_line(text: &str, tokens: &[Token], marks: &Marks, line: &Line) -> Rendered {
    let mut toks: &[usize] = &line.toks;
    let mut comment = None;
    if let Some((&last, rest)) = toks.split_last()
        && tokens[last].kind == Kind::LineComment
        && !rest.is_empty()
    {
        let t = &tokens[last];
        let c = text[t.start..t.end].trim_end().to_owned();
        let gap = rest.last().map_or(0, |&p| {
            text[tokens[p].end..t.start]
                .chars()
                .filter(|c| *c != '\n' && *c != '\r')
                .count()
                .max(1)
        });
        comment = Some((c, gap));
        toks = rest;
    }
    let indent = INDENT.repeat(line.depth);
    let multi_line = toks
        .iter()
        .any(|&i| text[tokens[i].start..tokens[i].end].contains('\n'));
    let align = match toks.first() {
        Some(&i) if !multi_line => marks.line_align.get(&tokens[i].start).copied(),
        _ => None,
    };
    let mut cells = vec![String::new()];
    let mut prev: Option<usize> = None;
    for &i in toks {
        let t = &tokens[i];
        let raw = &text[t.start..t.end];
        if prev.is_some() && align.is_some() && marks.cell_breaks.contains(&t.start) {
            cells.push(String::new());
        } else if let Some(p) = prev
            && space_between(text, &tokens[p], t, marks)
        {
            push_to_last(&mut cells, " ");
        }
        if t.kind == Kind::TextBlock {
            let inner = format!("{indent}{INDENT}");
            push_to_last(&mut cells, &reindent_text_block(raw, &inner));
        } else if t.kind == Kind::BlockComment && !raw.ends_with("*/") {
            // An unclosed comment runs to the end of the file: its trailing blank is ours.
            push_to_last(&mut cells, raw.trim_end());
        } else {
            push_to_last(&mut cells, raw);
        }
        prev = Some(i);
    }
    if let Some(first) = cells.first_mut() {
        first.insert_str(0, &indent);
    }
    Rendered {
        depth: line.depth,
        blank_before: line.blank_before,
        align,
        cells,
        comment,
    }
}

fn push_to_last(cells: &mut [String], s: &str) {
    if let Some(c) = cells.last_mut() {
        c.push_str(s);
    }
}

fn space_between(text: &str, a: &Token, b: &Token, marks: &Marks) -> bool {
    match (a.kind, b.kind) {
        (_, Kind::Comma) | (Kind::LBrace, Kind::RBrace) => false,
        (_, Kind::Colon) => marks.spaced_colons.contains(&b.start),
        (Kind::Dash, _) | (_, Kind::Dash) => false,
        (Kind::Other, _) | (_, Kind::Other) => {
            // Unknown glue (`/` and `+` of time-zone names): as written.
            b.start > a.end && !text[a.end..b.start].is_empty()
        }
        _ => true,
    }
}

/// Lines the columns of runs of similar lines up; returns each line's code.
fn align(rendered: &[Rendered]) -> Vec<String> {
    let mut out: Vec<String> = rendered.iter().map(|r| r.cells.concat()).collect();
    let mut i = 0;
    while i < rendered.len() {
        let Some(kind) = rendered[i].align else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < rendered.len()
            && rendered[j].align == Some(kind)
            && rendered[j].depth == rendered[i].depth
            && !rendered[j].blank_before
        {
            j += 1;
        }
        let columns = rendered[i..j]
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(1);
        let mut widths = vec![0; columns];
        for r in &rendered[i..j] {
            // Only cells followed by another cell are padded.
            for (c, cell) in r.cells.iter().enumerate().take(r.cells.len() - 1) {
                widths[c] = widths[c].max(cell.width());
            }
        }
        for (k, r) in rendered.iter().enumerate().take(j).skip(i) {
            let mut line = String::new();
            let last = r.cells.len() - 1;
            for (c, cell) in r.cells.iter().enumerate() {
                line.push_str(cell);
                if c < last {
                    let pad = widths[c].saturating_sub(cell.width()) + 1;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out[k] = line;
        }
        i = j;
    }
    out
}

/// Moves the lines of a text block to `indent` when the block starts with a line break, so
/// that its text stays the same (the common indentation is removed when it is read).
fn reindent_text_block(raw: &str, indent: &str) -> String {
    let Some(inner) = raw
        .strip_prefix("\"\"\"")
        .and_then(|r| r.strip_suffix("\"\"\""))
    else {
        return raw.to_owned();
    };
    if inner.contains('\r') {
        return raw.to_owned();
    }
    let lines: Vec<&str> = inner.split('\n').collect();
    if lines.len() < 3
        || !lines[0].trim().is_empty()
        || !lines.last().is_some_and(|l| l.trim().is_empty())
    {
        return raw.to_owned();
    }
    let body = &lines[1..lines.len() - 1];
    let lead = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let common = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| lead(l))
        .min()
        .unwrap_or(0);
    let mut out = String::from("\"\"\"\n");
    for l in body {
        let cut = common.min(lead(l));
        let rest = &l[cut..];
        // A line of spaces only is an empty line of the text: written without them.
        if !rest.trim_start_matches([' ', '\t']).is_empty() {
            out.push_str(indent);
            out.push_str(rest);
        }
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str("\"\"\"");
    out
}
