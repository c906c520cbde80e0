//! Rendering a statement model (or a register) with minijinja templates.
//!
//! Every value reaches the output through the environment's escaping: HTML escaping for
//! `.html` templates, Markdown escaping for `.md` ones, so a business name such as
//! `<script>` or `*Jansen*` stays text in every format.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Output, State};

use super::model::StatementModel;
use super::{Error, Format};

const TEMPLATES: &[(&str, &str)] = &[
    ("statement.md", include_str!("templates/statement.md")),
    ("statement.txt", include_str!("templates/statement.txt")),
    ("statement.html", include_str!("templates/statement.html")),
    ("page.html", include_str!("templates/page.html")),
    ("register.md", include_str!("templates/register.md")),
];

const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// Backslash-escapes what Markdown would read as markup, and folds line breaks so user text
/// cannot start a heading or end a list item.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes the five characters that matter in HTML text and attributes. minijinja's own
/// escaper also escapes `/`, which makes every URL unreadable in the page source.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Every value is written through [`crate::text::visible`] first, in every format: an older
/// vault's texts may hold control, bidi or zero-width characters, and none may reach a
/// terminal (or a page) raw. Only the templates' own text and safe strings are written as is.
fn formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), minijinja::Error> {
    if value.is_safe() || value.is_undefined() || value.is_none() {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let shown = crate::text::visible(&text);
    let escaped = match state.auto_escape() {
        MARKDOWN => escape_markdown(&shown),
        AutoEscape::Html => escape_html(&shown),
        _ => shown.into_owned(),
    };
    out.write_str(&escaped).map_err(minijinja::Error::from)
}

/// "Heading" followed by a line of `ch` as long as the heading, for plain text.
fn underline(text: String, ch: String) -> Value {
    let text = crate::text::visible(&text);
    let length = text.chars().count();
    Value::from_safe_string(format!("{text}\n{}", ch.repeat(length)))
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else if name.ends_with(".md") {
            MARKDOWN
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(formatter);
    env.add_filter("underline", underline);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .expect("the embedded templates parse (checked by the render tests)");
    }
    env
}

/// Renders one embedded template with `context`.
pub(crate) fn render_template(template: &'static str, context: Value) -> Result<String, Error> {
    let env = environment();
    let failed = |source| Error::Template { template, source };
    let text = env
        .get_template(template)
        .map_err(failed)?
        .render(context)
        .map_err(failed)?;
    Ok(tidy(&text))
}

/// Collapses the blank lines that optional sections leave behind and ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Renders the statement. `standalone` wraps the HTML fragment in a full page; it does not
/// change md or txt.
pub fn render(model: &StatementModel, format: Format, standalone: bool) -> Result<String, Error> {
    let context = Value::from_serialize(model);
    match format {
        Format::Md => render_template("statement.md", context),
        Format::Txt => render_template("statement.txt", context),
        Format::Html => {
            let section = render_template("statement.html", context)?;
            if !standalone {
                return Ok(section);
            }
            render_template(
                "page.html",
                minijinja::context! {
                    lang => model.lang,
                    title => &model.title,
                    controller_name => &model.controller_name,
                    section => Value::from_safe_string(section),
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_markup_as_text() {
        assert_eq!(escape_markdown("*a* <b>\n# c"), "\\*a\\* \\<b\\> \\# c");
    }

    #[test]
    fn tidy_collapses_blank_runs_and_ends_with_one_newline() {
        assert_eq!(tidy("\n\na\n\n\n\nb  \n\n"), "a\n\nb\n");
    }

    #[test]
    fn underline_counts_characters_not_bytes() {
        assert_eq!(underline("één".into(), "=".into()).to_string(), "één\n===");
    }
}
