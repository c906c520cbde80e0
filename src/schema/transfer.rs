//! The transfer rules of GDPR Chapter V, for everything that sends personal data to a country:
//! a recipient of a purpose's data, and the provider of a cookie. Kept once, so both are held
//! to the same rules; each caller turns a broken rule into its own error.

use super::country::{self, AdequacyScope};
use super::model::Safeguard;

/// A transfer rule a declaration breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// A safeguard for a country inside the EEA, where sending data is no transfer.
    SafeguardInsideEea(Safeguard),
    /// A country outside the EEA without a safeguard.
    SafeguardMissing,
    /// `adequacy` for a country that no decision covers for every recipient.
    NoAdequacy,
    /// `dpf` outside the United States.
    DpfOutsideUs,
    /// `scc` or `bcr` without saying how people get a copy (Art. 13(1)(f)).
    CopyMissing(Safeguard),
    /// A text about a copy where the safeguard has none to give.
    CopyNotApplicable,
}

/// Checks a transfer to `code`, an ISO code [`country::country`] knows, on `safeguard`, given
/// with or without a text that says how people get a copy of it.
pub fn check(code: &str, safeguard: Option<Safeguard>, copy_given: bool) -> Result<(), Broken> {
    if country::is_eea(code) {
        return match (safeguard, copy_given) {
            (Some(safeguard), _) => Err(Broken::SafeguardInsideEea(safeguard)),
            (None, true) => Err(Broken::CopyNotApplicable),
            (None, false) => Ok(()),
        };
    }
    let safeguard = safeguard.ok_or(Broken::SafeguardMissing)?;
    match safeguard {
        Safeguard::Adequacy if !adequacy_covers_everyone(code) => return Err(Broken::NoAdequacy),
        Safeguard::Dpf if code != "US" => return Err(Broken::DpfOutsideUs),
        _ => {}
    }
    match (needs_copy(safeguard), copy_given) {
        (true, false) => Err(Broken::CopyMissing(safeguard)),
        (false, true) => Err(Broken::CopyNotApplicable),
        _ => Ok(()),
    }
}

/// The safeguards that can hold for a transfer to `code` outside the EEA, leaving out the
/// Art. 49 exceptions: a decision of the Commission first (the country's adequacy decision,
/// or the Data Privacy Framework for the United States), then the documents.
pub fn fitting(code: &str) -> Vec<Safeguard> {
    let mut fitting = Vec::new();
    if adequacy_covers_everyone(code) {
        fitting.push(Safeguard::Adequacy);
    }
    if code == "US" {
        fitting.push(Safeguard::Dpf);
    }
    fitting.extend([Safeguard::Scc, Safeguard::Bcr]);
    fitting
}

/// Standard clauses and corporate rules are documents people may ask a copy of; a decision
/// of the Commission is named instead, and an Art. 49 exception is explained in a note.
pub fn needs_copy(safeguard: Safeguard) -> bool {
    matches!(safeguard, Safeguard::Scc | Safeguard::Bcr)
}

/// Whether the Commission's adequacy decision for the country covers every recipient there
/// (not only some sectors, or only the Data Privacy Framework's participants).
fn adequacy_covers_everyone(code: &str) -> bool {
    country::adequacy(code).is_some_and(|decision| {
        matches!(
            decision.scope,
            AdequacyScope::Whole | AdequacyScope::CommercialOrganisations
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_of_a_transfer() {
        assert_eq!(check("DE", None, false), Ok(()));
        assert_eq!(
            check("DE", Some(Safeguard::Scc), true),
            Err(Broken::SafeguardInsideEea(Safeguard::Scc))
        );
        assert_eq!(check("NL", None, true), Err(Broken::CopyNotApplicable));
        assert_eq!(check("US", None, false), Err(Broken::SafeguardMissing));
        assert_eq!(check("US", Some(Safeguard::Dpf), false), Ok(()));
        assert_eq!(
            check("US", Some(Safeguard::Adequacy), false),
            Err(Broken::NoAdequacy)
        );
        assert_eq!(
            check("GB", Some(Safeguard::Dpf), false),
            Err(Broken::DpfOutsideUs)
        );
        assert_eq!(check("GB", Some(Safeguard::Adequacy), false), Ok(()));
        assert_eq!(
            check("IN", Some(Safeguard::Scc), false),
            Err(Broken::CopyMissing(Safeguard::Scc))
        );
        assert_eq!(check("IN", Some(Safeguard::Bcr), true), Ok(()));
        assert_eq!(
            check("US", Some(Safeguard::Dpf), true),
            Err(Broken::CopyNotApplicable)
        );
    }

    #[test]
    fn every_fitting_safeguard_passes_the_check() {
        for code in ["US", "GB", "IN", "CA", "JP"] {
            for safeguard in fitting(code) {
                let copy = needs_copy(safeguard);
                assert_eq!(
                    check(code, Some(safeguard), copy),
                    Ok(()),
                    "{code} {safeguard}"
                );
            }
        }
        assert_eq!(
            fitting("US"),
            [Safeguard::Dpf, Safeguard::Scc, Safeguard::Bcr]
        );
        assert_eq!(fitting("IN"), [Safeguard::Scc, Safeguard::Bcr]);
        assert_eq!(fitting("GB")[0], Safeguard::Adequacy);
    }
}
