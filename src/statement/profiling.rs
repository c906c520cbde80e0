//! The statement's section on profiling and automated decisions (Art. 13(2)(f), 22), built
//! only from what each purpose declared with `kluis purpose edit P --profiling`.
//!
//! "No profiling" is said only when every purpose declared `none`. A purpose without an answer
//! is a gap, like a purpose without a retention. Keyword guesses over field names live in
//! `kluis check` as warnings and never reach this section.

use crate::schema::model::{ProfilingKind, Purpose};

use super::Lang;
use super::english::{self, FreeText};
use super::missing::Missing;
use super::texts::{fill, join_items};

/// The section's sentences in one language.
struct ProfilingTexts {
    none: &'static str,
    profiling: &'static str,
    automated: &'static str,
    logic: &'static str,
    effect: &'static str,
    /// Art. 22(3): the safeguards of a person subject to an automated decision.
    safeguards: &'static str,
}

const NL: ProfilingTexts = ProfilingTexts {
    none: "We nemen geen besluiten over u die alleen door een computer worden genomen. We maken geen profiel van u.",
    profiling: "We maken een profiel of score voor: {purposes}. De besluiten daarbij neemt een medewerker, niet de computer alleen.",
    automated: "Een computer neemt zonder tussenkomst van een mens een besluit over u voor: {purpose}.",
    logic: "Zo werkt het: {text}",
    effect: "Dit betekent het voor u: {text}",
    safeguards: "U hebt recht op een beoordeling door een mens. U mag uw standpunt geven, en u mag het besluit aanvechten. Mail ons daarvoor op {email}.",
};

const EN: ProfilingTexts = ProfilingTexts {
    none: "We do not take decisions about you that are made by a computer alone. We do not make a profile of you.",
    profiling: "We make a profile or score for: {purposes}. The decisions there are taken by a member of staff, not by the computer alone.",
    automated: "A computer takes a decision about you without human involvement for: {purpose}.",
    logic: "This is how it works: {text}",
    effect: "This is what it means for you: {text}",
    safeguards: "You have the right to have a person review the decision. You can give your point of view, and you can contest the decision. E-mail us at {email} to do so.",
};

fn texts(lang: Lang) -> &'static ProfilingTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// A purpose with its title in the statement's language.
pub struct Titled<'a> {
    pub purpose: &'a Purpose,
    pub title: String,
}

/// The section's lines. `mark` records a gap and returns the marker shown in its place;
/// `email` is the address people write to for a human review.
pub fn lines(
    lang: Lang,
    purposes: &[Titled<'_>],
    email: &str,
    mark: &mut dyn FnMut(Missing) -> String,
) -> Vec<String> {
    let t = texts(lang);
    // One marker line stands for every purpose without an answer; each is its own gap.
    let mut undeclared = None;
    for titled in purposes {
        if titled.purpose.profiling.is_none() {
            undeclared = Some(mark(Missing::Profiling {
                purpose: titled.purpose.name.clone(),
            }));
        }
    }
    let of_kind = |kind: ProfilingKind| -> Vec<&Titled<'_>> {
        purposes
            .iter()
            .filter(|p| p.purpose.profiling.as_ref().map(|d| d.kind) == Some(kind))
            .collect()
    };
    let profiling = of_kind(ProfilingKind::Profiling);
    let automated = of_kind(ProfilingKind::AutomatedDecision);
    if profiling.is_empty() && automated.is_empty() {
        return match undeclared {
            Some(marker) => vec![marker],
            None if purposes.is_empty() => Vec::new(),
            None => vec![t.none.to_string()],
        };
    }
    let mut lines: Vec<String> = undeclared.into_iter().collect();
    if !profiling.is_empty() {
        let titles: Vec<String> = profiling.iter().map(|p| p.title.clone()).collect();
        lines.push(fill(
            t.profiling,
            &[("purposes", &join_items(lang, &titles))],
        ));
        for titled in &profiling {
            lines.extend(explained(lang, titled, false, mark));
        }
    }
    for titled in &automated {
        lines.push(fill(t.automated, &[("purpose", &titled.title)]));
        lines.extend(explained(lang, titled, true, mark));
        lines.push(fill(t.safeguards, &[("email", email)]));
    }
    lines
}

/// The logic (always required) and the effect (required for automated decisions) of one
/// purpose, in the statement's language.
fn explained(
    lang: Lang,
    titled: &Titled<'_>,
    effect_required: bool,
    mark: &mut dyn FnMut(Missing) -> String,
) -> Vec<String> {
    let t = texts(lang);
    let purpose = titled.purpose;
    let declared = purpose
        .profiling
        .as_ref()
        .expect("only declared purposes are explained");
    let name = &purpose.name;
    let mut lines = Vec::new();
    let logic = english::pick(
        lang,
        declared.logic.as_deref(),
        declared.logic_en.as_deref(),
        || english::gap(FreeText::ProfilingLogic, name),
    );
    let logic = match logic {
        Some(Ok(text)) => text,
        Some(Err(gap)) => mark(gap),
        None => mark(Missing::ProfilingLogic {
            purpose: name.clone(),
        }),
    };
    lines.push(fill(t.logic, &[("text", &logic)]));
    let effect = english::pick(
        lang,
        declared.effect.as_deref(),
        declared.effect_en.as_deref(),
        || english::gap(FreeText::ProfilingEffect, name),
    );
    let effect = match effect {
        Some(Ok(text)) => Some(text),
        Some(Err(gap)) => Some(mark(gap)),
        None if effect_required => Some(mark(Missing::ProfilingEffect {
            purpose: name.clone(),
        })),
        None => None,
    };
    if let Some(effect) = effect {
        lines.push(fill(t.effect, &[("text", &effect)]));
    }
    lines
}
