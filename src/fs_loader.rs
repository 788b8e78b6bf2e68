//! Sorting the command line's paths into `.dial` sources and Connect flow JSON files (the file
//! system itself is `dialect_files`).

pub use dialect_files::FsLoader;
use dialect_files::expand;

/// The inputs of `dialect check`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// `.dial` files (and paths that are neither folders nor `.json`, so that a missing file
    /// is reported by the compiler with its usual diagnostic).
    pub dial: Vec<String>,
    /// Connect flow JSON files: named on the command line, or found in a folder when they look
    /// like a flow (they mention `"Actions"`), so that other JSON in a project folder is left
    /// alone.
    pub json: Vec<String>,
}

/// Sorts `paths` into [`Inputs`]; folders are searched (sorted, hidden folders and `target`
/// skipped).
pub fn inputs(paths: &[String]) -> Inputs {
    let mut out = Inputs::default();
    for p in paths {
        let given = std::slice::from_ref(p);
        if std::path::Path::new(p).is_dir() {
            out.dial.extend(expand(given, ".dial"));
            out.json.extend(
                expand(given, ".json")
                    .into_iter()
                    .filter(|f| looks_like_flow(f)),
            );
        } else if p.ends_with(".json") {
            out.json.extend(expand(given, ".json"));
        } else {
            out.dial.extend(expand(given, ".dial"));
        }
    }
    out.dial.dedup();
    out.json.dedup();
    out
}

fn looks_like_flow(path: &str) -> bool {
    std::fs::read(path).is_ok_and(|b| b.windows(b"\"Actions\"".len()).any(|w| w == b"\"Actions\""))
}
