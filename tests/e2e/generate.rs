//! `dialect generate` (hidden developer command): the generated project checks and builds as it
//! is; the command writes all files or none and never replaces a folder of other files.

use crate::build::files;
use crate::harness::dialect_in;

#[test]
fn a_generated_project_checks_and_builds() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| dialect_in(tmp.path(), args);
    let r = run(&["generate", "--steps", "600", "--seed", "7", "--out", "gen"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("generated "), "{}", r.stdout);
    let dial = std::fs::read_dir(tmp.path().join("gen/orders"))
        .expect("a department folder")
        .count();
    assert!(dial > 5, "{dial} files in gen/orders");
    assert!(tmp.path().join("gen/environments/dev.toml").is_file());

    // Graph-check findings are warnings by design (see `generate::environment`); anything
    // else (syntax, names, environment values) would be an error.
    let r = run(&["check", "gen", "--format", "json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("\"error\""), "{}", r.stdout);

    let r = run(&["build", "gen", "--out", "out"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("Built "), "{}", r.stdout);
    assert!(tmp.path().join("out/manifest.json").is_file());
    assert!(
        tmp.path()
            .join("out/cloudformation/template.json")
            .is_file()
    );

    // Deterministic on a project larger than the shipped one: the same build from another
    // working directory (absolute paths) writes the same bytes, file for file.
    let gen_abs = tmp.path().join("gen").to_string_lossy().into_owned();
    let out2 = tmp.path().join("out2").to_string_lossy().into_owned();
    let r = dialect_in(
        &tmp.path().join("gen/orders"),
        &["build", &gen_abs, "--out", &out2],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let (a, b) = (
        files(&tmp.path().join("out")),
        files(&tmp.path().join("out2")),
    );
    assert!(a.len() > 20, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between the two builds");
    }

    // The same command again replaces its earlier output with identical files.
    let before = std::fs::read(tmp.path().join("gen/orders/main.dial")).expect("main flow");
    let r = run(&["generate", "--steps", "600", "--seed", "7", "--out", "gen"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read(tmp.path().join("gen/orders/main.dial")).expect("main flow"),
        before
    );
}

#[test]
fn generate_never_replaces_other_files_and_is_hidden() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(tmp.path().join("mine")).expect("mkdir");
    std::fs::write(tmp.path().join("mine/notes.txt"), "keep me").expect("write");
    let r = dialect_in(tmp.path(), &["generate", "--steps", "50", "--out", "mine"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("not the output of an earlier `dialect generate`")
    );
    assert_eq!(
        std::fs::read_dir(tmp.path().join("mine"))
            .expect("kept")
            .count(),
        1
    );
    let help = dialect_in(tmp.path(), &["--help"]);
    assert!(help.stdout.contains("build") && !help.stdout.contains("generate"));
}
