//! Pages are minijinja templates embedded in the binary, with `t(key, ...)` for the words.

use std::sync::Arc;

use minijinja::value::Kwargs;
use minijinja::{Environment, State, Value};

use super::i18n::Catalog;
use crate::statement::Lang;

/// Every template, by name. Names ending in .html are escaped automatically.
const TEMPLATES: &[(&str, &str)] = &[
    ("layout.html", include_str!("templates/layout.html")),
    ("refused.html", include_str!("templates/refused.html")),
    ("error.html", include_str!("templates/error.html")),
    ("unlock.html", include_str!("templates/unlock.html")),
    ("create.html", include_str!("templates/create.html")),
    ("recovery.html", include_str!("templates/recovery.html")),
    ("customers.html", include_str!("templates/customers.html")),
    ("record.html", include_str!("templates/record.html")),
    ("delete.html", include_str!("templates/delete.html")),
    ("statement.html", include_str!("templates/statement.html")),
    ("check.html", include_str!("templates/check.html")),
    ("log.html", include_str!("templates/log.html")),
    ("setup.html", include_str!("templates/setup.html")),
    ("import.html", include_str!("templates/import.html")),
    ("import-map.html", include_str!("templates/import-map.html")),
    (
        "import-summary.html",
        include_str!("templates/import-summary.html"),
    ),
    (
        "import-done.html",
        include_str!("templates/import-done.html"),
    ),
    ("purposes.html", include_str!("templates/purposes.html")),
    ("cookies.html", include_str!("templates/cookies.html")),
    ("purge.html", include_str!("templates/purge.html")),
    (
        "purposes-form.html",
        include_str!("templates/purposes-form.html"),
    ),
    (
        "purposes-remove.html",
        include_str!("templates/purposes-remove.html"),
    ),
];

pub struct Renderer {
    env: Environment<'static>,
}

impl Renderer {
    pub fn new(catalog: Arc<Catalog>) -> Renderer {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .expect("the embedded templates parse");
        }
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                let lang = state
                    .lookup("lang")
                    .and_then(|v| v.as_str().and_then(|s| s.parse::<Lang>().ok()))
                    .unwrap_or_default();
                let mut args = Vec::new();
                for name in kwargs.args() {
                    let value: Value = kwargs.get(name)?;
                    args.push((name, value.to_string()));
                }
                kwargs.assert_all_used()?;
                Ok(catalog.text(lang, key, &args))
            },
        );
        Renderer { env }
    }

    /// A template filled in. A template error is a bug in kluis, caught by the tests; the
    /// page then says so rather than showing half a form.
    pub fn render(&self, name: &str, context: Value) -> String {
        match self
            .env
            .get_template(name)
            .and_then(|template| template.render(context))
        {
            Ok(html) => html,
            Err(error) => {
                // Template errors name the template and line, never a value.
                to_stderr!("error: page {name} cannot be shown: {error}");
                "<!doctype html><title>kluis</title><p>Internal error: this page cannot be shown. \
                 Please report it.</p>"
                    .to_owned()
            }
        }
    }
}
