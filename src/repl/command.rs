//! What one line typed at the `dialect simulate` prompt means.
//!
//! Plain text is what the caller says. A line starting with `/` is a command: the caller's other
//! moves (`/press 12#`, `/silent`, `/hangup`), the session's (`/restart`, `/world`, `/help`,
//! `/quit`), an attribute the contact arrives with (`/set orderId = "A1"`), or a line of the
//! scenario-test language that sets the world (`/at 2027-01-12 10:00`, `/caller withheld`,
//! `/mock ReserveStock fails`, `/queue Orders full`, `/profile none`), which the compiler reads
//! exactly as it reads the same line in a `test "..." { }` block.

use dialect_runtime::Step;

/// The first words of the scenario-test lines that set the world (GRAMMAR.md, "Scenario tests").
pub const WORLD_WORDS: [&str; 5] = ["at", "caller", "mock", "queue", "profile"];

/// One line typed at the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Nothing (an empty line).
    Nothing,
    /// The caller does something: says, presses, stays silent, hangs up.
    Caller(Step),
    /// Plain text: said, or pressed when it is only keys and the flow waits for the keypad.
    Text(String),
    /// A scenario-test line that sets the world, without its `/`.
    World(String),
    /// An attribute the contact arrives with.
    Set(String, String),
    /// Forget the world lines that start with these words (`/forget mock ReserveStock`).
    Forget(String),
    /// Show the world lines in force.
    ShowWorld,
    /// Show or hide a line per action.
    Steps(bool),
    /// Call again from the start (the world is kept).
    Restart,
    /// The list of commands.
    Help,
    /// Leave.
    Quit,
    /// A line that means nothing: the message says why.
    Unknown(String),
}

/// Reads one line.
#[must_use]
pub fn parse(line: &str) -> Command {
    let line = line.trim();
    if line.is_empty() {
        return Command::Nothing;
    }
    let Some(cmd) = line.strip_prefix('/') else {
        return Command::Text(line.to_owned());
    };
    let (word, rest) = cmd
        .split_once(char::is_whitespace)
        .map_or((cmd, ""), |(w, r)| (w, r.trim()));
    match word {
        "say" | "says" if !rest.is_empty() => Command::Caller(Step::Say(unquote(rest).to_owned())),
        "press" | "presses" => {
            let keys = unquote(rest);
            if is_keys(keys) {
                Command::Caller(Step::Press(keys.to_owned()))
            } else {
                Command::Unknown(format!(
                    "`/press` takes keys: digits, `*` and `#` (for example `/press 12#`), not {rest:?}"
                ))
            }
        }
        "silent" | "silence" if rest.is_empty() => Command::Caller(Step::Silent),
        "hangup" | "hang-up" if rest.is_empty() => Command::Caller(Step::HangUp),
        "hang" if rest == "up" => Command::Caller(Step::HangUp),
        "caller" => match rest {
            "silent" | "is silent" => Command::Caller(Step::Silent),
            "hangs up" => Command::Caller(Step::HangUp),
            _ => match rest.split_once(char::is_whitespace) {
                Some(("says", t)) => Command::Caller(Step::Say(unquote(t.trim()).to_owned())),
                Some(("presses", k)) if is_keys(unquote(k.trim())) => {
                    Command::Caller(Step::Press(unquote(k.trim()).to_owned()))
                }
                _ => Command::World(cmd.to_owned()),
            },
        },
        w if WORLD_WORDS.contains(&w) && !rest.is_empty() => Command::World(cmd.to_owned()),
        "set" => match rest.split_once('=') {
            Some((name, value)) if !name.trim().trim_start_matches('$').is_empty() => Command::Set(
                name.trim().trim_start_matches('$').to_owned(),
                unquote(value.trim()).to_owned(),
            ),
            _ => Command::Unknown(
                "`/set` takes `NAME = \"value\"`, for example `/set vip = \"true\"`".to_owned(),
            ),
        },
        "forget" if !rest.is_empty() => Command::Forget(rest.to_owned()),
        "world" if rest.is_empty() => Command::ShowWorld,
        "steps" => match rest {
            "on" | "" => Command::Steps(true),
            "off" => Command::Steps(false),
            _ => Command::Unknown("`/steps` takes `on` or `off`".to_owned()),
        },
        "restart" if rest.is_empty() => Command::Restart,
        "help" | "?" => Command::Help,
        "quit" | "exit" | "q" if rest.is_empty() => Command::Quit,
        _ => Command::Unknown(format!(
            "unknown command `/{word}`; type /help for the list"
        )),
    }
}

/// Whether `s` is keys a caller can press: digits, `*` and `#` (at least one).
#[must_use]
pub fn is_keys(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
}

/// `"text"` → `text`; anything else as it is.
fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
}

/// The text of `/help`.
pub const HELP: &str = "\
Type what the caller says, or a command:
  TEXT                    the caller says TEXT (only keys, like 12#, at a keypad prompt: pressed)
  /press KEYS             the caller presses keys: digits, * and #
  /silent                 the caller stays silent: the prompt times out
  /hangup                 the caller hangs up
The world (the words of a `test` block; during a call, the call is replayed in the new world):
  /at 2027-01-12 10:00 Asia/Tokyo        the clock: date, time, IANA zone
  /caller number \"+819012345678\"         the caller's number
  /caller withheld                       the number is hidden
  /mock NAME returns { key: \"value\" }    an integration answers (again: its next call)
  /mock NAME returns malformed           ... answers something Connect cannot read
  /mock NAME fails [timeout]             ... fails, or times out
  /queue NAME full waiting 3 agents 0    queue state (also: available, staffed, online, wait 5m)
  /profile { Ok_to_call: \"yes\" } | none | multiple   the caller's customer profile
  /set NAME = \"value\"                    an attribute the contact arrives with
  /forget WORDS           drop the world lines that start with WORDS (e.g. /forget mock ReserveStock)
  /world                  the world lines in force
The session:
  /steps on|off           show or hide a line per action taken
  /restart                call again from the start (the world is kept)
  /help                   this list
  /quit                   leave (Ctrl-D too)
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_caller_moves() {
        assert_eq!(
            parse("羽毛布団を2つ"),
            Command::Text("羽毛布団を2つ".to_owned())
        );
        assert_eq!(
            parse("/press 12#"),
            Command::Caller(Step::Press("12#".to_owned()))
        );
        assert_eq!(
            parse("/press \"1\""),
            Command::Caller(Step::Press("1".to_owned()))
        );
        assert!(matches!(parse("/press one"), Command::Unknown(_)));
        assert_eq!(parse("/silent"), Command::Caller(Step::Silent));
        assert_eq!(parse("/hangup"), Command::Caller(Step::HangUp));
        assert_eq!(parse("/caller hangs up"), Command::Caller(Step::HangUp));
        assert_eq!(
            parse("/caller says \"はい\""),
            Command::Caller(Step::Say("はい".to_owned()))
        );
        assert_eq!(parse("   "), Command::Nothing);
    }

    #[test]
    fn passes_world_lines_to_the_test_language() {
        assert_eq!(
            parse("/caller number \"+15550100\""),
            Command::World("caller number \"+15550100\"".to_owned())
        );
        assert_eq!(
            parse("/caller withheld"),
            Command::World("caller withheld".to_owned())
        );
        assert_eq!(
            parse("/mock ReserveStock fails timeout"),
            Command::World("mock ReserveStock fails timeout".to_owned())
        );
        assert_eq!(
            parse("/at 2027-01-01 10:00"),
            Command::World("at 2027-01-01 10:00".to_owned())
        );
        assert!(matches!(parse("/at"), Command::Unknown(_)));
    }

    #[test]
    fn reads_session_commands() {
        assert_eq!(
            parse("/set $vip = \"true\""),
            Command::Set("vip".to_owned(), "true".to_owned())
        );
        assert!(matches!(parse("/set vip"), Command::Unknown(_)));
        assert_eq!(
            parse("/forget mock A"),
            Command::Forget("mock A".to_owned())
        );
        assert_eq!(parse("/steps off"), Command::Steps(false));
        assert_eq!(parse("/restart"), Command::Restart);
        assert_eq!(parse("/quit"), Command::Quit);
        assert_eq!(parse("/help"), Command::Help);
        assert!(matches!(parse("/fly"), Command::Unknown(_)));
    }

    #[test]
    fn knows_keys() {
        assert!(is_keys("0120*#"));
        assert!(!is_keys(""));
        assert!(!is_keys("12a"));
    }
}
