use clap::Args;

use super::Context;
use serde::Serialize;

use crate::records;
use crate::records::check::{Facts, Finding, Severity};
use crate::{Error, clock};

/// Check the vault against the rules: exits 1 when something must be fixed
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis check
  kluis check --json

Errors (exit 1): no controller profile, values past retention, values held for consent
purposes without consent. Warnings (exit 0): unused fields, purposes without fields,
retention by note only, special-category and BSN fields, a privacy statement that cannot be
made yet (`kluis statement` lists what it needs), and a schema that changed since the last
`kluis statement publish`.")]
pub struct CheckArgs {}

pub fn run(ctx: &Context, _args: CheckArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let report = crate::statement::check::check(vault.conn(), clock::now())?;
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let shown: Vec<Shown> = report.findings.iter().map(Shown::from).collect();
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "findings": shown }));
    } else {
        for finding in &shown {
            let label = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let message = crate::text::visible(&finding.message);
            println!("{label}: {message} [{}]", finding.code);
        }
        println!(
            "{errors} error(s), {} warning(s)",
            report.findings.len() - errors
        );
    }
    if report.must_fix() {
        return Err(records::Error::CheckFailed { errors }.into());
    }
    Ok(())
}

/// A finding as the command line shows it: the library's facts, and the sentence with the
/// command that fixes it.
#[derive(Serialize)]
struct Shown<'a> {
    severity: Severity,
    code: &'static str,
    message: String,
    facts: &'a Facts,
}

impl<'a> From<&'a Finding> for Shown<'a> {
    fn from(finding: &'a Finding) -> Self {
        Shown {
            severity: finding.severity,
            code: finding.code,
            message: super::hint::check::sentence(&finding.facts),
            facts: &finding.facts,
        }
    }
}
