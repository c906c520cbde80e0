#!/usr/bin/env python3
"""Writes the trycmd case files in tests/cmd/: one `--help` case per command (found by walking
`kluis --help`), and the cases listed in CASES below, which open the fixture vault shop.in/.

Run from the crate root after `cargo build` (and `bash tests/cmd/make_vault.sh` when the fixture
must change), then fill in the expected output and review it like code:
    python3 tests/cmd/make_cases.py && TRYCMD=overwrite cargo test --test cli cmd::
"""
import pathlib
import re
import subprocess

HERE = pathlib.Path(__file__).parent
KLUIS = "target/debug/kluis"
VAULT_ENV = (
    'env.add = { KLUIS_VAULT = "shop.kluis", KLUIS_PASSPHRASE = "correct horse battery staple", '
    'KLUIS_NOW = "2026-03-02T09:00:00Z", TZ = "UTC", LANG = "C.UTF-8" }\n'
    'fs.base = "shop.in"\nfs.sandbox = true\n'
)
# name: (arguments, exit code); each runs on a copy of the fixture vault.
CASES = {
    "list": (["list"], 0),
    "list-json": (["list", "--json"], 0),
    "list-columns": (["list", "--columns", "email,name"], 0),
    "show": (["show", "1"], 0),
    "show-missing": (["show", "99"], 1),
    "find": (["find", "bakker"], 0),
    "field-list": (["field", "list"], 0),
    "purpose-list": (["purpose", "list"], 0),
    "purpose-show": (["purpose", "show", "newsletter"], 0),
    "profile-show": (["profile", "show"], 0),
    "check": (["check"], 1),
    "log": (["log"], 0),
    "request-list": (["request", "list"], 0),
    "export-newsletter": (["export", "--purpose", "newsletter", "--format", "csv"], 0),
    "add-unknown-field": (["add", "shoe-size=42"], 1),
    "consent-unknown-purpose": (["consent", "give", "1", "no-such-purpose"], 1),
    "wrong-passphrase": (["list", "--passphrase-file", "wrong.txt"], 3),
    "schema-export": (["schema", "export"], 0),
    "consent-several": (["consent", "give", "newsletter", "2", "3"], 0),
    "edit-several": (["edit", "2", "3", "city=Utrecht"], 0),
    "log-limit": (["log", "--since", "2026-03-01", "-n", "2"], 0),
    "shell-without-terminal": (["shell"], 2),
}
PLAIN = {
    "no-such-command": (["no-such-command"], 2),
    "version": (["--version"], 0),
    "demo-en": (["demo", "--lang", "en", "--format", "txt"], 0),
    "usage-error-json": (["--json", "lst"], 2),
    "config": (["config"], 0),
}


def commands(path):
    """Every command path below `path`, from the Commands: section of its help."""
    help_text = subprocess.run([KLUIS, *path, "--help"], capture_output=True, text=True).stdout
    section = re.search(r"^Commands:\n(.*?)\n\n", help_text, re.S | re.M)
    found = []
    for line in section.group(1).splitlines() if section else []:
        match = re.match(r"  ([a-z][a-z0-9-]*)(\s{2,}|$)", line)
        name = match.group(1) if match else "help"
        if name != "help":
            found.append(path + [name])
            found.extend(commands(path + [name]))
    return found


def write(name, args, code, vault):
    toml = f'bin.name = "kluis"\nargs = {args!r}\n'.replace("'", '"')
    toml += "env.inherit = false\n"
    if code:
        toml += f"status.code = {code}\n"
    toml += VAULT_ENV if vault else 'env.add = { HOME = "/home/example", TZ = "UTC" }\n'
    (HERE / f"{name}.toml").write_text(toml)
    for stream in ("stdout", "stderr"):
        (HERE / f"{name}.{stream}").touch()


def main():
    for old in HERE.glob("*.toml"):
        old.unlink()
    for path in [[]] + commands([]):
        write("-".join(["help"] + path), path + ["--help"], 0, False)
    for name, (args, code) in CASES.items():
        write(name, args, code, True)
    for name, (args, code) in PLAIN.items():
        write(name, args, code, False)
    (HERE / "shop.in" / "wrong.txt").write_text("not the passphrase\n")


main()
