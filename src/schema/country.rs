//! The countries kluis knows: ISO 3166-1 codes with their Dutch and English names, which of
//! them are in the EEA, and which have an adequacy decision of the European Commission.
//!
//! This is the one place for that knowledge, so that a data recipient abroad (a transfer under
//! Art. 44–49 GDPR) is named and judged the same way everywhere.
//!
//! **State of the lists: 2026-11.** The EEA and the adequacy decisions change by political
//! decision, not by release of a standard: when the Commission adopts, renews, amends or
//! withdraws an adequacy decision, edit `ADEQUACY_DECISIONS` and nothing else.
//!
//! The codes are the ISO 3166-1 list as Debian's iso-codes 4.15 ships it (249 codes). The names
//! are its English common names and Dutch translation, changed where the Dutch government and
//! the Taalunie write otherwise (e.g. "Belarus", "Georgië", "Britse Maagdeneilanden"), so that
//! a privacy statement reads naturally.

#[cfg(test)]
mod tests;

/// A country or territory with an officially assigned ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// The ISO 3166-1 alpha-2 code, in capitals, e.g. `DE`.
    pub code: &'static str,
    /// The short Dutch name, e.g. "Duitsland".
    pub name_nl: &'static str,
    /// The short English name, e.g. "Germany".
    pub name_en: &'static str,
}

/// What part of a country an adequacy decision covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdequacyScope {
    /// All recipients in the country, within the decision's own limits.
    Whole,
    /// Only organisations on the Data Privacy Framework List of the US Department of Commerce;
    /// any other US recipient needs another safeguard (Art. 46–49).
    DpfParticipantsOnly,
    /// Only commercial organisations subject to Canada's PIPEDA, not e.g. public bodies.
    CommercialOrganisations,
}

/// An adequacy decision of the European Commission (Art. 45 GDPR, or Art. 25(6) of the old
/// Directive 95/46/EC, whose decisions stay in force under Art. 45(9) GDPR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Adequacy {
    /// The decision's number as the Official Journal cites it, e.g. "(EU) 2023/1795".
    pub decision: &'static str,
    /// A short Dutch name of the decision, e.g. "adequaatheidsbesluit voor Japan".
    pub name_nl: &'static str,
    /// A short English name of the decision, e.g. "EU-US Data Privacy Framework".
    pub name_en: &'static str,
    /// Which recipients in the country it covers.
    pub scope: AdequacyScope,
}

/// The country with this ISO 3166-1 alpha-2 code, in any case and with spaces around it.
///
/// Only two ASCII letters are a code; "UK" and "EL" are not ISO codes (though the EU itself
/// uses them) and give `None`: see [`suggestion`].
pub fn country(code: &str) -> Option<&'static Country> {
    let code = normalized(code)?;
    COUNTRIES
        .binary_search_by(|country| country.code.as_bytes().cmp(&code[..]))
        .ok()
        .map(|index| &COUNTRIES[index])
}

/// The country a person wrote: an ISO code in any case (`nl`), or a Dutch or English name in
/// any case, with or without accents (`Nederland`, `Netherlands`, `Belgie`), or one of a few
/// everyday names (`Holland`, `UK`, `USA`, `Deutschland`). `None` for anything else.
pub fn find(text: &str) -> Option<&'static Country> {
    if let Some(country) = country(text).or_else(|| suggestion(text).and_then(country)) {
        return Some(country);
    }
    let key = name_key(text);
    if key.is_empty() {
        return None;
    }
    let code = ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map(|(_, code)| *code);
    if let Some(code) = code {
        return country(code);
    }
    COUNTRIES
        .iter()
        .find(|c| name_key(c.name_nl) == key || name_key(c.name_en) == key)
}

/// A name compared without case, accents, dots or a leading "the".
fn name_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let plain: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c) && *c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest.join(" "),
        _ => words.join(" "),
    }
}

/// Everyday names that are neither ISO's nor the Taalunie's, as [`name_key`] writes them.
const ALIASES: &[(&str, &str)] = &[
    ("holland", "NL"),
    ("deutschland", "DE"),
    ("belgique", "BE"),
    ("belgien", "BE"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("groot-brittannie", "GB"),
    ("engeland", "GB"),
    ("usa", "US"),
    ("united states of america", "US"),
    ("amerika", "US"),
    ("osterreich", "AT"),
    ("schweiz", "CH"),
    ("suisse", "CH"),
    ("espana", "ES"),
];

/// Every country kluis knows, ordered by code: the choices of a country input.
pub fn countries() -> &'static [Country] {
    COUNTRIES
}

/// The ISO code meant by a common mistake, so the caller can ask "did you mean GB?": `UK`
/// gives `GB` and `EL` (the EU's own code for Greece) gives `GR`. `None` for anything else,
/// including codes that are right.
pub fn suggestion(code: &str) -> Option<&'static str> {
    match &normalized(code)? {
        b"UK" => Some("GB"),
        b"EL" => Some("GR"),
        _ => None,
    }
}

/// Whether the GDPR applies in this country as in the Netherlands, so that sending data there
/// is no transfer under Chapter V: the EU member states, Iceland, Liechtenstein and Norway,
/// and the parts of member states that ISO gives a code of their own (see `EEA_TERRITORIES`).
pub fn is_eea(code: &str) -> bool {
    country(code).is_some_and(|country| {
        EEA_STATES.contains(&country.code) || EEA_TERRITORIES.contains(&country.code)
    })
}

/// The Commission's adequacy decision for this country, if it has one.
pub fn adequacy(code: &str) -> Option<&'static Adequacy> {
    let country = country(code)?;
    ADEQUACY_DECISIONS
        .binary_search_by(|(code, _)| code.cmp(&country.code))
        .ok()
        .map(|index| &ADEQUACY_DECISIONS[index].1)
}

/// The code in capitals, if it is exactly two ASCII letters once trimmed.
fn normalized(code: &str) -> Option<[u8; 2]> {
    match code.trim().as_bytes() {
        &[first, second] if first.is_ascii_alphabetic() && second.is_ascii_alphabetic() => {
            Some([first.to_ascii_uppercase(), second.to_ascii_uppercase()])
        }
        _ => None,
    }
}

/// The 27 member states of the EU, then the three EFTA states in the EEA.
const EEA_STATES: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", //
    "IS", "LI", "NO",
];

/// Parts of EU member states with an ISO code of their own where the GDPR applies all the
/// same: Åland (Finland, Art. 355(4) TFEU) and France's outermost regions (Art. 349 and
/// 355(1) TFEU). Not here, because EU law does not apply there: the Dutch Caribbean (AW, BQ,
/// CW, SX), Greenland, the Faroe Islands, French Polynesia and the other overseas countries and
/// territories, and Svalbard and Jan Mayen (outside the EEA Agreement).
const EEA_TERRITORIES: [&str; 7] = ["AX", "GF", "GP", "MF", "MQ", "RE", "YT"];

/// The adequacy decisions in force in 2026-11, by country code. A change in the Commission's
/// decisions means editing this table, and only this table.
#[rustfmt::skip]
const ADEQUACY_DECISIONS: &[(&str, Adequacy)] = &[
    ("AD", whole("2010/625/EU", "adequaatheidsbesluit voor Andorra", "adequacy decision for Andorra")),
    ("AR", whole("2003/490/EC", "adequaatheidsbesluit voor Argentinië", "adequacy decision for Argentina")),
    ("CA", Adequacy {
        decision: "2002/2/EC",
        name_nl: "adequaatheidsbesluit voor Canada (PIPEDA)",
        name_en: "adequacy decision for Canada (PIPEDA)",
        scope: AdequacyScope::CommercialOrganisations,
    }),
    ("CH", whole("2000/518/EC", "adequaatheidsbesluit voor Zwitserland", "adequacy decision for Switzerland")),
    ("FO", whole("2010/146/EU", "adequaatheidsbesluit voor de Faeröer", "adequacy decision for the Faroe Islands")),
    // The 2021 decision ran until 27 December 2025. The trade press reports that the
    // Commission renewed it on 19 December 2025 until 27 December 2031 by a new implementing
    // decision, whose number could not be verified here: look it up on EUR-Lex and put it in
    // place of the 2021 number.
    ("GB", whole("(EU) 2021/1772", "adequaatheidsbesluit voor het Verenigd Koninkrijk", "adequacy decision for the United Kingdom")),
    ("GG", whole("2003/821/EC", "adequaatheidsbesluit voor Guernsey", "adequacy decision for Guernsey")),
    ("IL", whole("2011/61/EU", "adequaatheidsbesluit voor Israël", "adequacy decision for Israel")),
    ("IM", whole("2004/411/EC", "adequaatheidsbesluit voor het Eiland Man", "adequacy decision for the Isle of Man")),
    ("JE", whole("2008/393/EC", "adequaatheidsbesluit voor Jersey", "adequacy decision for Jersey")),
    ("JP", whole("(EU) 2019/419", "adequaatheidsbesluit voor Japan", "adequacy decision for Japan")),
    ("KR", whole("(EU) 2022/254", "adequaatheidsbesluit voor Zuid-Korea", "adequacy decision for the Republic of Korea")),
    ("NZ", whole("2013/65/EU", "adequaatheidsbesluit voor Nieuw-Zeeland", "adequacy decision for New Zealand")),
    ("US", Adequacy {
        decision: "(EU) 2023/1795",
        name_nl: "EU-VS Data Privacy Framework",
        name_en: "EU-US Data Privacy Framework",
        scope: AdequacyScope::DpfParticipantsOnly,
    }),
    ("UY", whole("2012/484/EU", "adequaatheidsbesluit voor Uruguay", "adequacy decision for Uruguay")),
];

/// A decision that covers the whole country.
const fn whole(decision: &'static str, name_nl: &'static str, name_en: &'static str) -> Adequacy {
    Adequacy {
        decision,
        name_nl,
        name_en,
        scope: AdequacyScope::Whole,
    }
}

/// All officially assigned ISO 3166-1 alpha-2 codes, sorted by code.
#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    Country { code: "AD", name_nl: "Andorra", name_en: "Andorra" },
    Country { code: "AE", name_nl: "Verenigde Arabische Emiraten", name_en: "United Arab Emirates" },
    Country { code: "AF", name_nl: "Afghanistan", name_en: "Afghanistan" },
    Country { code: "AG", name_nl: "Antigua en Barbuda", name_en: "Antigua and Barbuda" },
    Country { code: "AI", name_nl: "Anguilla", name_en: "Anguilla" },
    Country { code: "AL", name_nl: "Albanië", name_en: "Albania" },
    Country { code: "AM", name_nl: "Armenië", name_en: "Armenia" },
    Country { code: "AO", name_nl: "Angola", name_en: "Angola" },
    Country { code: "AQ", name_nl: "Antarctica", name_en: "Antarctica" },
    Country { code: "AR", name_nl: "Argentinië", name_en: "Argentina" },
    Country { code: "AS", name_nl: "Amerikaans-Samoa", name_en: "American Samoa" },
    Country { code: "AT", name_nl: "Oostenrijk", name_en: "Austria" },
    Country { code: "AU", name_nl: "Australië", name_en: "Australia" },
    Country { code: "AW", name_nl: "Aruba", name_en: "Aruba" },
    Country { code: "AX", name_nl: "Ålandeilanden", name_en: "Åland Islands" },
    Country { code: "AZ", name_nl: "Azerbeidzjan", name_en: "Azerbaijan" },
    Country { code: "BA", name_nl: "Bosnië en Herzegovina", name_en: "Bosnia and Herzegovina" },
    Country { code: "BB", name_nl: "Barbados", name_en: "Barbados" },
    Country { code: "BD", name_nl: "Bangladesh", name_en: "Bangladesh" },
    Country { code: "BE", name_nl: "België", name_en: "Belgium" },
    Country { code: "BF", name_nl: "Burkina Faso", name_en: "Burkina Faso" },
    Country { code: "BG", name_nl: "Bulgarije", name_en: "Bulgaria" },
    Country { code: "BH", name_nl: "Bahrein", name_en: "Bahrain" },
    Country { code: "BI", name_nl: "Burundi", name_en: "Burundi" },
    Country { code: "BJ", name_nl: "Benin", name_en: "Benin" },
    Country { code: "BL", name_nl: "Saint-Barthélemy", name_en: "Saint Barthélemy" },
    Country { code: "BM", name_nl: "Bermuda", name_en: "Bermuda" },
    Country { code: "BN", name_nl: "Brunei", name_en: "Brunei" },
    Country { code: "BO", name_nl: "Bolivia", name_en: "Bolivia" },
    Country { code: "BQ", name_nl: "Bonaire, Sint Eustatius en Saba", name_en: "Bonaire, Sint Eustatius and Saba" },
    Country { code: "BR", name_nl: "Brazilië", name_en: "Brazil" },
    Country { code: "BS", name_nl: "Bahama's", name_en: "Bahamas" },
    Country { code: "BT", name_nl: "Bhutan", name_en: "Bhutan" },
    Country { code: "BV", name_nl: "Bouveteiland", name_en: "Bouvet Island" },
    Country { code: "BW", name_nl: "Botswana", name_en: "Botswana" },
    Country { code: "BY", name_nl: "Belarus", name_en: "Belarus" },
    Country { code: "BZ", name_nl: "Belize", name_en: "Belize" },
    Country { code: "CA", name_nl: "Canada", name_en: "Canada" },
    Country { code: "CC", name_nl: "Cocoseilanden", name_en: "Cocos (Keeling) Islands" },
    Country { code: "CD", name_nl: "Democratische Republiek Congo", name_en: "Democratic Republic of the Congo" },
    Country { code: "CF", name_nl: "Centraal-Afrikaanse Republiek", name_en: "Central African Republic" },
    Country { code: "CG", name_nl: "Republiek Congo", name_en: "Republic of the Congo" },
    Country { code: "CH", name_nl: "Zwitserland", name_en: "Switzerland" },
    Country { code: "CI", name_nl: "Ivoorkust", name_en: "Côte d'Ivoire" },
    Country { code: "CK", name_nl: "Cookeilanden", name_en: "Cook Islands" },
    Country { code: "CL", name_nl: "Chili", name_en: "Chile" },
    Country { code: "CM", name_nl: "Kameroen", name_en: "Cameroon" },
    Country { code: "CN", name_nl: "China", name_en: "China" },
    Country { code: "CO", name_nl: "Colombia", name_en: "Colombia" },
    Country { code: "CR", name_nl: "Costa Rica", name_en: "Costa Rica" },
    Country { code: "CU", name_nl: "Cuba", name_en: "Cuba" },
    Country { code: "CV", name_nl: "Kaapverdië", name_en: "Cabo Verde" },
    Country { code: "CW", name_nl: "Curaçao", name_en: "Curaçao" },
    Country { code: "CX", name_nl: "Christmaseiland", name_en: "Christmas Island" },
    Country { code: "CY", name_nl: "Cyprus", name_en: "Cyprus" },
    Country { code: "CZ", name_nl: "Tsjechië", name_en: "Czechia" },
    Country { code: "DE", name_nl: "Duitsland", name_en: "Germany" },
    Country { code: "DJ", name_nl: "Djibouti", name_en: "Djibouti" },
    Country { code: "DK", name_nl: "Denemarken", name_en: "Denmark" },
    Country { code: "DM", name_nl: "Dominica", name_en: "Dominica" },
    Country { code: "DO", name_nl: "Dominicaanse Republiek", name_en: "Dominican Republic" },
    Country { code: "DZ", name_nl: "Algerije", name_en: "Algeria" },
    Country { code: "EC", name_nl: "Ecuador", name_en: "Ecuador" },
    Country { code: "EE", name_nl: "Estland", name_en: "Estonia" },
    Country { code: "EG", name_nl: "Egypte", name_en: "Egypt" },
    Country { code: "EH", name_nl: "Westelijke Sahara", name_en: "Western Sahara" },
    Country { code: "ER", name_nl: "Eritrea", name_en: "Eritrea" },
    Country { code: "ES", name_nl: "Spanje", name_en: "Spain" },
    Country { code: "ET", name_nl: "Ethiopië", name_en: "Ethiopia" },
    Country { code: "FI", name_nl: "Finland", name_en: "Finland" },
    Country { code: "FJ", name_nl: "Fiji", name_en: "Fiji" },
    Country { code: "FK", name_nl: "Falklandeilanden", name_en: "Falkland Islands" },
    Country { code: "FM", name_nl: "Micronesia", name_en: "Micronesia" },
    Country { code: "FO", name_nl: "Faeröer", name_en: "Faroe Islands" },
    Country { code: "FR", name_nl: "Frankrijk", name_en: "France" },
    Country { code: "GA", name_nl: "Gabon", name_en: "Gabon" },
    Country { code: "GB", name_nl: "Verenigd Koninkrijk", name_en: "United Kingdom" },
    Country { code: "GD", name_nl: "Grenada", name_en: "Grenada" },
    Country { code: "GE", name_nl: "Georgië", name_en: "Georgia" },
    Country { code: "GF", name_nl: "Frans-Guyana", name_en: "French Guiana" },
    Country { code: "GG", name_nl: "Guernsey", name_en: "Guernsey" },
    Country { code: "GH", name_nl: "Ghana", name_en: "Ghana" },
    Country { code: "GI", name_nl: "Gibraltar", name_en: "Gibraltar" },
    Country { code: "GL", name_nl: "Groenland", name_en: "Greenland" },
    Country { code: "GM", name_nl: "Gambia", name_en: "Gambia" },
    Country { code: "GN", name_nl: "Guinee", name_en: "Guinea" },
    Country { code: "GP", name_nl: "Guadeloupe", name_en: "Guadeloupe" },
    Country { code: "GQ", name_nl: "Equatoriaal-Guinea", name_en: "Equatorial Guinea" },
    Country { code: "GR", name_nl: "Griekenland", name_en: "Greece" },
    Country { code: "GS", name_nl: "Zuid-Georgia en de Zuidelijke Sandwicheilanden", name_en: "South Georgia and the South Sandwich Islands" },
    Country { code: "GT", name_nl: "Guatemala", name_en: "Guatemala" },
    Country { code: "GU", name_nl: "Guam", name_en: "Guam" },
    Country { code: "GW", name_nl: "Guinee-Bissau", name_en: "Guinea-Bissau" },
    Country { code: "GY", name_nl: "Guyana", name_en: "Guyana" },
    Country { code: "HK", name_nl: "Hongkong", name_en: "Hong Kong" },
    Country { code: "HM", name_nl: "Heard en McDonaldeilanden", name_en: "Heard Island and McDonald Islands" },
    Country { code: "HN", name_nl: "Honduras", name_en: "Honduras" },
    Country { code: "HR", name_nl: "Kroatië", name_en: "Croatia" },
    Country { code: "HT", name_nl: "Haïti", name_en: "Haiti" },
    Country { code: "HU", name_nl: "Hongarije", name_en: "Hungary" },
    Country { code: "ID", name_nl: "Indonesië", name_en: "Indonesia" },
    Country { code: "IE", name_nl: "Ierland", name_en: "Ireland" },
    Country { code: "IL", name_nl: "Israël", name_en: "Israel" },
    Country { code: "IM", name_nl: "Eiland Man", name_en: "Isle of Man" },
    Country { code: "IN", name_nl: "India", name_en: "India" },
    Country { code: "IO", name_nl: "Brits Territorium in de Indische Oceaan", name_en: "British Indian Ocean Territory" },
    Country { code: "IQ", name_nl: "Irak", name_en: "Iraq" },
    Country { code: "IR", name_nl: "Iran", name_en: "Iran" },
    Country { code: "IS", name_nl: "IJsland", name_en: "Iceland" },
    Country { code: "IT", name_nl: "Italië", name_en: "Italy" },
    Country { code: "JE", name_nl: "Jersey", name_en: "Jersey" },
    Country { code: "JM", name_nl: "Jamaica", name_en: "Jamaica" },
    Country { code: "JO", name_nl: "Jordanië", name_en: "Jordan" },
    Country { code: "JP", name_nl: "Japan", name_en: "Japan" },
    Country { code: "KE", name_nl: "Kenia", name_en: "Kenya" },
    Country { code: "KG", name_nl: "Kirgizië", name_en: "Kyrgyzstan" },
    Country { code: "KH", name_nl: "Cambodja", name_en: "Cambodia" },
    Country { code: "KI", name_nl: "Kiribati", name_en: "Kiribati" },
    Country { code: "KM", name_nl: "Comoren", name_en: "Comoros" },
    Country { code: "KN", name_nl: "Saint Kitts en Nevis", name_en: "Saint Kitts and Nevis" },
    Country { code: "KP", name_nl: "Noord-Korea", name_en: "North Korea" },
    Country { code: "KR", name_nl: "Zuid-Korea", name_en: "South Korea" },
    Country { code: "KW", name_nl: "Koeweit", name_en: "Kuwait" },
    Country { code: "KY", name_nl: "Kaaimaneilanden", name_en: "Cayman Islands" },
    Country { code: "KZ", name_nl: "Kazachstan", name_en: "Kazakhstan" },
    Country { code: "LA", name_nl: "Laos", name_en: "Laos" },
    Country { code: "LB", name_nl: "Libanon", name_en: "Lebanon" },
    Country { code: "LC", name_nl: "Saint Lucia", name_en: "Saint Lucia" },
    Country { code: "LI", name_nl: "Liechtenstein", name_en: "Liechtenstein" },
    Country { code: "LK", name_nl: "Sri Lanka", name_en: "Sri Lanka" },
    Country { code: "LR", name_nl: "Liberia", name_en: "Liberia" },
    Country { code: "LS", name_nl: "Lesotho", name_en: "Lesotho" },
    Country { code: "LT", name_nl: "Litouwen", name_en: "Lithuania" },
    Country { code: "LU", name_nl: "Luxemburg", name_en: "Luxembourg" },
    Country { code: "LV", name_nl: "Letland", name_en: "Latvia" },
    Country { code: "LY", name_nl: "Libië", name_en: "Libya" },
    Country { code: "MA", name_nl: "Marokko", name_en: "Morocco" },
    Country { code: "MC", name_nl: "Monaco", name_en: "Monaco" },
    Country { code: "MD", name_nl: "Moldavië", name_en: "Moldova" },
    Country { code: "ME", name_nl: "Montenegro", name_en: "Montenegro" },
    Country { code: "MF", name_nl: "Saint-Martin (Frans deel)", name_en: "Saint Martin (French part)" },
    Country { code: "MG", name_nl: "Madagaskar", name_en: "Madagascar" },
    Country { code: "MH", name_nl: "Marshalleilanden", name_en: "Marshall Islands" },
    Country { code: "MK", name_nl: "Noord-Macedonië", name_en: "North Macedonia" },
    Country { code: "ML", name_nl: "Mali", name_en: "Mali" },
    Country { code: "MM", name_nl: "Myanmar", name_en: "Myanmar" },
    Country { code: "MN", name_nl: "Mongolië", name_en: "Mongolia" },
    Country { code: "MO", name_nl: "Macau", name_en: "Macao" },
    Country { code: "MP", name_nl: "Noordelijke Marianen", name_en: "Northern Mariana Islands" },
    Country { code: "MQ", name_nl: "Martinique", name_en: "Martinique" },
    Country { code: "MR", name_nl: "Mauritanië", name_en: "Mauritania" },
    Country { code: "MS", name_nl: "Montserrat", name_en: "Montserrat" },
    Country { code: "MT", name_nl: "Malta", name_en: "Malta" },
    Country { code: "MU", name_nl: "Mauritius", name_en: "Mauritius" },
    Country { code: "MV", name_nl: "Maldiven", name_en: "Maldives" },
    Country { code: "MW", name_nl: "Malawi", name_en: "Malawi" },
    Country { code: "MX", name_nl: "Mexico", name_en: "Mexico" },
    Country { code: "MY", name_nl: "Maleisië", name_en: "Malaysia" },
    Country { code: "MZ", name_nl: "Mozambique", name_en: "Mozambique" },
    Country { code: "NA", name_nl: "Namibië", name_en: "Namibia" },
    Country { code: "NC", name_nl: "Nieuw-Caledonië", name_en: "New Caledonia" },
    Country { code: "NE", name_nl: "Niger", name_en: "Niger" },
    Country { code: "NF", name_nl: "Norfolkeiland", name_en: "Norfolk Island" },
    Country { code: "NG", name_nl: "Nigeria", name_en: "Nigeria" },
    Country { code: "NI", name_nl: "Nicaragua", name_en: "Nicaragua" },
    Country { code: "NL", name_nl: "Nederland", name_en: "Netherlands" },
    Country { code: "NO", name_nl: "Noorwegen", name_en: "Norway" },
    Country { code: "NP", name_nl: "Nepal", name_en: "Nepal" },
    Country { code: "NR", name_nl: "Nauru", name_en: "Nauru" },
    Country { code: "NU", name_nl: "Niue", name_en: "Niue" },
    Country { code: "NZ", name_nl: "Nieuw-Zeeland", name_en: "New Zealand" },
    Country { code: "OM", name_nl: "Oman", name_en: "Oman" },
    Country { code: "PA", name_nl: "Panama", name_en: "Panama" },
    Country { code: "PE", name_nl: "Peru", name_en: "Peru" },
    Country { code: "PF", name_nl: "Frans-Polynesië", name_en: "French Polynesia" },
    Country { code: "PG", name_nl: "Papoea-Nieuw-Guinea", name_en: "Papua New Guinea" },
    Country { code: "PH", name_nl: "Filipijnen", name_en: "Philippines" },
    Country { code: "PK", name_nl: "Pakistan", name_en: "Pakistan" },
    Country { code: "PL", name_nl: "Polen", name_en: "Poland" },
    Country { code: "PM", name_nl: "Saint-Pierre en Miquelon", name_en: "Saint Pierre and Miquelon" },
    Country { code: "PN", name_nl: "Pitcairneilanden", name_en: "Pitcairn" },
    Country { code: "PR", name_nl: "Puerto Rico", name_en: "Puerto Rico" },
    Country { code: "PS", name_nl: "Palestijnse Gebieden", name_en: "Palestine" },
    Country { code: "PT", name_nl: "Portugal", name_en: "Portugal" },
    Country { code: "PW", name_nl: "Palau", name_en: "Palau" },
    Country { code: "PY", name_nl: "Paraguay", name_en: "Paraguay" },
    Country { code: "QA", name_nl: "Qatar", name_en: "Qatar" },
    Country { code: "RE", name_nl: "Réunion", name_en: "Réunion" },
    Country { code: "RO", name_nl: "Roemenië", name_en: "Romania" },
    Country { code: "RS", name_nl: "Servië", name_en: "Serbia" },
    Country { code: "RU", name_nl: "Rusland", name_en: "Russia" },
    Country { code: "RW", name_nl: "Rwanda", name_en: "Rwanda" },
    Country { code: "SA", name_nl: "Saoedi-Arabië", name_en: "Saudi Arabia" },
    Country { code: "SB", name_nl: "Salomonseilanden", name_en: "Solomon Islands" },
    Country { code: "SC", name_nl: "Seychellen", name_en: "Seychelles" },
    Country { code: "SD", name_nl: "Soedan", name_en: "Sudan" },
    Country { code: "SE", name_nl: "Zweden", name_en: "Sweden" },
    Country { code: "SG", name_nl: "Singapore", name_en: "Singapore" },
    Country { code: "SH", name_nl: "Sint-Helena, Ascension en Tristan da Cunha", name_en: "Saint Helena, Ascension and Tristan da Cunha" },
    Country { code: "SI", name_nl: "Slovenië", name_en: "Slovenia" },
    Country { code: "SJ", name_nl: "Spitsbergen en Jan Mayen", name_en: "Svalbard and Jan Mayen" },
    Country { code: "SK", name_nl: "Slowakije", name_en: "Slovakia" },
    Country { code: "SL", name_nl: "Sierra Leone", name_en: "Sierra Leone" },
    Country { code: "SM", name_nl: "San Marino", name_en: "San Marino" },
    Country { code: "SN", name_nl: "Senegal", name_en: "Senegal" },
    Country { code: "SO", name_nl: "Somalië", name_en: "Somalia" },
    Country { code: "SR", name_nl: "Suriname", name_en: "Suriname" },
    Country { code: "SS", name_nl: "Zuid-Soedan", name_en: "South Sudan" },
    Country { code: "ST", name_nl: "Sao Tomé en Principe", name_en: "Sao Tome and Principe" },
    Country { code: "SV", name_nl: "El Salvador", name_en: "El Salvador" },
    Country { code: "SX", name_nl: "Sint Maarten", name_en: "Sint Maarten (Dutch part)" },
    Country { code: "SY", name_nl: "Syrië", name_en: "Syria" },
    Country { code: "SZ", name_nl: "Eswatini", name_en: "Eswatini" },
    Country { code: "TC", name_nl: "Turks- en Caicoseilanden", name_en: "Turks and Caicos Islands" },
    Country { code: "TD", name_nl: "Tsjaad", name_en: "Chad" },
    Country { code: "TF", name_nl: "Franse Zuidelijke Gebieden", name_en: "French Southern Territories" },
    Country { code: "TG", name_nl: "Togo", name_en: "Togo" },
    Country { code: "TH", name_nl: "Thailand", name_en: "Thailand" },
    Country { code: "TJ", name_nl: "Tadzjikistan", name_en: "Tajikistan" },
    Country { code: "TK", name_nl: "Tokelau", name_en: "Tokelau" },
    Country { code: "TL", name_nl: "Oost-Timor", name_en: "Timor-Leste" },
    Country { code: "TM", name_nl: "Turkmenistan", name_en: "Turkmenistan" },
    Country { code: "TN", name_nl: "Tunesië", name_en: "Tunisia" },
    Country { code: "TO", name_nl: "Tonga", name_en: "Tonga" },
    Country { code: "TR", name_nl: "Turkije", name_en: "Türkiye" },
    Country { code: "TT", name_nl: "Trinidad en Tobago", name_en: "Trinidad and Tobago" },
    Country { code: "TV", name_nl: "Tuvalu", name_en: "Tuvalu" },
    Country { code: "TW", name_nl: "Taiwan", name_en: "Taiwan" },
    Country { code: "TZ", name_nl: "Tanzania", name_en: "Tanzania" },
    Country { code: "UA", name_nl: "Oekraïne", name_en: "Ukraine" },
    Country { code: "UG", name_nl: "Oeganda", name_en: "Uganda" },
    Country { code: "UM", name_nl: "Kleine afgelegen eilanden van de Verenigde Staten", name_en: "United States Minor Outlying Islands" },
    Country { code: "US", name_nl: "Verenigde Staten", name_en: "United States" },
    Country { code: "UY", name_nl: "Uruguay", name_en: "Uruguay" },
    Country { code: "UZ", name_nl: "Oezbekistan", name_en: "Uzbekistan" },
    Country { code: "VA", name_nl: "Vaticaanstad", name_en: "Vatican City" },
    Country { code: "VC", name_nl: "Saint Vincent en de Grenadines", name_en: "Saint Vincent and the Grenadines" },
    Country { code: "VE", name_nl: "Venezuela", name_en: "Venezuela" },
    Country { code: "VG", name_nl: "Britse Maagdeneilanden", name_en: "British Virgin Islands" },
    Country { code: "VI", name_nl: "Amerikaanse Maagdeneilanden", name_en: "United States Virgin Islands" },
    Country { code: "VN", name_nl: "Vietnam", name_en: "Vietnam" },
    Country { code: "VU", name_nl: "Vanuatu", name_en: "Vanuatu" },
    Country { code: "WF", name_nl: "Wallis en Futuna", name_en: "Wallis and Futuna" },
    Country { code: "WS", name_nl: "Samoa", name_en: "Samoa" },
    Country { code: "YE", name_nl: "Jemen", name_en: "Yemen" },
    Country { code: "YT", name_nl: "Mayotte", name_en: "Mayotte" },
    Country { code: "ZA", name_nl: "Zuid-Afrika", name_en: "South Africa" },
    Country { code: "ZM", name_nl: "Zambia", name_en: "Zambia" },
    Country { code: "ZW", name_nl: "Zimbabwe", name_en: "Zimbabwe" },
];
