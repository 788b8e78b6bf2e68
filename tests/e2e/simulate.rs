//! `dialect simulate`.

use crate::harness::dialect;

const ORDER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/runtime/tests/fixtures/order.json"
);

#[test]
fn steps_keep_their_command_line_order_and_mocks_apply() {
    let r = dialect(&[
        "simulate",
        ORDER,
        "--press",
        "1",
        "--say",
        "担当者",
        "--mock",
        "order-reserve-stock=timeout",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pressed = r.stdout.find("caller presses \"1\"").expect("press");
    let said = r.stdout.find("caller says \"担当者\"").expect("say");
    assert!(pressed < said, "{}", r.stdout);
    assert!(
        r.stdout.contains("end: transferred to queue"),
        "{}",
        r.stdout
    );
}

#[test]
fn explore_lists_paths_and_bad_files_exit_2() {
    let r = dialect(&["simulate", ORDER, "--explore"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("paths, 0 stranded"), "{}", r.stdout);
    let r = dialect(&["simulate", ORDER, "--press", "2", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.lines().all(|l| l.starts_with("{\"event\":")),
        "{}",
        r.stdout
    );
    let r = dialect(&["simulate", "no/such/flow.json"]);
    assert_eq!(r.code, 2);
    let r = dialect(&["simulate", ORDER, "--at", "tomorrow"]);
    assert_eq!(r.code, 2);
}
