//! The first-contact snippets: footer and form.

use super::fixtures::{bakery, profile};
use crate::schema::model::{Profile, Snapshot};
use crate::statement::Lang;
use crate::statement::snippet::{FooterFormat, SnippetError, footer, form};

fn with_url() -> Snapshot {
    let mut snapshot = bakery();
    snapshot.profile = Some(Profile {
        statement_url: Some("https://bakkerijjansen.nl/privacy?a=1&b=2".into()),
        ..profile()
    });
    for purpose in &mut snapshot.purposes {
        purpose.description_en = Some(format!("{} (en)", purpose.name));
    }
    snapshot
}

#[test]
fn footer_snapshots() {
    let snapshot = with_url();
    for (lang, format, name) in [
        (Lang::Nl, FooterFormat::Txt, "footer_nl_txt"),
        (Lang::Nl, FooterFormat::Html, "footer_nl_html"),
        (Lang::En, FooterFormat::Txt, "footer_en_txt"),
        (Lang::En, FooterFormat::Html, "footer_en_html"),
    ] {
        insta::assert_snapshot!(name, footer(&snapshot, lang, format).unwrap());
    }
}

#[test]
fn form_snapshots() {
    let snapshot = with_url();
    insta::assert_snapshot!(
        "form_customer_admin_nl",
        form(&snapshot, "customer-admin", Lang::Nl).unwrap()
    );
    insta::assert_snapshot!(
        "form_newsletter_en",
        form(&snapshot, "newsletter", Lang::En).unwrap()
    );
}

#[test]
fn snippets_refuse_without_a_statement_url() {
    let snapshot = bakery();
    let error = footer(&snapshot, Lang::Nl, FooterFormat::Txt).unwrap_err();
    assert!(matches!(error, SnippetError::NoStatementUrl));
    assert!(
        crate::cli::hint::statement::snippet(&error).contains("kluis profile set --statement-url")
    );
    let error = form(&snapshot, "newsletter", Lang::Nl).unwrap_err();
    assert!(matches!(error, SnippetError::NoStatementUrl));
}

#[test]
fn the_form_holds_only_the_purposes_fields_and_unticked_consent_boxes() {
    let snapshot = with_url();
    let out = form(&snapshot, "customer-admin", Lang::Nl).unwrap();
    // customer-admin: address, email, name, phone; never the fraud check or invoices.
    for name in ["address", "email", "name", "phone"] {
        assert!(out.contains(&format!("name=\"{name}\"")), "{name}\n{out}");
    }
    for name in ["address_check", "unpaid_invoices"] {
        assert!(!out.contains(name), "{name}\n{out}");
    }
    assert!(out.contains("type=\"email\""));
    assert!(out.contains("type=\"tel\""));
    // email also serves the newsletter: its consent box is offered, never ticked.
    assert!(out.contains("name=\"consent-newsletter\""));
    assert!(!out.contains("checked"));
    // Every & in the link is escaped.
    assert!(out.contains("privacy?a=1&amp;b=2"));
    assert!(!out.contains("a=1&b"));
}

#[test]
fn a_consent_form_marks_nothing_required() {
    let out = form(&with_url(), "newsletter", Lang::Nl).unwrap();
    assert!(!out.contains("required"), "{out}");
    assert!(!out.contains('*'), "{out}");
}

#[test]
fn the_form_refuses_a_missing_label_or_description_in_the_language() {
    let mut snapshot = with_url();
    snapshot.fields.iter_mut().for_each(|f| {
        if f.name == "email" {
            f.label_en = None;
        }
    });
    let error = form(&snapshot, "customer-admin", Lang::En).unwrap_err();
    assert!(
        matches!(&error, SnippetError::LabelMissing { field, lang: Lang::En } if field == "email"),
        "{error}"
    );
    assert!(crate::cli::hint::statement::snippet(&error).contains("--label-en"));
    let mut snapshot = with_url();
    snapshot
        .purposes
        .iter_mut()
        .for_each(|p| p.description_en = None);
    let error = form(&snapshot, "newsletter", Lang::En).unwrap_err();
    assert!(
        matches!(error, SnippetError::DescriptionMissing { .. }),
        "{error}"
    );
}

#[test]
fn user_text_in_the_form_is_escaped() {
    let mut snapshot = with_url();
    snapshot.fields.iter_mut().for_each(|f| {
        if f.name == "email" {
            f.label = Some("<script>alert(1)</script> & \"x\"".into());
        }
    });
    let out = form(&snapshot, "customer-admin", Lang::Nl).unwrap();
    assert!(!out.contains("<script>"), "{out}");
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
}
