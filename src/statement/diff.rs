//! What changed in the data model between two snapshots: the basis of `statement diff` and of
//! the staleness report in `check`.

use std::fmt;

use serde::Serialize;

use crate::records::check::Staleness;
use crate::schema::model::{Cookie, Field, Profile, Purpose, Snapshot};

/// A changed attribute of a purpose, field or the profile. Before and after are schema text
/// (never a customer's value), shown as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// "purpose", "field" or "profile".
    pub kind: &'static str,
    /// The purpose or field name; empty for the profile.
    pub name: String,
    pub attribute: &'static str,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SchemaDiff {
    /// New purposes: people must be informed before this processing starts (Art. 13(3)).
    pub added_purposes: Vec<String>,
    pub removed_purposes: Vec<String>,
    pub added_fields: Vec<String>,
    pub removed_fields: Vec<String>,
    pub changes: Vec<Change>,
}

impl SchemaDiff {
    pub fn is_empty(&self) -> bool {
        self.added_purposes.is_empty()
            && self.removed_purposes.is_empty()
            && self.added_fields.is_empty()
            && self.removed_fields.is_empty()
            && self.changes.is_empty()
    }

    /// Whether a change touches a legal basis or a retention period, the changes that most
    /// often need a new statement before they take effect.
    pub fn changes_basis_or_retention(&self) -> bool {
        self.changes
            .iter()
            .any(|c| matches!(c.attribute, "basis" | "retention"))
    }
}

impl SchemaDiff {
    /// The counts `check` reports when the published statement went stale.
    pub fn staleness(&self) -> Staleness {
        Staleness {
            added_purposes: self.added_purposes.clone(),
            removed_purposes: self.removed_purposes.len(),
            added_fields: self.added_fields.len(),
            removed_fields: self.removed_fields.len(),
            changed_settings: self.changes.len(),
        }
    }
}

fn show(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "(none)".to_string())
}

fn kebab<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn retention_text(purpose: &Purpose) -> String {
    let period = purpose.retention.period.map(|p| {
        let unit = match p.unit {
            crate::schema::model::RetentionUnit::Days => 'd',
            crate::schema::model::RetentionUnit::Months => 'm',
            crate::schema::model::RetentionUnit::Years => 'y',
        };
        format!("{}{unit}", p.amount)
    });
    // The default start reads as the period alone, as before starts could be declared.
    use crate::schema::model::RetentionStart::{ConsentWithdrawn, EndOfContract, LastChange};
    let start = purpose.retention.start;
    let counted = match (period, start) {
        (Some(p), LastChange) => Some(p),
        (Some(p), _) => Some(format!("{p} from {start}")),
        (None, EndOfContract | ConsentWithdrawn) => Some(format!("until {start}")),
        (None, _) => None,
    };
    match (counted, &purpose.retention.note) {
        (Some(c), Some(n)) => format!("{c} ({n})"),
        (Some(c), None) => c,
        (None, Some(n)) => n.clone(),
        (None, None) => "(none)".to_string(),
    }
}

/// The profiling answer with its texts, or "(not declared)".
fn profiling_text(purpose: &Purpose) -> String {
    match &purpose.profiling {
        None => "(not declared)".to_string(),
        Some(p) => [
            Some(p.kind.as_str().to_string()),
            p.logic.clone(),
            p.logic_en.clone(),
            p.effect.clone(),
            p.effect_en.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; "),
    }
}

/// The data a purpose keeps outside the vault, with the English texts.
fn categories_text(purpose: &Purpose) -> String {
    purpose
        .categories
        .iter()
        .map(|c| match &c.text_en {
            Some(en) => format!("{} / {en}", c.text),
            None => c.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One cookie on one line, so any declared change shows.
fn cookie_text(cookie: Option<&Cookie>) -> String {
    cookie.map_or_else(
        || "(none)".to_string(),
        |c| serde_json::to_string(c).expect("a cookie serialises"),
    )
}

/// A purpose's declared recipients on one line, so a new recipient, role, country or safeguard
/// shows as a change. Names hold no ';' (the schema refuses it).
fn recipients_text(snapshot: &Snapshot, purpose: &Purpose) -> String {
    let list: Vec<String> = snapshot
        .recipients
        .iter()
        .filter(|r| r.purposes.contains(&purpose.name))
        .map(|r| match r.safeguard {
            Some(safeguard) => format!("{} ({}, {}, {safeguard})", r.name, r.role, r.country),
            None => format!("{} ({}, {})", r.name, r.role, r.country),
        })
        .collect();
    match (list.is_empty(), purpose.no_recipients) {
        (false, _) => list.join("; "),
        (true, true) => "(none, declared)".to_string(),
        (true, false) => "(not declared)".to_string(),
    }
}

struct Changes(Vec<Change>);

impl Changes {
    fn compare(
        &mut self,
        kind: &'static str,
        name: &str,
        attribute: &'static str,
        a: String,
        b: String,
    ) {
        if a != b {
            self.0.push(Change {
                kind,
                name: name.to_string(),
                attribute,
                before: a,
                after: b,
            });
        }
    }

    fn purpose(&mut self, old: &Purpose, new: &Purpose) {
        let n = &new.name;
        self.compare("purpose", n, "basis", kebab(&old.basis), kebab(&new.basis));
        self.compare(
            "purpose",
            n,
            "retention",
            retention_text(old),
            retention_text(new),
        );
        self.compare(
            "purpose",
            n,
            "description",
            old.description.clone(),
            new.description.clone(),
        );
        self.compare(
            "purpose",
            n,
            "description-en",
            show(&old.description_en),
            show(&new.description_en),
        );
        self.compare(
            "purpose",
            n,
            "interest",
            show(&old.interest),
            show(&new.interest),
        );
        self.compare(
            "purpose",
            n,
            "interest-en",
            show(&old.interest_en),
            show(&new.interest_en),
        );
        self.compare("purpose", n, "law", show(&old.law), show(&new.law));
        self.compare("purpose", n, "law-en", show(&old.law_en), show(&new.law_en));
        self.compare(
            "purpose",
            n,
            "retention-note-en",
            show(&old.retention.note_en),
            show(&new.retention.note_en),
        );
        self.compare(
            "purpose",
            n,
            "subjects",
            show(&old.subjects),
            show(&new.subjects),
        );
        self.compare(
            "purpose",
            n,
            "subjects-en",
            show(&old.subjects_en),
            show(&new.subjects_en),
        );
        self.compare(
            "purpose",
            n,
            "minors",
            old.minors.to_string(),
            new.minors.to_string(),
        );
        self.compare(
            "purpose",
            n,
            "profiling",
            profiling_text(old),
            profiling_text(new),
        );
        self.compare(
            "purpose",
            n,
            "categories",
            categories_text(old),
            categories_text(new),
        );
        self.compare(
            "purpose",
            n,
            "legacy-recipients",
            old.legacy_recipients.join("; "),
            new.legacy_recipients.join("; "),
        );
        self.compare(
            "purpose",
            n,
            "legacy-transfers",
            old.legacy_transfers.join("; "),
            new.legacy_transfers.join("; "),
        );
    }

    fn field(&mut self, old: &Field, new: &Field) {
        let n = &new.name;
        let sorted = |f: &Field| {
            let mut p = f.purposes.clone();
            p.sort();
            p.join(", ")
        };
        self.compare("field", n, "purposes", sorted(old), sorted(new));
        self.compare(
            "field",
            n,
            "type",
            kebab(&old.field_type),
            kebab(&new.field_type),
        );
        self.compare("field", n, "label", show(&old.label), show(&new.label));
        self.compare(
            "field",
            n,
            "label-en",
            show(&old.label_en),
            show(&new.label_en),
        );
        self.compare(
            "field",
            n,
            "required",
            old.required.to_string(),
            new.required.to_string(),
        );
        self.compare("field", n, "source", kebab(&old.source), kebab(&new.source));
        self.compare(
            "field",
            n,
            "source-note",
            show(&old.source_note),
            show(&new.source_note),
        );
        self.compare(
            "field",
            n,
            "source-note-en",
            show(&old.source_note_en),
            show(&new.source_note_en),
        );
        let special = |f: &Field| f.special.map(|s| kebab(&s)).unwrap_or("(none)".into());
        self.compare("field", n, "special", special(old), special(new));
        self.compare("field", n, "art9", show(&old.art9), show(&new.art9));
    }

    fn profile(&mut self, old: &Profile, new: &Profile) {
        let p = "profile";
        self.compare(p, "", "name", old.name.clone(), new.name.clone());
        self.compare(p, "", "email", old.email.clone(), new.email.clone());
        self.compare(p, "", "address", old.address.clone(), new.address.clone());
        self.compare(p, "", "kvk", show(&old.kvk), show(&new.kvk));
        self.compare(p, "", "phone", show(&old.phone), show(&new.phone));
        self.compare(p, "", "website", show(&old.website), show(&new.website));
        self.compare(p, "", "dpo-name", show(&old.dpo_name), show(&new.dpo_name));
        self.compare(
            p,
            "",
            "dpo-email",
            show(&old.dpo_email),
            show(&new.dpo_email),
        );
        self.compare(
            p,
            "",
            "statement-url",
            show(&old.statement_url),
            show(&new.statement_url),
        );
    }
}

/// What changed from `old` (the published schema) to `new` (the current one), in name order.
pub fn diff(old: &Snapshot, new: &Snapshot) -> SchemaDiff {
    let mut changes = Changes(Vec::new());
    match (&old.profile, &new.profile) {
        (Some(a), Some(b)) => changes.profile(a, b),
        (None, Some(b)) => changes.profile(&Profile::default(), b),
        (Some(a), None) => changes.profile(a, &Profile::default()),
        (None, None) => {}
    }
    let mut out = SchemaDiff::default();
    let mut new_purposes: Vec<&Purpose> = new.purposes.iter().collect();
    new_purposes.sort_by(|a, b| a.name.cmp(&b.name));
    for purpose in &new_purposes {
        match old.purposes.iter().find(|p| p.name == purpose.name) {
            Some(before) => {
                changes.purpose(before, purpose);
                changes.compare(
                    "purpose",
                    &purpose.name,
                    "recipients",
                    recipients_text(old, before),
                    recipients_text(new, purpose),
                );
            }
            None => out.added_purposes.push(purpose.name.clone()),
        }
    }
    out.removed_purposes = old
        .purposes
        .iter()
        .filter(|p| !new.purposes.iter().any(|q| q.name == p.name))
        .map(|p| p.name.clone())
        .collect();
    out.removed_purposes.sort();
    let mut new_fields: Vec<&Field> = new.fields.iter().collect();
    new_fields.sort_by(|a, b| a.name.cmp(&b.name));
    for field in &new_fields {
        match old.fields.iter().find(|f| f.name == field.name) {
            Some(before) => changes.field(before, field),
            None => out.added_fields.push(field.name.clone()),
        }
    }
    out.removed_fields = old
        .fields
        .iter()
        .filter(|f| !new.fields.iter().any(|g| g.name == f.name))
        .map(|f| f.name.clone())
        .collect();
    out.removed_fields.sort();
    // The order of the purposes both versions have: an added or removed one is told above.
    let in_both = |name: &str| {
        old.purposes.iter().any(|p| p.name == name) && new.purposes.iter().any(|p| p.name == name)
    };
    let order = |s: &Snapshot| {
        s.purposes
            .iter()
            .map(|p| p.name.as_str())
            .filter(|name| in_both(name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    changes.compare("purposes", "", "order", order(old), order(new));
    let mut cookie_names: Vec<&str> = old
        .cookies
        .iter()
        .chain(&new.cookies)
        .map(|c| c.name.as_str())
        .collect();
    cookie_names.sort();
    cookie_names.dedup();
    for name in cookie_names {
        let find = |s: &Snapshot| s.cookies.iter().find(|c| c.name == name).cloned();
        changes.compare(
            "cookie",
            name,
            "declaration",
            cookie_text(find(old).as_ref()),
            cookie_text(find(new).as_ref()),
        );
    }
    out.changes = changes.0;
    out
}

impl fmt::Display for SchemaDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "no changes since the last published statement");
        }
        for name in &self.added_purposes {
            writeln!(
                f,
                "+ purpose {name}  NEW: inform people before this processing starts (Art. 13(3))"
            )?;
        }
        for name in &self.removed_purposes {
            writeln!(f, "- purpose {name}")?;
        }
        for name in &self.added_fields {
            writeln!(f, "+ field {name}")?;
        }
        for name in &self.removed_fields {
            writeln!(f, "- field {name}")?;
        }
        for c in &self.changes {
            let subject = if c.name.is_empty() {
                c.kind.to_string()
            } else {
                format!("{} {}", c.kind, c.name)
            };
            writeln!(
                f,
                "~ {subject}: {} changed from \"{}\" to \"{}\"",
                c.attribute, c.before, c.after
            )?;
        }
        Ok(())
    }
}
