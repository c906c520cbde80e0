//! CLI output pinned by case files under tests/cmd/, run by trycmd as rage's tests/cmd are.
//!
//! `TRYCMD=overwrite cargo test --test cli cmd::` rewrites the expected output after an intended
//! change; review the diff like code. tests/cmd/README.md says how the cases are made.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin("kluis", std::path::Path::new(env!("CARGO_BIN_EXE_kluis")))
        .case("tests/cmd/*.toml");
}
