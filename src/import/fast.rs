//! Value normalisation on the import's hot path.

use crate::schema::model::FieldType;
use crate::schema::{ValueError, normalize as normalize_slow};

/// The same result as [`crate::schema::normalize`], for every input.
pub fn normalize(field_type: FieldType, raw: &str) -> Result<String, ValueError> {
    normalize_slow(field_type, raw)
}
