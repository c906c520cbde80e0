# The check page: what kluis check finds, with where to fix it.
check-title = Check
check-summary = { $errors } errors, { $warnings } warnings
check-error = Error
check-warning = Warning
check-fix = Fix this
check-all-good = Everything is in order.
check-code-no-profile = Your organisation's details are missing
check-code-law-missing = A purpose does not name the law
check-code-purpose-without-fields = A purpose has no fields
check-code-manual-retention = Check the retention yourself
check-code-unused-field = A field is not used
check-code-past-retention = Data kept longer than allowed
check-code-required-consent = A required field depends on consent
check-code-special-category = Special-category data
check-code-consent-missing = Data without consent
check-code-bsn = Citizen service number (BSN)
check-code-bsn-type = A BSN field without the BSN check
check-code-profiling-undeclared = Not said whether a purpose profiles people
check-code-retention-note-only = Retention explained in a note only
check-code-kept-after-withdrawal = Kept after consent is withdrawn
check-code-looks-like-profiling = A field looks like a profile or score
check-code-statement-stale = The privacy statement is out of date
check-code-statement-incomplete = The privacy statement cannot be made yet

# What a finding says exactly. Names of purposes and fields come from the vault itself.
check-detail-no-profile = Fill in your organisation's name, address and e-mail address. The privacy statement needs them.
check-detail-law-missing = The purpose { $purpose } is a legal obligation, but does not say which law. Fill in the law at the purpose.
check-detail-purpose-without-fields = The purpose { $purpose } has no fields. Link fields to it, or remove it.
check-detail-manual-retention = For the purpose { $purpose }, kluis cannot work out when data must go. Check from time to time which data can go.
check-detail-manual-retention-contract = The purpose { $purpose } keeps data until the end of the contract. kluis does not know when that is. Check from time to time which data can go.
check-detail-unused-field = No customer has anything in { $field }. Do you need this field?
check-detail-past-retention = Data in { $field } is kept longer than its retention allows, for { $count ->
        [one] customer { $records }
       *[other] { $count } customers ({ $records })
    }. Erase this data.
check-detail-required-consent = The field { $field } is required, but serves only purposes based on consent. Consent is free, so do not make the field required.
check-detail-special-category = The field { $field } holds special-category data ({ $special }). Exception: { $art9 }. You probably need a DPIA (a risk assessment) first.
check-detail-consent-missing = The field { $field } is allowed only with consent, but { $count ->
        [one] customer { $records } has
       *[other] { $count } customers ({ $records }) have
    } not given it. Record the consent, or empty the field.
check-detail-consent-missing-explicit = The field { $field } holds special-category data and is allowed only with explicit consent, but { $count ->
        [one] customer { $records } has
       *[other] { $count } customers ({ $records }) have
    } not given it. Record the consent, or empty the field.
check-detail-bsn = The field { $field } holds citizen service numbers (BSN). That is allowed only where a law asks for it: { $laws }.
check-detail-bsn-no-law = The field { $field } holds citizen service numbers (BSN). That is allowed only where a law asks for it, and none of the field's purposes names a law.
check-detail-bsn-type = The field { $field } is named a BSN, but kluis does not check the numbers (eleven test). Make a new field of type BSN, move the numbers and remove the old field.
check-detail-profiling-undeclared = The purpose { $purpose } does not say whether you make profiles or decide about people automatically. Answer that question at the purpose.
check-detail-retention-note-only = The purpose { $purpose } explains its retention only in a note. Also choose a period or a moment, so kluis can count.
check-detail-kept-after-withdrawal = The purpose { $purpose } keeps data for a period after consent is withdrawn, when the purpose has nothing left to rest on. Keep it until the withdrawal, or keep proof of consent under a purpose of its own.
check-detail-looks-like-profiling = The field { $field } looks like a score or profile, but none of its purposes says it makes profiles. Is it one? Then say so at the purpose.
check-detail-statement-incomplete = { $count ->
        [one] The privacy statement still needs 1 fact you have not filled in. The privacy statement page says which, and where to fill it in.
       *[other] The privacy statement still needs { $count } facts you have not filled in. The privacy statement page says which, and where to fill them in.
    }
check-detail-statement-stale = Something changed since you published the privacy statement: { $changes }. Look at the differences and publish again.
check-stale-added-purposes = new purposes { $purposes } (tell people before you start)
check-stale-removed-purposes = { $count ->
        [one] 1 purpose removed
       *[other] { $count } purposes removed
    }
check-stale-added-fields = { $count ->
        [one] 1 field added
       *[other] { $count } fields added
    }
check-stale-removed-fields = { $count ->
        [one] 1 field removed
       *[other] { $count } fields removed
    }
check-stale-changed-settings = { $count ->
        [one] 1 setting changed
       *[other] { $count } settings changed
    }
check-code-request-due-soon = A request must be answered soon
check-code-request-overdue = A request is past its deadline
check-code-objected-values = Data someone objected to
check-detail-request-due-soon = Request { $request } ({ $kind }) from customer { $record } must be answered by { $due }, in { $days ->
        [one] 1 day
       *[other] { $days } days
    }.
check-detail-request-overdue = Request { $request } ({ $kind }) from customer { $record } had to be answered by { $due }. Answer it as soon as possible.
check-detail-objected-values = Customer { $record } objected to every purpose of { $fields }. Nothing uses this data any more: erase it.
check-request-kind-access = access
check-request-kind-rectification = rectification
check-request-kind-erasure = erasure
check-request-kind-restriction = restriction
check-request-kind-portability = portability
check-request-kind-objection = objection
check-request-kind-withdraw-consent = withdraw consent
