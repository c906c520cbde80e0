use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::Context;
use super::stream::{Stdout, stdout_error};
use crate::records::RecordId;
use crate::records::retention::{self, FieldName, PurgePlan};
use crate::records::{self, view::SchemaView};
use crate::requests::register;
use crate::{Error, clock};

/// Erase every value whose purposes' retention periods have all run out
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis purge --dry-run                                    # what would go today
  KLUIS_NOW=2031-01-01T00:00:00Z kluis purge --dry-run     # what would go on 1 January
  kluis purge

The rule is in docs/RETENTION.md. A record left without values is erased as a whole. Requests
answered or closed more than --keep-requests months ago (default 24) leave the request
register (docs/REQUESTS.md).")]
pub struct PurgeArgs {
    /// Show what would be erased, change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Months the request register keeps a request after it was answered or closed
    #[arg(long, value_name = "MONTHS", default_value_t = register::KEPT_MONTHS_AFTER_CLOSING)]
    pub keep_requests: u32,
}

pub fn run(ctx: &Context, args: PurgeArgs) -> Result<(), Error> {
    let now = clock::now();
    let mut saved_but = None;
    let (plan, requests) = if args.dry_run {
        let vault = ctx.open_read()?;
        let schema = SchemaView::load(vault.conn())?;
        (
            retention::plan(vault.conn(), &schema, now)?,
            register::expired(vault.conn(), now, args.keep_requests)?,
        )
    } else {
        let mut vault = ctx.open_write()?;
        let plan = records::in_transaction(vault.conn_mut(), |conn, schema| {
            retention::purge(conn, schema, now)
        })?;
        let requests = crate::requests::in_transaction(vault.conn_mut(), |conn, _| {
            register::purge(conn, now, args.keep_requests)
        })?;
        if !plan.is_empty() || !requests.is_empty() {
            saved_but = super::saved_but(vault.save_after_erasure())?;
        }
        (plan, requests)
    };
    report(ctx, &plan, &requests, &args)?;
    super::after_report(saved_but)
}

/// `--json`: serialised from the plan as it is, not copied into JSON values first (a million
/// records lose ten million field names).
#[derive(Serialize)]
struct JsonReport<'a> {
    dry_run: bool,
    values: Vec<JsonValues<'a>>,
    records: &'a [RecordId],
    requests: &'a [i64],
}

#[derive(Serialize)]
struct JsonValues<'a> {
    record: RecordId,
    fields: &'a [FieldName],
}

/// What was erased (or would be), and the requests forgotten.
fn report(
    ctx: &Context,
    plan: &PurgePlan,
    requests: &[i64],
    args: &PurgeArgs,
) -> Result<(), Error> {
    if ctx.json {
        ctx.print_json(&JsonReport {
            dry_run: args.dry_run,
            values: plan
                .values
                .iter()
                .map(|(record, fields)| JsonValues {
                    record: *record,
                    fields,
                })
                .collect(),
            records: &plan.records,
            requests,
        });
        return Ok(());
    }
    let mut out = Stdout::lock();
    print_human(&mut out, plan, args.dry_run).map_err(stdout_error)?;
    if !requests.is_empty() {
        let verb = if args.dry_run {
            "would forget"
        } else {
            "forgot"
        };
        let ids: Vec<String> = requests.iter().map(i64::to_string).collect();
        writeln!(
            out,
            "{verb} request(s) {} from the register (closed {} or more months ago)",
            ids.join(", "),
            args.keep_requests
        )
        .map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)
}

/// One line per run of consecutive records that lose the same fields, as the audit log
/// writes them: a purge of a million records is a few lines, not a million.
fn print_human(out: &mut impl Write, plan: &PurgePlan, dry_run: bool) -> std::io::Result<()> {
    let verb = if dry_run { "would erase" } else { "erased" };
    for (first, last, fields) in plan.partial_runs() {
        let fields = fields.join(", ");
        writeln!(out, "{}: {verb} {fields}", records(first, last))?;
    }
    for (first, last) in plan.whole_runs() {
        let whole = if first == last {
            "the whole record"
        } else {
            "each whole record"
        };
        writeln!(
            out,
            "{}: {verb} {whole} (no values left)",
            records(first, last)
        )?;
    }
    writeln!(
        out,
        "{verb} {} value(s); {} record(s) as a whole",
        plan.value_count(),
        plan.records.len()
    )
}

/// "record 7", or "records 1-3" for a run.
fn records(first: RecordId, last: RecordId) -> String {
    if first == last {
        format!("record {first}")
    } else {
        format!("records {first}-{last}")
    }
}
