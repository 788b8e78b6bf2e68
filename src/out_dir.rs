//! Writing a build's files all at once, or not at all.
//!
//! Files go to a fresh sibling folder (`OUT.dialect-tmp`), which then replaces `OUT`. An
//! existing `OUT` is replaced only when it is empty or holds a previous build (its
//! `manifest.json` says `"generator": "dialect"`), so a typo in `--out` cannot delete a folder
//! of other files. When anything fails, the temporary folder is removed and `OUT` is as before.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The marker a build writes in `manifest.json`.
pub const GENERATOR: &str = "dialect";

/// Writes `files` (paths relative to `out`, with `/`) as the whole content of `out`.
pub fn write_all(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    write_all_replacing(out, files, "an earlier build", earlier_build)
}

/// [`write_all`] for other outputs: an existing non-empty `out` is replaced only when
/// `earlier(out)` says it is an earlier output of the same command (described by `what`).
pub fn write_all_replacing(
    out: &Path,
    files: &[(String, Vec<u8>)],
    what: &str,
    earlier: fn(&Path) -> bool,
) -> Result<(), String> {
    if out.exists() && !replaceable(out, earlier) {
        return Err(format!(
            "`{}` exists and is not the output of {what}; choose an empty or new folder for `--out`",
            out.display()
        ));
    }
    let tmp = sibling(out, "dialect-tmp");
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| format!("cannot remove `{}`: {e}", tmp.display()))?;
    }
    let result = write_into(&tmp, files).and_then(|()| swap(&tmp, out));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Creates the folders, then writes the files on every core: a large build has thousands of
/// files, and creating each is mostly the file system's time. Each thread writes a contiguous
/// run of `files`, so threads mostly work in different folders. The first failure (in the
/// order of `files`) is reported.
fn write_into(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let folders: BTreeSet<&Path> = files
        .iter()
        .filter_map(|(rel, _)| Path::new(rel).parent())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for folder in folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
    }
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let run = files.len().div_ceil(threads.clamp(1, 8)).max(1);
    std::thread::scope(|s| {
        let writers: Vec<_> = files
            .chunks(run)
            .map(|part| s.spawn(move || write_files(dir, part)))
            .collect();
        // The scope joins every writer; the first failure in file order is the one reported.
        writers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err("a writer thread failed".to_owned()))
        })
    })
}

fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        fs::write(&path, bytes).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Moves `tmp` to `out`, keeping the old `out` until the new one is in place.
fn swap(tmp: &Path, out: &Path) -> Result<(), String> {
    if out.exists() {
        let old = sibling(out, "dialect-old");
        if old.exists() {
            fs::remove_dir_all(&old)
                .map_err(|e| format!("cannot remove `{}`: {e}", old.display()))?;
        }
        fs::rename(out, &old).map_err(|e| format!("cannot move `{}` aside: {e}", out.display()))?;
        if let Err(e) = fs::rename(tmp, out) {
            let _ = fs::rename(&old, out);
            return Err(format!("cannot move the build to `{}`: {e}", out.display()));
        }
        let _ = fs::remove_dir_all(&old);
        Ok(())
    } else {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        fs::rename(tmp, out)
            .map_err(|e| format!("cannot move the build to `{}`: {e}", out.display()))
    }
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "out".to_owned(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// An empty folder, or an earlier output (`earlier`).
fn replaceable(out: &Path, earlier: fn(&Path) -> bool) -> bool {
    if !out.is_dir() {
        return false;
    }
    let Ok(mut entries) = fs::read_dir(out) else {
        return false;
    };
    entries.next().is_none() || earlier(out)
}

/// Whether `out` holds a build: its `manifest.json` names Dialect as the generator.
fn earlier_build(out: &Path) -> bool {
    fs::read_to_string(out.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|v| v.get("generator").and_then(|g| g.as_str()) == Some(GENERATOR))
}
