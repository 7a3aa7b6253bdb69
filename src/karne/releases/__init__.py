"""The documents of a year built in the browser, and the versions the strategy unit publishes.

Builds are background jobs (`karne.jobs`): the Performance Program and the Activity Report in
each format, and the audit report. A published version is a frozen copy of a build's bytes with
their SHA-256, the date and who published it; every role downloads those bytes unchanged.
"""
