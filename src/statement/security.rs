//! The security paragraph, from facts kluis itself knows: the vault is one age-encrypted file
//! on the business's own computer, its key derived from a passphrase with Argon2id, and it
//! opens with the passphrase, the recovery key and the extra keys the user added. It claims
//! nothing more: not about backups, staff or data kept outside the vault.

use serde::{Deserialize, Serialize};

use super::Lang;
use super::people::Prose;
use super::texts::fill;
use crate::vault::Vault;

/// What the statement says about security that the schema does not hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityFacts {
    /// The extra age keys that also open the vault (`kluis key list`).
    pub extra_keys: usize,
}

impl SecurityFacts {
    /// The facts of an open vault.
    pub fn of(vault: &Vault) -> Result<Self, crate::vault::Error> {
        Ok(SecurityFacts {
            extra_keys: vault.recipients()?.len(),
        })
    }
}

/// The security section. `elsewhere` says whether a purpose keeps data outside the vault: the
/// paragraph then says it does not cover that data. `subjects` names the people ("klanten en
/// leden").
pub fn section(lang: Lang, facts: SecurityFacts, elsewhere: bool, subjects: &str) -> Prose {
    let (heading, file, keys, extra_one, extra_many, not_elsewhere) = match lang {
        Lang::Nl => (
            "Beveiliging",
            "De gegevens van onze {subjects} bewaren we in één versleuteld bestand. Het bestand is versleuteld met age. De sleutel maken we uit een wachtwoord, met Argon2id.",
            "Alleen met het wachtwoord of met de herstelsleutel gaat het bestand open.",
            "Alleen met het wachtwoord, de herstelsleutel of 1 extra sleutel gaat het bestand open.",
            "Alleen met het wachtwoord, de herstelsleutel of een van {count} extra sleutels gaat het bestand open.",
            "Dit gaat over dat bestand. Het gaat niet over de gegevens die we elders bewaren.",
        ),
        Lang::En => (
            "Security",
            "We keep the data of our {subjects} in one encrypted file. The file is encrypted with age. The key is made from a passphrase, with Argon2id.",
            "Only the passphrase or the recovery key opens the file.",
            "Only the passphrase, the recovery key or 1 extra key opens the file.",
            "Only the passphrase, the recovery key or one of {count} extra keys opens the file.",
            "This is about that file. It is not about the data we keep elsewhere.",
        ),
    };
    let keys = match facts.extra_keys {
        0 => keys.to_string(),
        1 => extra_one.to_string(),
        count => fill(extra_many, &[("count", &count.to_string())]),
    };
    let mut lines = vec![fill(file, &[("subjects", subjects)]), keys];
    if elsewhere {
        lines.push(not_elsewhere.to_string());
    }
    Prose { heading, lines }
}

/// How a request to use a right is checked and handled (Art. 12(3) to (6)).
pub fn request_handling(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nl => [
            "Voordat we antwoorden, controleren we of u echt bent wie u zegt. Zo geven we uw gegevens niet aan iemand anders.",
            "We antwoorden binnen een maand. Is uw verzoek ingewikkeld, of krijgen we veel verzoeken? Dan mogen we twee maanden langer nemen. Dat laten we u binnen de eerste maand weten, met de reden.",
            "Het gebruiken van uw rechten is gratis.",
        ],
        Lang::En => [
            "Before we answer, we check that you are who you say you are. That way we do not give your data to someone else.",
            "We answer within one month. Is your request complex, or do we get many requests? Then we are allowed to take two more months. We tell you so within the first month, with the reason.",
            "Using your rights is free of charge.",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_sentence_counts_the_extra_keys() {
        let none = section(Lang::Nl, SecurityFacts::default(), false, "klanten");
        assert_eq!(
            none.lines[1],
            "Alleen met het wachtwoord of met de herstelsleutel gaat het bestand open."
        );
        let two = section(
            Lang::En,
            SecurityFacts { extra_keys: 2 },
            false,
            "customers",
        );
        assert!(two.lines[1].contains("one of 2 extra keys"));
        assert_eq!(two.lines.len(), 2);
    }

    #[test]
    fn data_kept_elsewhere_is_not_covered() {
        let s = section(Lang::Nl, SecurityFacts::default(), true, "leden");
        assert!(s.lines[0].starts_with("De gegevens van onze leden bewaren we"));
        assert!(s.lines[2].contains("niet over de gegevens die we elders bewaren"));
    }

    #[test]
    fn requests_are_checked_and_answered_within_a_month() {
        let nl = request_handling(Lang::Nl).join(" ");
        assert!(nl.contains("controleren we of u echt bent wie u zegt"));
        assert!(nl.contains("binnen een maand"));
        assert!(nl.contains("twee maanden langer"));
        let en = request_handling(Lang::En).join(" ");
        assert!(en.contains("within one month"));
    }
}
