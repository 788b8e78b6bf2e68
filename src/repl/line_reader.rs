//! Reading the REPL's lines: with line editing and history (rustyline) on a terminal, plain
//! lines otherwise, so that `printf '…' | dialect simulate …` works as a script.

use std::io::{BufRead, IsTerminal, StdinLock};

use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

/// A source of lines.
pub enum LineReader {
    /// A terminal: prompt, editing, history (in memory, for this session).
    Editor(Box<DefaultEditor>),
    /// A pipe or a file: no prompt, no echo.
    Plain(StdinLock<'static>),
}

impl LineReader {
    /// The editor when standard input and output are terminals, plain lines otherwise.
    #[must_use]
    pub fn new() -> Self {
        if std::io::stdin().is_terminal()
            && std::io::stdout().is_terminal()
            && let Ok(editor) = DefaultEditor::new()
        {
            return LineReader::Editor(Box::new(editor));
        }
        LineReader::Plain(std::io::stdin().lock())
    }

    /// Whether lines come from a person at a terminal.
    #[must_use]
    pub fn is_interactive(&self) -> bool {
        matches!(self, LineReader::Editor(_))
    }

    /// The next line, `None` at the end of input (Ctrl-D) or on a read error. Ctrl-C on a
    /// terminal abandons the line being typed and gives an empty one.
    pub fn read(&mut self, prompt: &str) -> Option<String> {
        match self {
            LineReader::Editor(ed) => match ed.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = ed.add_history_entry(line.as_str());
                    }
                    Some(line)
                }
                Err(ReadlineError::Interrupted) => Some(String::new()),
                Err(_) => None,
            },
            LineReader::Plain(stdin) => {
                let mut line = String::new();
                match stdin.read_line(&mut line) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_owned()),
                }
            }
        }
    }
}
