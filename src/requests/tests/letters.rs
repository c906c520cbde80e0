//! Snapshots of the access and erasure letters in Dutch and English, and the escaping of the
//! HTML and Markdown forms.

use super::*;

fn letter(kind: Kind, lang: Lang, format: Format) -> String {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(kind, jan)).unwrap().id;
    answer(&mut conn, id, lang).letter.render(format)
}

#[test]
fn access_letters() {
    for lang in [Lang::Nl, Lang::En] {
        insta::assert_snapshot!(
            format!("access_{lang}"),
            letter(Kind::Access, lang, Format::Md)
        );
    }
}

#[test]
fn erasure_letters() {
    for lang in [Lang::Nl, Lang::En] {
        insta::assert_snapshot!(
            format!("erasure_{lang}"),
            letter(Kind::Erasure, lang, Format::Md)
        );
    }
}

#[test]
fn html_and_markdown_letters_escape_values_and_the_business_name() {
    let mut conn = bakery();
    conn.execute("UPDATE profile SET name = '<b>Jansen</b> & *Zn*'", [])
        .unwrap();
    let jan = person(
        &conn,
        &[
            ("name", "<script>alert(1)</script>"),
            ("email", "jan@example.nl"),
        ],
    );
    let id = add(&conn, &new(Kind::Access, jan)).unwrap().id;
    let letter = answer(&mut conn, id, Lang::Nl).letter;
    let html = letter.render(Format::Html);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\" />"),
        "{html}"
    );
    assert!(
        html.contains("<title>Uw gegevens bij &lt;b&gt;Jansen"),
        "{html}"
    );
    assert!(
        !html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;b&gt;Jansen&lt;/b&gt; &amp; *Zn*"),
        "{html}"
    );
    let md = letter.render(Format::Md);
    assert!(
        md.contains("\\<script\\>") && md.contains("\\*Zn\\*"),
        "{md}"
    );
}
