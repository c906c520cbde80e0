# Cookies, data kept outside the vault, and purging. Keep the keys equal to nl/cookies.ftl.
cookie-title = Cookies
cookie-intro = The cookies and similar techniques on your website. Your privacy statement lists exactly these. Without cookies the statement has no part about cookies.
cookie-link = Cookies on your website
cookie-add = Add a cookie
cookie-none = You have not declared any cookies yet.
cookie-edit-title = Change cookie { $name }
cookie-remove = Remove cookie
cookie-remove-title = Remove cookie { $name }
cookie-remove-intro = { $name } will be removed. The privacy statement will no longer list this cookie.
cookie-name = Name
cookie-name-help = The name as the browser shows it, for example _ga. No spaces.
cookie-name-fixed = The name cannot change. If the cookie is called differently, remove it and add it again.
cookie-provider = Placed by
cookie-provider-help = Who places the cookie: your own business, or a service such as Google.
cookie-kind = Kind
cookie-kind-help = Statistics and advertising need the visitor's consent. The statement says so.
cookie-kind-functional = Needed for the website
cookie-kind-analytics = Statistics
cookie-kind-marketing = Advertising
cookie-needs-consent = needs consent
cookie-consent-undeclared = not yet declared whether your website asks consent first
cookie-retention-heading = How long does the cookie stay?
cookie-session = Gone when the browser closes
cookie-session-short = until the browser closes
cookie-retention = Retention
cookie-retention-help = If it stays after closing: a number and a letter. 13m is 13 months, 1y is 1 year, 30d is 30 days.
cookie-purpose = What for
cookie-purpose-help = What the cookie does, in the words of your privacy statement. For example "Remembering your basket".
cookie-purpose-en = What for (English)
cookie-no-english = no English text yet
cookie-country = Country
cookie-country-help = Where the provider processes the data. Leave empty if you do not know.
cookie-country-none = — no country —
cookie-safeguard-help = Only when the provider's country is outside the European Economic Area: the provider then receives the visitor's data there. An Article 49 exception cannot cover a cookie, which sends data on every visit.
cookie-error-no-country = Choose the provider's country first. A safeguard belongs only to a country outside the EEA.
cookie-error-derogation = An Article 49 exception cannot cover a cookie. Choose another safeguard, or a provider inside the EEA.
cookie-consent-asked = My website asks consent first
cookie-consent-asked-help = Tick this only if your website asks the visitor's consent before it places this cookie, for example with a cookie banner. Statistics and advertising require it. Only then does the privacy statement promise "only with your consent".
cookie-error-name = Fill in a name without spaces, of at most 100 characters.
cookie-error-exists = There already is a cookie { $name }.
cookie-error-empty = This box cannot be empty.
cookie-error-retention = Tick "Gone when the browser closes", or write a period such as 13m, 1y or 30d.
cookie-error-country = Choose a country from the list.
cookie-error-nothing = You did not change anything.
outside-title = Outside the vault
outside-heading = Data you keep outside the vault
outside-category = Outside the vault { $number }
outside-category-help = Personal data this purpose keeps somewhere else, for example "Camera images of the shop". Empty a row to remove it.
outside-category-en = Outside the vault { $number } (English)
outside-error-without-text = Fill in the Dutch text too, or empty the English one.
legacy-title = Old texts about recipients
legacy-heading = Old texts about recipients
legacy-text = Old text { $number }
legacy-help = An older vault wrote recipients as free text. The privacy statement does not take these over. Declare each recipient again, with a role and a country, then forget these texts.
legacy-drop = Forget these old texts
legacy-drop-help = Only tick this once every recipient is declared again.
legacy-restate = Declare a recipient for this purpose
legacy-fix = Declare again
recipients-edit-title = Change recipient { $name }
recipients-name-fixed = The name stays. If the recipient is called differently, remove it and add it again.
recipients-remove-all = Remove recipient
purge-title = Purge
purge-intro = Data whose retention period has run out for every purpose must go. Here you see what goes today, per field. A customer left without data goes entirely.
purge-field = Field
purge-count = Number of customers
purge-records = { $count ->
    [one] 1 customer goes entirely.
   *[other] { $count } customers go entirely.
}
purge-warning = { $count ->
    [one] 1 value will be erased. This cannot be undone.
   *[other] { $count } values will be erased. This cannot be undone.
}
purge-confirm = Erase now
purge-nothing = There is nothing to erase today.
purge-done = Erased: { $values } values, { $records } customers entirely.
purge-done-next = This is erased. The backup is updated too.
