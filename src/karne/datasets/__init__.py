"""Moving whole datasets between the folder format and the database.

`services.dataset_load` writes (one transaction, all or nothing); `selectors.dataset_read`
reads an administration back as a `Dataset`. The CLI and, later, the web views call these.
"""
