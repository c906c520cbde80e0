//! Every fixed sentence of the statement and the register, in Dutch and English.
//!
//! Written at about B1 level, without hedging ("may", "kan", "mogelijk"): a test scans every
//! rendered fixture for those words, so a new sentence that hedges fails the build.
//! Placeholders are `{name}`; [`fill`] replaces them. Sentences hold no markup: the
//! templates escape them like user text.

use crate::schema::model::{LegalBasis, RetentionPeriod, RetentionUnit, SpecialCategory};

use super::Lang;

/// Replaces each `{key}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// Joins items as people write them: "a, b en c" / "a, b and c".
pub fn join_words(lang: Lang, items: &[String]) -> String {
    let and = match lang {
        Lang::Nl => " en ",
        Lang::En => " and ",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// Joins items so that none runs into the next. Items that hold a comma, a semicolon or the
/// word "en"/"and" (a label "Naam en adres", a purpose "Bestellingen leveren en factureren")
/// would make "a, b en c" ambiguous; then each item is quoted and they are separated by
/// semicolons.
pub fn join_items(lang: Lang, items: &[String]) -> String {
    let and = match lang {
        Lang::Nl => "en",
        Lang::En => "and",
    };
    let ambiguous = |item: &String| {
        item.contains([',', ';', '"'])
            || item
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.eq_ignore_ascii_case(and))
    };
    if items.len() > 1 && items.iter().any(ambiguous) {
        items
            .iter()
            .map(|item| format!("\"{item}\""))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        join_words(lang, items)
    }
}

/// The bases people may object to (Art. 21(1)), naming only those the statement uses.
pub fn objection_basis(lang: Lang, legitimate_interests: bool, public_task: bool) -> &'static str {
    match (lang, legitimate_interests, public_task) {
        (Lang::Nl, true, false) => "ons gerechtvaardigd belang",
        (Lang::Nl, false, true) => "een taak van algemeen belang",
        (Lang::Nl, _, _) => "ons gerechtvaardigd belang of een taak van algemeen belang",
        (Lang::En, true, false) => "our legitimate interests",
        (Lang::En, false, true) => "a public task",
        (Lang::En, _, _) => "our legitimate interests or a public task",
    }
}

/// A date in words: "29 november 2026" / "29 November 2026".
pub fn date_words(lang: Lang, date: time::Date) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = usize::from(u8::from(date.month())) - 1;
    let name = match lang {
        Lang::Nl => NL[month],
        Lang::En => EN[month],
    };
    format!("{} {name} {}", date.day(), date.year())
}

/// A retention period in words: "7 jaar", "1 month", "90 dagen".
pub fn period_words(lang: Lang, period: RetentionPeriod) -> String {
    let n = period.amount;
    let unit = match (lang, period.unit, n == 1) {
        (Lang::Nl, RetentionUnit::Years, _) => "jaar",
        (Lang::Nl, RetentionUnit::Months, true) => "maand",
        (Lang::Nl, RetentionUnit::Months, false) => "maanden",
        (Lang::Nl, RetentionUnit::Days, true) => "dag",
        (Lang::Nl, RetentionUnit::Days, false) => "dagen",
        (Lang::En, RetentionUnit::Years, true) => "year",
        (Lang::En, RetentionUnit::Years, false) => "years",
        (Lang::En, RetentionUnit::Months, true) => "month",
        (Lang::En, RetentionUnit::Months, false) => "months",
        (Lang::En, RetentionUnit::Days, true) => "day",
        (Lang::En, RetentionUnit::Days, false) => "days",
    };
    format!("{n} {unit}")
}

/// The legal basis in plain words.
pub fn basis_words(lang: Lang, basis: LegalBasis) -> &'static str {
    use LegalBasis::*;
    match (lang, basis) {
        (Lang::Nl, Consent) => {
            "Toestemming. U hebt ons toestemming gegeven om uw gegevens hiervoor te gebruiken."
        }
        (Lang::Nl, Contract) => {
            "Uitvoering van een overeenkomst. We hebben deze gegevens nodig om de overeenkomst met u uit te voeren."
        }
        (Lang::Nl, LegalObligation) => {
            "Wettelijke verplichting. De wet verplicht ons om deze gegevens te gebruiken."
        }
        (Lang::Nl, VitalInterests) => {
            "Vitaal belang. We gebruiken deze gegevens om iemands leven of gezondheid te beschermen."
        }
        (Lang::Nl, PublicTask) => {
            "Taak van algemeen belang. We gebruiken deze gegevens voor een taak van algemeen belang of een taak van de overheid."
        }
        (Lang::Nl, LegitimateInterests) => {
            "Gerechtvaardigd belang. We hebben zelf een belang bij het gebruik van deze gegevens."
        }
        (Lang::En, Consent) => "Consent. You gave us permission to use your data for this.",
        (Lang::En, Contract) => {
            "Performance of a contract. We need this data to carry out our contract with you."
        }
        (Lang::En, LegalObligation) => "Legal obligation. The law requires us to use this data.",
        (Lang::En, VitalInterests) => {
            "Vital interests. We use this data to protect someone's life or health."
        }
        (Lang::En, PublicTask) => {
            "Public task. We use this data for a task in the public interest or for an official authority."
        }
        (Lang::En, LegitimateInterests) => {
            "Legitimate interests. We have an interest of our own in using this data."
        }
    }
}

/// The legal basis as a short name, for the register and for lists.
pub fn basis_name(lang: Lang, basis: LegalBasis) -> &'static str {
    use LegalBasis::*;
    match (lang, basis) {
        (Lang::Nl, Consent) => "toestemming (AVG art. 6 lid 1 sub a)",
        (Lang::Nl, Contract) => "uitvoering van een overeenkomst (AVG art. 6 lid 1 sub b)",
        (Lang::Nl, LegalObligation) => "wettelijke verplichting (AVG art. 6 lid 1 sub c)",
        (Lang::Nl, VitalInterests) => "vitale belangen (AVG art. 6 lid 1 sub d)",
        (Lang::Nl, PublicTask) => "taak van algemeen belang (AVG art. 6 lid 1 sub e)",
        (Lang::Nl, LegitimateInterests) => "gerechtvaardigd belang (AVG art. 6 lid 1 sub f)",
        (Lang::En, Consent) => "consent (GDPR Art. 6(1)(a))",
        (Lang::En, Contract) => "performance of a contract (GDPR Art. 6(1)(b))",
        (Lang::En, LegalObligation) => "legal obligation (GDPR Art. 6(1)(c))",
        (Lang::En, VitalInterests) => "vital interests (GDPR Art. 6(1)(d))",
        (Lang::En, PublicTask) => "public task (GDPR Art. 6(1)(e))",
        (Lang::En, LegitimateInterests) => "legitimate interests (GDPR Art. 6(1)(f))",
    }
}

/// What happens when a required field is not given, per basis (Art. 13(2)(e)).
///
/// Only the basis decides what is said. A legal obligation binds the business; whether it binds
/// the person too, kluis is not told (a customer has no duty to give bookkeeping data, an
/// employee must give the data for wage tax), so no sentence here says either: it says what the
/// business cannot do without the data.
pub fn required_consequence(lang: Lang, basis: LegalBasis) -> &'static str {
    use LegalBasis::*;
    match (lang, basis) {
        (Lang::Nl, Contract) => {
            "We hebben deze gegevens nodig om de overeenkomst met u uit te voeren. Zonder deze gegevens kunnen we de overeenkomst niet uitvoeren en niet leveren."
        }
        (Lang::Nl, LegalObligation) => {
            "De wet verplicht ons om deze gegevens vast te leggen. Zonder deze gegevens kunnen we dit niet voor u doen."
        }
        (Lang::Nl, Consent) => {
            "U beslist zelf of u deze gegevens geeft. Zonder deze gegevens doen we dit niet voor u."
        }
        (Lang::Nl, LegitimateInterests) => {
            "U bent niet verplicht deze gegevens te geven. Zonder deze gegevens doen we dit niet voor u."
        }
        (Lang::Nl, VitalInterests) => {
            "Zonder deze gegevens kunnen we iemands leven of gezondheid minder goed beschermen."
        }
        (Lang::Nl, PublicTask) => "Zonder deze gegevens kunnen we onze taak voor u niet uitvoeren.",
        (Lang::En, Contract) => {
            "We need this data to carry out our contract with you. Without it we cannot carry out the contract or deliver."
        }
        (Lang::En, LegalObligation) => {
            "The law requires us to record this data. Without it we cannot do this for you."
        }
        (Lang::En, Consent) => {
            "You decide whether you give this data. Without it we do not do this for you."
        }
        (Lang::En, LegitimateInterests) => {
            "You are not required to give this data. Without it we do not do this for you."
        }
        (Lang::En, VitalInterests) => {
            "Without this data we are less able to protect someone's life or health."
        }
        (Lang::En, PublicTask) => "Without this data we cannot carry out our task for you.",
    }
}

/// A special category (Art. 9(1)) in words.
pub fn special_words(lang: Lang, special: SpecialCategory) -> &'static str {
    use SpecialCategory::*;
    match (lang, special) {
        (Lang::Nl, Health) => "gezondheid",
        (Lang::Nl, Ethnicity) => "ras of etnische afkomst",
        (Lang::Nl, Politics) => "politieke opvattingen",
        (Lang::Nl, Religion) => "godsdienst of levensovertuiging",
        (Lang::Nl, Union) => "lidmaatschap van een vakbond",
        (Lang::Nl, Genetic) => "genetische gegevens",
        (Lang::Nl, Biometric) => "biometrische gegevens om iemand te herkennen",
        (Lang::Nl, SexLife) => "seksueel gedrag of seksuele gerichtheid",
        (Lang::En, Health) => "health",
        (Lang::En, Ethnicity) => "racial or ethnic origin",
        (Lang::En, Politics) => "political opinions",
        (Lang::En, Religion) => "religious or philosophical beliefs",
        (Lang::En, Union) => "trade-union membership",
        (Lang::En, Genetic) => "genetic data",
        (Lang::En, Biometric) => "biometric data to identify someone",
        (Lang::En, SexLife) => "sex life or sexual orientation",
    }
}

/// The Art. 9(2) exceptions kluis knows: stored name, letter, words in Dutch and English.
pub const ART9_EXCEPTIONS: &[(&str, char, &str, &str)] = &[
    (
        "explicit-consent",
        'a',
        "u hebt daar uitdrukkelijk toestemming voor gegeven",
        "you gave your explicit consent",
    ),
    (
        "employment",
        'b',
        "het is nodig voor arbeidsrecht of sociale zekerheid",
        "it is needed for employment or social security law",
    ),
    (
        "vital-interests",
        'c',
        "het is nodig om iemands leven te beschermen, terwijl die persoon zelf niet in staat is om toestemming te geven",
        "it is needed to protect someone's life while that person is unable to give consent",
    ),
    (
        "not-for-profit",
        'd',
        "we zijn een organisatie zonder winstoogmerk en gebruiken het alleen voor onze leden",
        "we are a not-for-profit body and use it only for our members",
    ),
    (
        "made-public",
        'e',
        "u hebt deze gegevens zelf openbaar gemaakt",
        "you made this data public yourself",
    ),
    (
        "legal-claims",
        'f',
        "het is nodig voor een rechtszaak of een juridische claim",
        "it is needed for a court case or a legal claim",
    ),
    (
        "substantial-public-interest",
        'g',
        "een wet schrijft het voor vanwege een zwaarwegend algemeen belang",
        "a law requires it for a substantial public interest",
    ),
    (
        "health-care",
        'h',
        "het is nodig voor gezondheidszorg of sociale zorg",
        "it is needed for health care or social care",
    ),
    (
        "public-health",
        'i',
        "het is nodig voor de volksgezondheid",
        "it is needed for public health",
    ),
    (
        "archiving-research",
        'j',
        "het is nodig voor archief, wetenschappelijk of historisch onderzoek of statistiek",
        "it is needed for archiving, scientific or historical research, or statistics",
    ),
];

/// The letter and words of a stored Art. 9(2) exception, or `None` when kluis does not know it.
pub fn art9_words(lang: Lang, name: &str) -> Option<(char, &'static str)> {
    ART9_EXCEPTIONS
        .iter()
        .find(|(stored, ..)| *stored == name.trim())
        .map(|(_, letter, nl, en)| match lang {
            Lang::Nl => (*letter, *nl),
            Lang::En => (*letter, *en),
        })
}

/// Fixed sentences and headings of one language.
pub struct Texts {
    pub title: &'static str,
    pub intro: &'static str,
    pub h_controller: &'static str,
    pub h_purposes: &'static str,
    pub h_consent: &'static str,
    pub h_objection: &'static str,
    pub h_rights: &'static str,
    pub h_exercise: &'static str,
    pub h_complaint: &'static str,
    pub h_not_from_you: &'static str,
    pub h_special: &'static str,
    pub h_bsn: &'static str,
    pub h_required: &'static str,
    pub h_automated: &'static str,
    pub h_version: &'static str,
    pub l_address: &'static str,
    pub l_email: &'static str,
    pub l_phone: &'static str,
    pub l_website: &'static str,
    pub l_kvk: &'static str,
    pub l_dpo: &'static str,
    pub l_data: &'static str,
    pub l_basis: &'static str,
    pub l_interest: &'static str,
    pub l_law: &'static str,
    pub l_retention: &'static str,
    pub l_recipients: &'static str,
    pub l_transfers: &'static str,
    pub l_safeguard: &'static str,
    pub no_data_yet: &'static str,
    pub no_recipients: &'static str,
    pub no_transfers: &'static str,
    pub consent_inline: &'static str,
    pub objection_inline: &'static str,
    pub see_consent: &'static str,
    pub see_objection: &'static str,
    /// The consent section: the line naming every consent purpose, how to withdraw, and
    /// that what came before stays lawful. Named apart, since letters repeat the last two.
    pub consent_purposes: &'static str,
    pub consent_how: &'static str,
    pub consent_lawful_before: &'static str,
    pub objection_section: [&'static str; 3],
    /// Fields under explicit consent of a purpose on another basis, in the list of what
    /// consent can be withdrawn from.
    pub explicit_consent_item: &'static str,
    /// What withdrawing that consent stops: those values, not the purpose.
    pub explicit_consent_after: &'static str,
    /// The absolute right to object to direct marketing, shown on its own (Art. 21(2)–(4)).
    pub marketing_objection: [&'static str; 2],
    pub rights: [(&'static str, &'static str); 6],
    pub right_withdraw: (&'static str, &'static str),
    pub objection_not_used: &'static str,
    pub portability_scope: &'static str,
    pub exercise: &'static str,
    pub exercise_phone: &'static str,
    pub exercise_dpo: &'static str,
    pub complaint: [&'static str; 3],
    pub not_from_you_intro: &'static str,
    pub source_own: &'static str,
    pub source_third_party: &'static str,
    pub source_note: &'static str,
    pub used_for: &'static str,
    pub special_intro: &'static str,
    pub special_item: &'static str,
    pub bsn_item: &'static str,
    pub required_intro: &'static str,
    pub optional_rest: &'static str,
    pub nothing_required: &'static str,
    pub automated_none: &'static str,
    pub automated_fields: &'static str,
    pub automated_logic: &'static str,
    pub version: &'static str,
    pub version_change: &'static str,
    pub missing: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

static NL: Texts = Texts {
    title: "Privacyverklaring",
    intro: "In deze verklaring leest u welke gegevens {name} van u bewaart, waarom, hoe lang, en wat uw rechten zijn.",
    h_controller: "Wie zijn wij",
    h_purposes: "Welke gegevens we gebruiken en waarom",
    h_consent: "Uw toestemming intrekken",
    h_objection: "Uw recht van bezwaar",
    h_rights: "Uw rechten",
    h_exercise: "Zo gebruikt u uw rechten",
    h_complaint: "Een klacht indienen",
    h_not_from_you: "Gegevens die we niet van u zelf krijgen",
    h_special: "Bijzondere persoonsgegevens",
    h_bsn: "Burgerservicenummer (BSN)",
    h_required: "Welke gegevens verplicht zijn",
    h_automated: "Automatische besluiten en profilering",
    h_version: "Versie",
    l_address: "Adres",
    l_email: "E-mail",
    l_phone: "Telefoon",
    l_website: "Website",
    l_kvk: "KvK-nummer",
    l_dpo: "Functionaris gegevensbescherming",
    l_data: "Welke gegevens",
    l_basis: "Grondslag",
    l_interest: "Ons belang",
    l_law: "Wet",
    l_retention: "Hoe lang we ze bewaren",
    l_recipients: "Wie de gegevens krijgt",
    l_transfers: "Buiten de Europese Economische Ruimte (EER)",
    l_safeguard: "bescherming",
    no_data_yet: "We bewaren hiervoor nog geen gegevens.",
    no_recipients: "We geven deze gegevens aan niemand buiten ons bedrijf.",
    no_transfers: "We sturen deze gegevens niet naar landen buiten de EER.",
    consent_inline: "U mag uw toestemming altijd intrekken. Lees hoe in \"Uw toestemming intrekken\".",
    objection_inline: "U mag hiertegen bezwaar maken. Lees hoe in \"Uw recht van bezwaar\".",
    see_consent: "Lees hoe in \"Uw toestemming intrekken\".",
    see_objection: "Lees hoe in \"Uw recht van bezwaar\".",
    // kluis does not know how consent was given (a form, a tick box, in person), so it cannot
    // promise that withdrawing is "as easy as giving". It names the way that always exists,
    // e-mail to the profile's address, and says that no reason is needed (Art. 7(3)).
    consent_purposes: "Voor deze doelen vragen we uw toestemming: {purposes}.",
    consent_how: "U mag uw toestemming altijd intrekken. Stuur daarvoor een e-mail naar {email}. U hoeft geen reden te geven. Daarna gebruiken we uw gegevens niet meer voor dat doel.",
    consent_lawful_before: "Wat we vóór het intrekken met uw gegevens deden, blijft wel rechtmatig.",
    objection_section: [
        "Voor deze doelen gebruiken we uw gegevens op basis van {basis}: {purposes}.",
        "U hebt het recht om daartegen bezwaar te maken, om redenen die met uw eigen situatie te maken hebben. Stuur daarvoor een e-mail naar {email}.",
        "We stoppen dan met dit gebruik van uw gegevens. Dat doen we alleen niet als we dwingende redenen hebben die zwaarder wegen dan uw belangen, of als we de gegevens nodig hebben voor een rechtszaak. Bezwaar tegen direct marketing volgen we altijd op.",
    ],
    explicit_consent_item: "{fields} voor {purpose}",
    explicit_consent_after: "Trekt u uw toestemming in voor {items}, dan gebruiken we alleen die gegevens niet meer. Het doel zelf gaat door.",
    marketing_objection: [
        "Voor direct marketing gebruiken we uw gegevens bij deze doelen: {purposes}.",
        "Daartegen mag u altijd bezwaar maken, zonder een reden te geven. Stuur daarvoor een e-mail naar {email}. We gebruiken uw gegevens dan niet meer voor direct marketing.",
    ],
    rights: [
        (
            "Recht op inzage",
            "U mag vragen welke gegevens we van u hebben, en er een kopie van krijgen.",
        ),
        (
            "Recht op correctie",
            "Kloppen uw gegevens niet? Dan mag u vragen om ze te verbeteren of aan te vullen.",
        ),
        (
            "Recht op verwijdering",
            "U mag vragen om uw gegevens te wissen. Gegevens die we volgens de wet moeten bewaren, wissen we pas als die bewaartermijn voorbij is.",
        ),
        (
            "Recht op beperking",
            "U mag vragen dat we uw gegevens tijdelijk niet gebruiken, bijvoorbeeld zolang we uw verzoek om correctie bekijken.",
        ),
        (
            "Recht op overdraagbaarheid",
            "U mag de gegevens die u zelf aan ons gaf, in een gangbaar digitaal bestand krijgen. U mag ons ook vragen om ze naar een andere organisatie te sturen.",
        ),
        (
            "Recht van bezwaar",
            "U mag bezwaar maken tegen het gebruik van uw gegevens op basis van {basis}.",
        ),
    ],
    right_withdraw: (
        "Toestemming intrekken",
        "Gaf u toestemming? Dan mag u die altijd intrekken.",
    ),
    objection_not_used: "Wij gebruiken geen gegevens op die basis.",
    portability_scope: "Dit geldt voor gegevens die we gebruiken op basis van uw toestemming of een overeenkomst.",
    exercise: "Wilt u een van deze rechten gebruiken? Stuur een e-mail naar {email} of een brief naar {name}, {address}.",
    exercise_phone: "Bellen mag ook: {phone}.",
    exercise_dpo: "U mag ook contact opnemen met onze functionaris gegevensbescherming: {dpo}.",
    complaint: [
        "Bent u het niet eens met hoe wij met uw gegevens omgaan? Laat het ons weten, dan zoeken we samen een oplossing.",
        "U hebt ook het recht om een klacht in te dienen bij de Autoriteit Persoonsgegevens. Dat is de toezichthouder in Nederland.",
        "Dat doet u via de website autoriteitpersoonsgegevens.nl of per post: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag.",
    ],
    not_from_you_intro: "Deze gegevens krijgen we niet van u zelf:",
    source_own: "we voegen dit zelf toe",
    source_third_party: "we krijgen dit van {source}",
    source_note: "bron: {source}",
    used_for: "gebruikt voor: {purposes}",
    special_intro: "Dit zijn bijzondere persoonsgegevens. De wet beschermt ze extra. We gebruiken ze alleen om deze reden:",
    special_item: "{label} ({category}). Reden: {exception} (AVG artikel 9 lid 2 onder {letter}).",
    bsn_item: "{label}. We gebruiken uw burgerservicenummer alleen omdat een wet dat voorschrijft: {law}.",
    required_intro: "Deze gegevens hebben we nodig:",
    optional_rest: "De andere gegevens die u aan ons geeft, zijn niet verplicht. U beslist zelf of u ze geeft.",
    nothing_required: "U bent niet verplicht om ons gegevens te geven.",
    automated_none: "We nemen geen besluiten over u die alleen door een computer worden genomen. We maken geen profiel van u.",
    automated_fields: "We maken een score of profiel met deze gegevens: {fields}.",
    automated_logic: "Zo werkt het, en dit betekent het voor u: {logic}",
    version: "Deze verklaring is van {date}.",
    version_change: "Gaan we uw gegevens voor een nieuw doel gebruiken? Dan passen we deze verklaring aan en laten we u dat weten voordat we daarmee beginnen.",
    missing: "[ONTBREEKT: {what}]",
};

static EN: Texts = Texts {
    title: "Privacy statement",
    intro: "This statement tells you which data {name} keeps about you, why, for how long, and what your rights are.",
    h_controller: "Who we are",
    h_purposes: "Which data we use and why",
    h_consent: "Withdrawing your consent",
    h_objection: "Your right to object",
    h_rights: "Your rights",
    h_exercise: "How to use your rights",
    h_complaint: "Making a complaint",
    h_not_from_you: "Data we do not get from you",
    h_special: "Special categories of personal data",
    h_bsn: "Citizen service number (BSN)",
    h_required: "Which data is required",
    h_automated: "Automated decisions and profiling",
    h_version: "Version",
    l_address: "Address",
    l_email: "E-mail",
    l_phone: "Phone",
    l_website: "Website",
    l_kvk: "Chamber of Commerce (KvK) number",
    l_dpo: "Data protection officer",
    l_data: "Which data",
    l_basis: "Legal basis",
    l_interest: "Our interest",
    l_law: "Law",
    l_retention: "How long we keep it",
    l_recipients: "Who receives the data",
    l_transfers: "Outside the European Economic Area (EEA)",
    l_safeguard: "safeguard",
    no_data_yet: "We do not keep any data for this yet.",
    no_recipients: "We do not give this data to anyone outside our business.",
    no_transfers: "We do not send this data to countries outside the EEA.",
    consent_inline: "You have the right to withdraw your consent at any time. See \"Withdrawing your consent\".",
    objection_inline: "You have the right to object to this. See \"Your right to object\".",
    see_consent: "See \"Withdrawing your consent\".",
    see_objection: "See \"Your right to object\".",
    consent_purposes: "We ask for your consent for these purposes: {purposes}.",
    consent_how: "You have the right to withdraw your consent at any time. To do so, send an e-mail to {email}. You do not need to give a reason. After that we stop using your data for that purpose.",
    consent_lawful_before: "What we did with your data before you withdrew stays lawful.",
    objection_section: [
        "For these purposes we use your data on the basis of {basis}: {purposes}.",
        "You have the right to object to this, for reasons that have to do with your own situation. To do so, send an e-mail to {email}.",
        "We then stop this use of your data. We only continue if we have compelling reasons that outweigh your interests, or if we need the data for a court case. We always stop direct marketing when you object to it.",
    ],
    explicit_consent_item: "{fields} for {purpose}",
    explicit_consent_after: "If you withdraw your consent for {items}, we stop using only that data. The purpose itself continues.",
    marketing_objection: [
        "We use your data for direct marketing for these purposes: {purposes}.",
        "You have the right to object to this at any time, without giving a reason. To do so, send an e-mail to {email}. We then no longer use your data for direct marketing.",
    ],
    rights: [
        (
            "Right of access",
            "You have the right to ask which data we hold about you, and to get a copy.",
        ),
        (
            "Right to rectification",
            "Is your data wrong? Then you have the right to ask us to correct or complete it.",
        ),
        (
            "Right to erasure",
            "You have the right to ask us to erase your data. Data that the law requires us to keep is erased when that period has ended.",
        ),
        (
            "Right to restriction",
            "You have the right to ask us to stop using your data for a while, for example while we look at your request to correct it.",
        ),
        (
            "Right to data portability",
            "You have the right to get the data you gave us in a common digital file. You also have the right to ask us to send it to another organisation.",
        ),
        (
            "Right to object",
            "You have the right to object to the use of your data on the basis of {basis}.",
        ),
    ],
    right_withdraw: (
        "Withdrawing consent",
        "Did you give consent? Then you have the right to withdraw it at any time.",
    ),
    objection_not_used: "We do not use any data on that basis.",
    portability_scope: "This applies to data we use on the basis of your consent or a contract.",
    exercise: "Do you want to use one of these rights? Send an e-mail to {email} or a letter to {name}, {address}.",
    exercise_phone: "You are also welcome to call: {phone}.",
    exercise_dpo: "You are also welcome to contact our data protection officer: {dpo}.",
    complaint: [
        "Do you disagree with how we handle your data? Tell us, and we will look for a solution together.",
        "You also have the right to complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens). It is the supervisory authority in the Netherlands.",
        "You do this through its website autoriteitpersoonsgegevens.nl or by post: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, the Netherlands.",
    ],
    not_from_you_intro: "We do not get this data from you:",
    source_own: "we add this ourselves",
    source_third_party: "we get this from {source}",
    source_note: "source: {source}",
    used_for: "used for: {purposes}",
    special_intro: "This is special category data. The law gives it extra protection. We use it only for this reason:",
    special_item: "{label} ({category}). Reason: {exception} (GDPR Art. 9(2)({letter})).",
    bsn_item: "{label}. We use your citizen service number only because a law requires it: {law}.",
    required_intro: "We need this data:",
    optional_rest: "The other data you give us is optional. You decide whether you give it.",
    nothing_required: "You are not required to give us any data.",
    automated_none: "We do not take decisions about you that are made by a computer alone. We do not make a profile of you.",
    automated_fields: "We make a score or profile with this data: {fields}.",
    automated_logic: "This is how it works, and what it means for you: {logic}",
    version: "This statement is dated {date}.",
    version_change: "If we start using your data for a new purpose, we update this statement and tell you before we start.",
    missing: "[MISSING: {what}]",
};
