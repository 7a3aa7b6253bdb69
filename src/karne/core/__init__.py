"""The computation core: pure Python, no Django, no I/O.

Everything a document prints as a derived figure is computed here, from inputs only, so that the
web pages, the command line, the reports and the audit all agree by construction.
"""
