//! Any bytes through the text reader, under every option combination
//! chosen by the first input byte. See docs/FUZZING.md.
#![no_main]

mod common;

use common::check;
use kluis::import::reader::{CsvReader, ReadOptions, Reader, read_bytes, read_owned};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // read_bytes hands workbook signatures to the workbook reader.
    common::ignore_contained_calamine_panics();
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let options = ReadOptions {
        delimiter: [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(selector & 3)],
        encoding: [None, Some("utf-8"), Some("windows-1252"), Some("utf-16")]
            [usize::from(selector >> 2 & 3)]
        .map(str::to_owned),
        has_header: selector & 16 == 0,
        sheet: None,
        header_row: (selector & 32 != 0).then_some(usize::from(selector >> 6) + 1),
    };
    let borrowed = CsvReader::default().read(input, &options);
    if let Ok(table) = &borrowed {
        check(table);
    }
    // read_owned overwrites the file's own buffer with the cells as it
    // parses; it must read exactly what the copying path reads.
    let owned = CsvReader::default().read_owned(input.to_vec(), &options);
    match (&borrowed, &owned) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
        _ => panic!("read and read_owned disagree: {borrowed:?} / {owned:?}"),
    }
    if let Ok(table) = read_bytes(input, Some("csv"), &options) {
        check(&table);
    }
    if let Ok(table) = read_owned(input.to_vec(), Some("csv"), &options) {
        check(&table);
    }
});
