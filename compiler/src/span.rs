//! Source files and byte spans.
//!
//! Every diagnostic, AST node and IR element that came from text carries a [`Span`]: a file and a
//! half-open byte range into that file's text. Spans are always relative to the whole file (never
//! to a line), so every renderer can compute lines and columns the same way.

use std::sync::OnceLock;

use serde::Serialize;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    #[must_use]
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Self {
            file,
            start: to_u32(start),
            end: to_u32(end.max(start)),
        }
    }

    /// An empty span at `offset`.
    #[must_use]
    pub fn point(file: FileId, offset: usize) -> Self {
        Self::new(file, offset, offset)
    }

    /// The smallest span covering both `self` and `other` (same file assumed).
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One loaded file: its display path, its text and an index of line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should read it (relative to the working directory when possible).
    pub path: String,
    pub text: String,
    /// Built on the first question about lines: a clean build of a large project never asks.
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    #[must_use]
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    /// The byte offset where each line starts.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| to_u32(i + 1)));
            starts
        })
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(to_u32(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count();
        (line + 1, col + 1)
    }

    /// 0-based line and 0-based UTF-16 column, as the language server protocol counts.
    #[must_use]
    pub fn line_col_utf16(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(to_u32(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].encode_utf16().count();
        (line, col)
    }

    /// Byte offset of a 0-based line and UTF-16 column (clamped to the text).
    #[must_use]
    pub fn offset_utf16(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line) else {
            return self.text.len();
        };
        let start = start as usize;
        let mut units = 0;
        for (i, ch) in self.text[start..].char_indices() {
            if units >= col || ch == '\n' {
                return start + i;
            }
            units += ch.len_utf16();
        }
        self.text.len()
    }

    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// All files of one compilation, addressed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(to_u32(self.files.len() - 1))
    }

    #[must_use]
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: FileId) -> &mut SourceFile {
        &mut self.files[id.0 as usize]
    }

    #[must_use]
    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(to_u32(i)))
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(to_u32(i)), f))
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The text a span covers.
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).text.get(span.range()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.dial", "ab\nお電話 x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(u32::try_from(x).unwrap()), (2, 5));
        assert_eq!(f.line_col_utf16(u32::try_from(x).unwrap()), (1, 4));
        assert_eq!(f.offset_utf16(1, 4), x);
    }
}
