# The log page: what happened to the vault, newest first.
log-title = Log
log-intro = What happened to the vault, newest first. The log names customer numbers, fields and purposes, never what a field holds.
log-count = { $count } entries
log-at = When (UTC)
log-action = What
log-record = Customer
log-fields = Fields
log-purpose = Purpose
log-detail = Details
log-empty = The log is still empty.
log-newer = Newer
log-older = Older
