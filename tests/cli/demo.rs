//! The built-in demo that the README's first command runs.

use crate::support::TestVault;

#[test]
fn the_demo_prints_a_complete_statement_and_writes_nothing() {
    let test = TestVault::empty();
    let dutch = test.ok(&["demo"]);
    for expected in [
        "Bakkerij Jansen",
        "Autoriteit Persoonsgegevens",
        "Uw toestemming intrekken",
        "AWR art. 52",
    ] {
        assert!(dutch.contains(expected), "missing {expected}:\n{dutch}");
    }
    let english = test.ok(&["demo", "--lang", "en", "--format", "txt"]);
    assert!(english.contains("Autoriteit Persoonsgegevens"), "{english}");
    assert!(
        english.contains("Taking, delivering and invoicing orders")
            && !english.contains("Bestellingen aannemen"),
        "the demo's purposes have English texts:\n{english}"
    );
    assert!(
        !english.contains("# "),
        "txt output has no Markdown headings"
    );
    let json: serde_json::Value = serde_json::from_str(&test.ok(&["demo", "--json"])).unwrap();
    assert_eq!(json["purposes"], 5);
    assert!(test.all_files().is_empty(), "{:?}", test.all_files());
}
