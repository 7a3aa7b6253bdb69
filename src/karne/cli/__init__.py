"""The `karne` command line: the same services and selectors as the web views."""
