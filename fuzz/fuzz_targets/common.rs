//! Shared by the fuzz targets.

use std::sync::Once;

use kluis::import::reader::Table;

static HOOK: Once = Once::new();

/// libfuzzer-sys aborts on every panic, even one that is caught. The
/// workbook reader deliberately contains panics raised inside calamine (a
/// known calamine bug on damaged files, turned into an error), so only
/// panics from anywhere else count as crashes.
pub fn ignore_contained_calamine_panics() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                default(info);
                std::process::abort();
            }
        }));
    });
}

/// What every successful read promises. Every cell is read both ways, as
/// the importer does: a cell boundary off a character boundary in the
/// shared text would panic in `Row::cell`.
pub fn check(table: &Table) {
    let mut previous = 0;
    assert_eq!(table.rows.iter().len(), table.rows.len());
    for row in &table.rows {
        assert_eq!(row.len(), table.headers.len());
        assert!(row.number > previous);
        previous = row.number;
        for (i, cell) in row.cells().enumerate() {
            assert_eq!(row.cell(i), cell);
        }
    }
}
