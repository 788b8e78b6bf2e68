//! `dialect explain CODE`: print the documentation of a diagnostic code.

use dialect_compiler::diagnostics::codes;
use dialect_compiler::resolve::did_you_mean;

use super::Status;
use crate::args::ExplainArgs;
use crate::output::print;

pub fn run(args: &ExplainArgs) -> Status {
    if args.list {
        let mut out = String::new();
        for c in codes::all() {
            out.push_str(&format!(
                "{}  {:<28} {:<8} {}\n",
                c.id(),
                c.name(),
                c.severity().as_str(),
                c.info().summary
            ));
        }
        print(&out);
        return Status::Ok;
    }
    let key = args.code.as_deref().unwrap_or_default();
    let Some(code) = codes::lookup(key) else {
        let all = codes::all();
        let ids: Vec<&str> = all
            .iter()
            .map(|c| c.id())
            .chain(all.iter().map(|c| c.name()))
            .collect();
        eprintln!("error: `{key}` is not a Dialect diagnostic code");
        if let Some(s) = did_you_mean(key, ids.iter().copied()) {
            eprintln!("  help: did you mean `{s}`?");
        }
        eprintln!("  help: `dialect explain --list` shows every code");
        return Status::Usage;
    };
    let info = code.info();
    let mut out = format!(
        "{} {}: {}\nDefault severity: {}\n\n",
        info.id,
        info.name,
        info.summary,
        info.severity.as_str()
    );
    for line in info.doc.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    print(&out);
    Status::Ok
}
