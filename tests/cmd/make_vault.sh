#!/usr/bin/env bash
# Makes tests/cmd/shop.in/shop.kluis, the vault the read-only cases open: a bakery with three
# customers, made with cheap key derivation. Run from the crate root after `cargo build`:
#   bash tests/cmd/make_vault.sh && TRYCMD=overwrite cargo test --test cli cmd::
set -euo pipefail
kluis() { ./target/debug/kluis "$@"; }
export KLUIS_VAULT=tests/cmd/shop.in/shop.kluis KLUIS_PASSPHRASE="correct horse battery staple"
export KLUIS_NOW=2026-03-02T09:00:00Z
rm -rf tests/cmd/shop.in && mkdir -p tests/cmd/shop.in
key=$(mktemp -u)
kluis init --kdf-memory-mib 1 --kdf-iterations 1 --kdf-parallelism 1 --recovery-key-out "$key" 2>/dev/null
rm -f "$key"
kluis profile set --name "Bakkerij Jansen" --email privacy@jansen.example --address "Dorpsstraat 1, 1234 AB Ergens" --kvk 12345678
kluis purpose add customer-admin --basis contract --profiling none --description "Bestellingen leveren" --description-en "Delivering orders" --retention 2y
kluis purpose add newsletter --basis consent --profiling none --description "Nieuwsbrief sturen" --description-en "Sending the newsletter" --retention 1y
kluis field add name --type text --purpose customer-admin --label Naam --label-en Name --source subject
kluis field add email --type email --purpose customer-admin --purpose newsletter --label E-mail --label-en E-mail --source subject
kluis field add phone --type phone --purpose customer-admin --label Telefoon --label-en Phone --source subject
kluis field add city --type text --purpose customer-admin --label Woonplaats --label-en City --source subject
kluis add name="Jan de Vries" email=jan@example.nl phone=0612345678 city=Utrecht
kluis add name="Zoë Bakker" email=zoe@example.nl city=Ergens
kluis add name="Piet Smit" phone=+31201234567
kluis consent give 1 newsletter
rm -f tests/cmd/shop.in/shop.kluis.lock tests/cmd/shop.in/shop.kluis.bak
ls tests/cmd/shop.in
