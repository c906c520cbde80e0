//! How long a purpose keeps data, in the statement's words: the period and the moment it
//! counts from, or the event that ends the keeping, then the user's note. The same start
//! drives `kluis purge` (records::retention), so the statement and the purge agree.

use crate::schema::model::{Purpose, RetentionStart};
use crate::schema::purpose::event_allowed;

use super::Lang;
use super::missing::Missing;
use super::texts::period_words;

/// "2 jaar na de laatste wijziging van uw gegevens": a period counted from `start`.
fn counted_from(lang: Lang, period: &str, start: RetentionStart) -> String {
    use RetentionStart::*;
    match (lang, start) {
        (Lang::Nl, LastChange) => format!("{period} na de laatste wijziging van uw gegevens"),
        (Lang::Nl, Created) => {
            format!("{period} na de dag dat we uw gegevens vastlegden")
        }
        (Lang::Nl, EndOfContract) => format!("{period} na het einde van de overeenkomst"),
        (Lang::Nl, ConsentWithdrawn) => format!("{period} nadat u uw toestemming hebt ingetrokken"),
        (Lang::En, LastChange) => format!("{period} after the last change to your data"),
        (Lang::En, Created) => format!("{period} after the day we recorded your data"),
        (Lang::En, EndOfContract) => format!("{period} after the end of the contract"),
        (Lang::En, ConsentWithdrawn) => format!("{period} after you withdraw your consent"),
    }
}

/// "tot u uw toestemming intrekt": an event alone; `None` for a start that is no event.
fn until(lang: Lang, start: RetentionStart) -> Option<&'static str> {
    use RetentionStart::*;
    Some(match (lang, start) {
        (Lang::Nl, EndOfContract) => "Tot het einde van de overeenkomst",
        (Lang::Nl, ConsentWithdrawn) => "Tot u uw toestemming intrekt",
        (Lang::En, EndOfContract) => "Until the end of the contract",
        (Lang::En, ConsentWithdrawn) => "Until you withdraw your consent",
        (_, LastChange | Created) => return None,
    })
}

/// The retention without its note, or the gap that keeps it from being stated.
pub fn words(lang: Lang, purpose: &Purpose) -> Result<String, Missing> {
    let retention = &purpose.retention;
    let name = || purpose.name.clone();
    if let Some(period) = retention.period {
        return Ok(counted_from(
            lang,
            &period_words(lang, period),
            retention.start,
        ));
    }
    if retention.is_note_only() {
        return Err(if retention.note.is_some() {
            Missing::RetentionNoteOnly { purpose: name() }
        } else {
            Missing::Retention { purpose: name() }
        });
    }
    if !event_allowed(retention.start, purpose.basis) {
        return Err(Missing::RetentionEvent { purpose: name() });
    }
    until(lang, retention.start)
        .map(str::to_string)
        .ok_or(Missing::Retention { purpose: name() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::{LegalBasis, Retention, RetentionPeriod, RetentionUnit};

    fn purpose(basis: LegalBasis, period: Option<u32>, start: RetentionStart) -> Purpose {
        let mut purpose = Purpose::new("p", basis, "Doel");
        purpose.retention = Retention {
            period: period.map(|amount| RetentionPeriod {
                amount,
                unit: RetentionUnit::Years,
            }),
            start,
            ..Retention::default()
        };
        purpose
    }

    #[test]
    fn each_start_says_from_when() {
        use RetentionStart::*;
        let cases = [
            (
                LegalBasis::Contract,
                Some(2),
                LastChange,
                "2 jaar na de laatste wijziging van uw gegevens",
                "2 years after the last change to your data",
            ),
            (
                LegalBasis::Contract,
                Some(2),
                Created,
                "2 jaar na de dag dat we uw gegevens vastlegden",
                "2 years after the day we recorded your data",
            ),
            (
                LegalBasis::LegalObligation,
                Some(7),
                EndOfContract,
                "7 jaar na het einde van de overeenkomst",
                "7 years after the end of the contract",
            ),
            (
                LegalBasis::Consent,
                Some(2),
                ConsentWithdrawn,
                "2 jaar nadat u uw toestemming hebt ingetrokken",
                "2 years after you withdraw your consent",
            ),
            (
                LegalBasis::Consent,
                None,
                ConsentWithdrawn,
                "Tot u uw toestemming intrekt",
                "Until you withdraw your consent",
            ),
            (
                LegalBasis::Contract,
                None,
                EndOfContract,
                "Tot het einde van de overeenkomst",
                "Until the end of the contract",
            ),
        ];
        for (basis, period, start, nl, en) in cases {
            let purpose = purpose(basis, period, start);
            assert_eq!(words(Lang::Nl, &purpose).unwrap(), nl);
            assert_eq!(words(Lang::En, &purpose).unwrap(), en);
        }
    }

    #[test]
    fn an_event_alone_needs_the_basis_that_has_it() {
        let consent_on_contract =
            purpose(LegalBasis::Contract, None, RetentionStart::ConsentWithdrawn);
        assert!(matches!(
            words(Lang::Nl, &consent_on_contract),
            Err(Missing::RetentionEvent { .. })
        ));
        let contract_on_consent = purpose(LegalBasis::Consent, None, RetentionStart::EndOfContract);
        assert!(matches!(
            words(Lang::En, &contract_on_consent),
            Err(Missing::RetentionEvent { .. })
        ));
    }

    #[test]
    fn a_note_alone_is_a_gap() {
        let mut note_only = purpose(LegalBasis::Contract, None, RetentionStart::LastChange);
        assert!(matches!(
            words(Lang::Nl, &note_only),
            Err(Missing::Retention { .. })
        ));
        note_only.retention.note = Some("zo lang als nodig".into());
        assert_eq!(
            words(Lang::Nl, &note_only),
            Err(Missing::RetentionNoteOnly {
                purpose: "p".into()
            })
        );
    }
}
