"""Background jobs: work too long for a request (a document build), run in a process of its own.

Generic on purpose: a job is a kind (a registered handler), a key naming what it makes, its
parameters, its state and progress, and the bytes it made. The documents register their builds
(`karne.releases.builds`); a large workbook upload can become a kind later.
"""
