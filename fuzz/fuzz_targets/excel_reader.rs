//! Any bytes through the workbook reader in all four formats. Seed it with
//! the workbooks in tests/fixtures (see docs/FUZZING.md).
#![no_main]

mod common;

use kluis::import::reader::{ExcelReader, Format, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::ignore_contained_calamine_panics();
    for format in [Format::Xlsx, Format::Xls, Format::Xlsb, Format::Ods] {
        for sheet in [None, Some("Klanten".to_owned())] {
            let options = ReadOptions {
                sheet,
                ..ReadOptions::default()
            };
            if let Ok(table) = (ExcelReader { format }).read(data, &options) {
                common::check(&table);
            }
        }
    }
});
