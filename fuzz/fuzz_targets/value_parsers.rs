//! Any text through the value parser of every field type: `normalize` must
//! give `Ok` or `Err`, never panic, and its normal form must be stable (a
//! normalised value normalises to itself). See docs/FUZZING.md.
#![no_main]

use kluis::schema::model::FieldType;
use kluis::schema::value::{is_blank, normalize};
use libfuzzer_sys::fuzz_target;

const TYPES: [FieldType; 9] = [
    FieldType::Text,
    FieldType::Email,
    FieldType::Phone,
    FieldType::Date,
    FieldType::Number,
    FieldType::Bool,
    FieldType::Postcode,
    FieldType::Bsn,
    FieldType::Country,
];

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    for field_type in TYPES {
        let _ = is_blank(field_type, raw);
        if let Ok(normal) = normalize(field_type, raw) {
            assert_eq!(
                normalize(field_type, &normal).as_deref(),
                Ok(normal.as_str()),
                "{field_type:?}: the normal form is not stable"
            );
        }
    }
});
