//! The inputs of the purpose, field and profile forms as data, so one template shows them
//! all, and the values they hold: as stored, or as typed when a change was refused.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::super::app::App;
use super::super::super::form::Form;
use super::super::super::http::Response;
use super::problem::Problem;

/// What a form's inputs hold, by input name: text as typed, a select's value, and "on" for
/// a ticked checkbox.
#[derive(Debug, Clone, Default)]
pub struct Typed(BTreeMap<String, String>);

impl Typed {
    /// The values of `names` in a posted form; an unticked checkbox is not sent, so it reads
    /// as empty. A textarea's line breaks (Enter in a description) join into one line, as
    /// schema text is.
    pub fn from_form<'a>(form: &Form, names: impl IntoIterator<Item = &'a str>) -> Typed {
        let mut typed = Typed::default();
        for name in names {
            let value = form.get(name).unwrap_or_default();
            typed.set(name, &crate::text::join_lines(value));
        }
        typed
    }

    pub fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_owned(), value.to_owned());
    }

    pub fn set_text(&mut self, name: &str, value: &Option<String>) {
        self.set(name, value.as_deref().unwrap_or_default());
    }

    pub fn check(&mut self, name: &str, on: bool) {
        self.set(name, if on { "on" } else { "" });
    }

    /// The value, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", |v| v.trim())
    }

    /// The value, or `None` when empty.
    pub fn text(&self, name: &str) -> Option<String> {
        Some(self.get(name).to_owned()).filter(|v| !v.is_empty())
    }

    pub fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }

    /// How many rows of inputs named `NAME-0`, `NAME-1`, … it holds.
    pub fn rows(&self, name: &str) -> usize {
        (0..)
            .take_while(|row| self.0.contains_key(&format!("{name}-{row}")))
            .count()
    }

    /// The value where it differs from `stored`'s: what an edit changes.
    pub fn changed(&self, stored: &Typed, name: &str) -> Option<String> {
        (self.get(name) != stored.get(name)).then(|| self.get(name).to_owned())
    }
}

/// One choice of a select or of a group of checkboxes.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One input, as the form template shows it.
#[derive(Debug, Serialize)]
pub struct Input {
    pub name: String,
    pub label: String,
    /// text, textarea, select, checkbox, checkboxes (named `NAME-VALUE`) or fixed (shown,
    /// not sent).
    pub kind: &'static str,
    /// The HTML type of a text input: text, email, tel or url.
    pub html_type: &'static str,
    pub value: String,
    pub options: Vec<Choice>,
    pub help: Option<String>,
    pub error: Option<String>,
    pub required: bool,
    /// A heading shown above the input, to group the form.
    pub heading: Option<String>,
    /// A link shown under the input, to the page that goes with it.
    pub link: Option<Link>,
}

/// A link under an input: where it goes and its words.
#[derive(Debug, Serialize)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// Builds a form's inputs with their words and the values in `typed`.
pub struct Inputs<'a> {
    app: &'a App,
    typed: &'a Typed,
    pub list: Vec<Input>,
}

impl<'a> Inputs<'a> {
    pub fn new(app: &'a App, typed: &'a Typed) -> Inputs<'a> {
        Inputs {
            app,
            typed,
            list: Vec::new(),
        }
    }

    fn push(&mut self, name: &str, label_key: &str, kind: &'static str) -> &mut Self {
        self.list.push(Input {
            name: name.to_owned(),
            label: self.app.text(label_key, &[]),
            kind,
            html_type: "text",
            value: self.typed.get(name).to_owned(),
            options: Vec::new(),
            help: None,
            error: None,
            required: false,
            heading: None,
            link: None,
        });
        self
    }

    /// A text input whose label is given in words rather than as a message key, such as
    /// one of numbered rows.
    pub fn text_labelled(&mut self, name: &str, label: String) -> &mut Self {
        self.push(name, "", "text");
        self.last().label = label;
        self
    }

    /// A shown value whose label is given in words.
    pub fn fixed_labelled(&mut self, name: &str, label: String) -> &mut Self {
        let shown = self.typed.get(name).to_owned();
        self.fixed(name, "", shown);
        self.last().label = label;
        self
    }

    pub fn text(&mut self, name: &str, label_key: &str) -> &mut Self {
        self.push(name, label_key, "text")
    }

    pub fn textarea(&mut self, name: &str, label_key: &str) -> &mut Self {
        self.push(name, label_key, "textarea")
    }

    pub fn checkbox(&mut self, name: &str, label_key: &str) -> &mut Self {
        self.push(name, label_key, "checkbox")
    }

    pub fn fixed(&mut self, name: &str, label_key: &str, shown: String) -> &mut Self {
        self.push(name, label_key, "fixed");
        self.last().value = shown;
        self
    }

    /// A select of the model's names; `labels` is the message prefix of their words
    /// (`purposes-basis-` gives `purposes-basis-contract`). `empty` adds a first choice
    /// with no value and these words.
    pub fn select(
        &mut self,
        name: &str,
        label_key: &str,
        names: &[&str],
        labels: &str,
        empty: Option<&str>,
    ) -> &mut Self {
        let chosen = self.typed.get(name).to_owned();
        let mut options: Vec<Choice> = empty
            .map(|key| Choice {
                value: String::new(),
                label: self.app.text(key, &[]),
                checked: chosen.is_empty(),
            })
            .into_iter()
            .collect();
        options.extend(names.iter().map(|value| Choice {
            value: (*value).to_owned(),
            label: self.app.text(&format!("{labels}{value}"), &[]),
            checked: chosen == *value,
        }));
        self.push(name, label_key, "select");
        self.last().options = options;
        self
    }

    /// A select whose words are data rather than messages, such as the country names: each
    /// choice is a value and its words.
    pub fn select_from(
        &mut self,
        name: &str,
        label_key: &str,
        choices: Vec<(String, String)>,
    ) -> &mut Self {
        let chosen = self.typed.get(name).to_owned();
        let options = choices
            .into_iter()
            .map(|(value, label)| Choice {
                checked: chosen == value,
                value,
                label,
            })
            .collect();
        self.push(name, label_key, "select");
        self.last().options = options;
        self
    }

    /// Checkboxes named `NAME-VALUE`, one per value, with the value as its words.
    pub fn checkboxes(&mut self, name: &str, label_key: &str, values: &[String]) -> &mut Self {
        let options = values
            .iter()
            .map(|value| Choice {
                value: value.clone(),
                label: value.clone(),
                checked: self.typed.checked(&format!("{name}-{value}")),
            })
            .collect();
        self.push(name, label_key, "checkboxes");
        self.last().options = options;
        self
    }

    fn last(&mut self) -> &mut Input {
        self.list.last_mut().expect("an input was pushed")
    }

    pub fn help(&mut self, key: &str) -> &mut Self {
        let help = self.app.text(key, &[]);
        self.last().help = Some(help);
        self
    }

    pub fn required(&mut self) -> &mut Self {
        self.last().required = true;
        self
    }

    pub fn html_type(&mut self, html_type: &'static str) -> &mut Self {
        self.last().html_type = html_type;
        self
    }

    pub fn link(&mut self, href: String, label_key: &str) -> &mut Self {
        let label = self.app.text(label_key, &[]);
        self.last().link = Some(Link { href, label });
        self
    }

    pub fn heading(&mut self, key: &str) -> &mut Self {
        let heading = self.app.text(key, &[]);
        self.last().heading = Some(heading);
        self
    }
}

/// What a form page shows besides its inputs.
pub struct FormPage {
    pub form_id: &'static str,
    pub title: String,
    pub action: String,
    pub back: &'static str,
    /// The message key of the page `back` goes to.
    pub back_label: &'static str,
    /// The link to a removal page, with its words.
    pub remove: Option<(String, String)>,
    /// A note that the last change was saved.
    pub flash: Option<String>,
    pub problem: Option<Problem>,
}

/// Renders a form; a refusal shows at its input when the form has it, else above the form,
/// and answers 422.
pub fn render(app: &App, page: FormPage, mut inputs: Vec<Input>) -> Response {
    let refused = page.problem.is_some();
    let problem = page.problem.and_then(|problem| problem.attach(&mut inputs));
    let (remove, remove_label) = page.remove.unzip();
    let mut response = app.page(
        "purposes-form.html",
        minijinja::context! {
            nav => "purposes", form_id => page.form_id, title => page.title,
            action => page.action, back => page.back, back_label => app.text(page.back_label, &[]),
            inputs, remove, remove_label,
            flash => page.flash, problem,
        },
    );
    if refused {
        response.status = 422;
    }
    response
}

/// The input of the checkbox for one purpose, on the field and recipient forms.
pub fn purpose_input(purpose: &str) -> String {
    format!("purpose-{purpose}")
}

/// Every purpose's name, in the declared order, for the checkboxes.
pub fn purpose_names(app: &App) -> Result<Vec<String>, crate::Error> {
    let Some(open) = &app.open else {
        return Ok(Vec::new());
    };
    Ok(crate::schema::purposes(open.vault.conn())?
        .into_iter()
        .map(|p| p.purpose.name)
        .collect())
}

/// What a form with `inputs` and one checkbox per purpose sent.
pub fn typed_with_purposes(form: &Form, inputs: &[&str], purposes: &[String]) -> Typed {
    let checkboxes: Vec<String> = purposes.iter().map(|p| purpose_input(p)).collect();
    Typed::from_form(
        form,
        inputs
            .iter()
            .copied()
            .chain(checkboxes.iter().map(String::as_str)),
    )
}

/// Every country as "Nederland (NL)", in the page's language, ordered by code.
pub fn country_choices(app: &App) -> Vec<(String, String)> {
    crate::schema::country::countries()
        .iter()
        .map(|c| {
            let name = match app.lang {
                crate::statement::Lang::Nl => c.name_nl,
                crate::statement::Lang::En => c.name_en,
            };
            (c.code.to_owned(), format!("{name} ({})", c.code))
        })
        .collect()
}
