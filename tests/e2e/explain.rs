//! `dialect explain`.

use crate::harness::dialect;

#[test]
fn explains_a_code_by_id_or_name() {
    let by_id = dialect(&["explain", "R003"]);
    assert_eq!(by_id.code, 0);
    let by_name = dialect(&["explain", "undefined-reference"]);
    assert_eq!(by_id.stdout, by_name.stdout);
    insta::assert_snapshot!("explain_r003", by_id.stdout);
}

#[test]
fn unknown_code_suggests_and_exits_2() {
    let r = dialect(&["explain", "R03"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `R003`?"), "{}", r.stderr);
}

#[test]
fn list_shows_every_code() {
    let r = dialect(&["explain", "--list"]);
    assert_eq!(r.code, 0);
    for code in ["F001", "P001", "P007", "R001", "R012", "E001"] {
        assert!(r.stdout.contains(code), "{code} missing from the list");
    }
}
