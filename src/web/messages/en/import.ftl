# English words of the import pages. Keep the keys in step with nl/import.ftl.
import-title = Import customers
import-intro = Choose a CSV or Excel file with your customers. kluis reads the file in memory only and stores it nowhere. You first see what will happen. Only then do you import.
import-file = File (CSV, Excel, LibreOffice, or vCard from Contacts)
import-sheet = Which sheet do you want to import?
import-no-header = The first row already holds customers, not column names
import-upload = Read the file
import-no-file = Choose a file first. kluis cannot read an empty file.
import-continue = Go on with { $file }
import-cancel = Stop and forget the file
import-error-empty = This file is empty.
import-error-header-only = This file holds only column names, no customers.
import-error-format = This is not a CSV, Excel, LibreOffice or vCard file.
import-error-protected = This file has a password. Remove the password in Excel and try again.
import-error-sheet = This file has several sheets. Choose the sheet, then choose the file again.
import-error-header-data = { $row ->
    [1] The first row holds
   *[other] Row { $row }, read as the column names, holds
} data (column { $column }), not column names. Does the file have no column names? Then tick the box below and choose the file again.
import-map-title = Choose the columns
import-header-unrecognised = kluis recognises none of the column names. Does the first row already hold a customer? Then that row is left out now. Go back, tick "{ import-no-header }" and choose the file again.
import-file-read = { $file }: { $rows } rows read.
import-preview = Preview: the first rows
import-row = Row
import-columns = Columns
import-column = Column
import-field = Goes into field
import-map-intro = kluis keeps only what you choose. For each column, choose the field it goes into, or choose "do not import".
import-choose = — choose —
import-skip = do not import
import-guessed = kluis recognised this column. Not right? Then choose something else.
import-choose-column = Choose a field or "do not import".
import-field-twice = Several columns go into the field { $field }. Choose one.
import-fix-columns = For each red column, choose what happens to it.
import-required = The field { $field } is required. Choose the column that holds it.
import-on-duplicate = What if the e-mail address is already in the vault?
import-duplicate-skip = Leave the customer already there as they are
import-duplicate-update = Add the new details to the customer already there
import-duplicate-keep-both = Make a new customer anyway
import-on-invalid = What if a row has a mistake?
import-invalid-reject = Import nothing until every row is right
import-invalid-skip = Import only the rows that are right
import-consents = Consent
import-consents-help = Tick a box only if everyone in this file gave this consent, and you can show it.
import-dry-run = Check (nothing is stored yet)
import-summary-title = This is how the import goes
import-summary-intro = This is a trial run with { $file }. Nothing has been stored yet.
import-rows-read = Rows in the file: { $count }
import-would-add = New customers: { $count }
import-would-update = Customers already there who get the new details: { $count }
import-duplicates-skipped = Customers already there who stay as they are: { $count }
import-duplicates-kept = Customers already there who are made new anyway: { $count }
import-empty-rows = Empty rows, left out: { $count }
import-invalid-skipped = Rows with a mistake, left out: { $count }
import-consents-given = Consents recorded: { $count }
import-refused-intro = { $rows } rows have a mistake. So nothing will be imported now. Correct the file and choose it again. Or go back to the columns and choose "Import only the rows that are right".
import-problems-title = Rows with a mistake
import-rule = What is wrong
import-problems-more = And { $count } more mistakes.
import-back-to-mapping = Back to the columns
import-notes = How kluis read the file
import-run = Import now
import-done-title = Import done
import-added = Added: { $count } customers
import-updated = Given new details: { $count } customers
import-duplicates-left = Were already there and did not change: { $count } customers
import-delete-original = Please note: the file { $file } is still on your computer, where anyone can read it. The customers are now safe in the vault. Delete the file now, then empty the recycle bin. Think of copies too, for example in Downloads or in your e-mail.
import-to-customers = Go to the customers
import-skip-rest = Every column without a choice: do not import
import-problem-required = Empty, but the field { $field } is required.
import-problem-needs-consent = The field { $field } holds special-category data. It is allowed only with explicit consent for { $purpose }. Leave this column out, or fill it in later per customer after consent.
import-nothing-mapped = No column goes into a field. Choose a field for at least one column.
import-nothing-imported = Nothing would be imported. Of the { $rows } rows, { $invalid } are invalid, { $duplicates } are duplicates and { $empty } are empty in the chosen columns. Choose "Import nothing until every row is right" to see what is wrong.
import-problem-consent-date = This consent date is after today.
# How kluis read the file (the reader's notes).
import-note-format-mismatch = The file's name ends in .{ $extension }, but it is { $format ->
        [CSV] a text file with columns
        [vCard] a vCard file
       *[other] an { $format } workbook
    }. kluis read it as that.
import-note-bom-encoding = The file starts with a mark for { $bom }. So kluis read it as { $bom }, not as { $requested }.
import-note-sheet-ignored = This is a text file without sheets. The sheet you chose was not used.
import-note-delimiter-sep = Separator { $delimiter }: the first line said so (sep=). kluis skipped that line.
import-note-delimiter-detected = Separator found: { $delimiter }
import-note-no-delimiter = No separator found. Every line was read as one column.
import-note-lines-windows-1252 = { $count ->
        [one] Line { $lines } was not valid UTF-8. kluis read it as Windows-1252.
       *[other] Lines { $lines } were not valid UTF-8. kluis read them as Windows-1252.
    }
import-note-file-windows-1252 = The file is not UTF-8. kluis read it as Windows-1252.
import-note-delimiter-encoding-ignored = A separator and an encoding do not apply to a workbook. kluis did not use them.
import-note-other-sheets-empty = kluis read sheet “{ $sheet }”. { $others ->
        [one] The other sheet is empty.
       *[other] The other { $others } sheets are empty.
    }
import-note-rows-padded = { $count ->
        [one] Row { $rows } had fewer cells than there are columns. kluis added empty cells.
       *[other] Rows { $rows } had fewer cells than there are columns. kluis added empty cells.
    }
import-note-unnamed-columns = { $count ->
        [one] Column { $columns } has no name. It is now called { $names }.
       *[other] Columns { $columns } have no name. They are now called { $names }.
    }
import-note-empty-columns = { $count ->
        [one] 1 empty column without a name was left out.
       *[other] { $count } empty columns without a name were left out.
    }
import-note-header-taken = The column names are in row { $row }.
import-note-header-found = The column names are in row { $row }. The rows above it ({ $rows }) are not customers and were left out.
import-note-header-row-given = The column names are in row { $row }, as you chose. The rows above it ({ $rows }) were left out.
import-note-notes-rows = { $count ->
        [one] Row { $rows } was left out. It holds a remark or a total, not a customer.
       *[other] Rows { $rows } were left out. They hold remarks or totals, not customers.
    }
import-note-vcard-contacts = { $count ->
        [one] 1 contact read from the vCard file.
       *[other] { $count } contacts read from the vCard file.
    }
import-note-yearless-birthdays = { $count ->
        [one] Row { $rows }: the birthday has no year. kluis left it empty.
       *[other] Rows { $rows }: the birthday has no year. kluis left it empty.
    }
import-note-first-contact-only = { $count ->
        [one] Row { $rows }: kluis took only the first e-mail address and the first phone number (a mobile number first).
       *[other] Rows { $rows }: kluis took only the first e-mail address and the first phone number (a mobile number first).
    }
import-note-list-more = { $list } and { $more } more
import-note-tab = tab
import-note-space = a space
import-note-byte = character { $code }
import-date-order = How are the dates written in the file?
import-date-order-auto = Let kluis tell from the dates
import-date-order-dmy = Day first: 31-12-1980, as in the Netherlands
import-date-order-mdy = Month first: 12/31/1980, as in America
import-date-order-ambiguous = The dates in { $columns } can be day-month or month-day (like 3/4/1975), and no date shows which. Choose below how the dates are written in the file.
import-date-order-conflict = The column { $column } has dates with the day first (row { $day }) and with the month first (row { $month }). Fix the file, or choose one order below: dates that do not fit it become a mistake in their row.
