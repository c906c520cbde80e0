//! A letter to one person, and its md, html and txt forms. Every text goes through the
//! statement's own escaping (`statement::render`), so a name such as `<script>` stays text.

use serde::Serialize;

use crate::statement::model::Row;
use crate::statement::render::{escape_html, escape_markdown};
use crate::statement::{Format, Lang};

/// A titled part of a letter: sentences, label–value rows, a list, and preformatted text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub rows: Vec<Row>,
    pub items: Vec<String>,
    /// Shown as is (a CSV or JSON file), in a code block.
    pub attachment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub lang: Lang,
    pub title: String,
    /// The controller: name, then its address and contact rows from the statement.
    pub sender_name: String,
    pub sender: Vec<Row>,
    /// "Datum: …" and "Uw verzoek: …".
    pub header: Vec<Row>,
    pub greeting: String,
    pub opening: Vec<String>,
    pub sections: Vec<Section>,
    pub closing: Vec<String>,
    pub regards: String,
}

impl Letter {
    pub fn render(&self, format: Format) -> String {
        match format {
            // A letter quotes a person's values: none may drive the terminal it is shown on.
            Format::Md => crate::text::visible_lines(&self.markdown()),
            Format::Html => self.page(),
            Format::Txt => crate::text::visible_lines(&self.text()),
        }
    }

    fn markdown(&self) -> String {
        let e = |text: &str| escape_markdown(text);
        let mut out = format!("# {}\n\n**{}**  \n", e(&self.title), e(&self.sender_name));
        let sender: Vec<String> = self
            .sender
            .iter()
            .map(|row| format!("{}: {}", e(&row.label), e(&row.value)))
            .collect();
        out.push_str(&sender.join("  \n"));
        out.push_str("\n\n");
        for row in &self.header {
            out.push_str(&format!("**{}:** {}  \n", e(&row.label), e(&row.value)));
        }
        out.push_str(&format!("\n{}\n\n", e(&self.greeting)));
        for paragraph in &self.opening {
            out.push_str(&format!("{}\n\n", e(paragraph)));
        }
        for section in &self.sections {
            out.push_str(&format!("## {}\n\n", e(&section.heading)));
            for paragraph in &section.paragraphs {
                out.push_str(&format!("{}\n\n", e(paragraph)));
            }
            for row in &section.rows {
                out.push_str(&format!("- **{}:** {}\n", e(&row.label), e(&row.value)));
            }
            for item in &section.items {
                out.push_str(&format!("- {}\n", e(item)));
            }
            if !section.rows.is_empty() || !section.items.is_empty() {
                out.push('\n');
            }
            if let Some(attachment) = &section.attachment {
                // An indented code block: Markdown shows it as is, so it needs no escaping.
                for line in attachment.lines() {
                    out.push_str(&format!("    {line}\n"));
                }
                out.push('\n');
            }
        }
        for paragraph in &self.closing {
            out.push_str(&format!("{}\n\n", e(paragraph)));
        }
        out.push_str(&format!(
            "{}  \n{}\n",
            e(&self.regards),
            e(&self.sender_name)
        ));
        out
    }

    /// A whole HTML page around the letter, the statement's own page: a letter is a document
    /// of its own, and the page declares UTF-8 so names such as "Allergieën" read right.
    fn page(&self) -> String {
        let context = minijinja::context! {
            lang => self.lang,
            title => &self.title,
            controller_name => &self.sender_name,
            section => minijinja::Value::from_safe_string(self.html()),
        };
        crate::statement::render::render_template("page.html", context)
            .expect("the embedded page template renders (checked by the letter tests)")
    }

    fn html(&self) -> String {
        let e = |text: &str| escape_html(text);
        let mut out = format!(
            "<article class=\"kluis-letter\" lang=\"{}\">\n<h1>{}</h1>\n<address>\n<strong>{}</strong><br>\n",
            self.lang,
            e(&self.title),
            e(&self.sender_name)
        );
        let sender: Vec<String> = self
            .sender
            .iter()
            .map(|row| format!("{}: {}", e(&row.label), e(&row.value)))
            .collect();
        out.push_str(&sender.join("<br>\n"));
        out.push_str("\n</address>\n<dl>\n");
        for row in &self.header {
            out.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                e(&row.label),
                e(&row.value)
            ));
        }
        out.push_str(&format!("</dl>\n<p>{}</p>\n", e(&self.greeting)));
        for paragraph in &self.opening {
            out.push_str(&format!("<p>{}</p>\n", e(paragraph)));
        }
        for section in &self.sections {
            out.push_str(&format!("<section>\n<h2>{}</h2>\n", e(&section.heading)));
            for paragraph in &section.paragraphs {
                out.push_str(&format!("<p>{}</p>\n", e(paragraph)));
            }
            if !section.rows.is_empty() {
                out.push_str("<dl>\n");
                for row in &section.rows {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>\n",
                        e(&row.label),
                        e(&row.value)
                    ));
                }
                out.push_str("</dl>\n");
            }
            if !section.items.is_empty() {
                out.push_str("<ul>\n");
                for item in &section.items {
                    out.push_str(&format!("<li>{}</li>\n", e(item)));
                }
                out.push_str("</ul>\n");
            }
            if let Some(attachment) = &section.attachment {
                out.push_str(&format!("<pre>{}</pre>\n", e(attachment)));
            }
            out.push_str("</section>\n");
        }
        for paragraph in &self.closing {
            out.push_str(&format!("<p>{}</p>\n", e(paragraph)));
        }
        out.push_str(&format!(
            "<p>{}<br>\n{}</p>\n</article>\n",
            e(&self.regards),
            e(&self.sender_name)
        ));
        out
    }

    fn text(&self) -> String {
        let underline = |text: &str, ch: char| {
            format!(
                "{text}\n{}\n\n",
                ch.to_string().repeat(text.chars().count())
            )
        };
        let mut out = underline(&self.title, '=');
        out.push_str(&format!("{}\n", self.sender_name));
        for row in &self.sender {
            out.push_str(&format!("{}: {}\n", row.label, row.value));
        }
        out.push('\n');
        for row in &self.header {
            out.push_str(&format!("{}: {}\n", row.label, row.value));
        }
        out.push_str(&format!("\n{}\n\n", self.greeting));
        for paragraph in &self.opening {
            out.push_str(&format!("{paragraph}\n\n"));
        }
        for section in &self.sections {
            out.push_str(&underline(&section.heading, '-'));
            for paragraph in &section.paragraphs {
                out.push_str(&format!("{paragraph}\n\n"));
            }
            for row in &section.rows {
                out.push_str(&format!("- {}: {}\n", row.label, row.value));
            }
            for item in &section.items {
                out.push_str(&format!("- {item}\n"));
            }
            if !section.rows.is_empty() || !section.items.is_empty() {
                out.push('\n');
            }
            if let Some(attachment) = &section.attachment {
                out.push_str(attachment.trim_end());
                out.push_str("\n\n");
            }
        }
        for paragraph in &self.closing {
            out.push_str(&format!("{paragraph}\n\n"));
        }
        out.push_str(&format!("{}\n{}\n", self.regards, self.sender_name));
        out
    }

    /// Every text of the letter, for tests that look for a value.
    pub fn all_text(&self) -> String {
        self.render(Format::Txt)
    }
}

/// A section with only a heading and sentences.
pub fn prose(heading: impl Into<String>, paragraphs: Vec<String>) -> Section {
    Section {
        heading: heading.into(),
        paragraphs,
        ..Section::default()
    }
}

/// A row of a letter.
pub fn row(label: impl Into<String>, value: impl Into<String>) -> Row {
    Row {
        label: label.into(),
        value: value.into(),
    }
}
