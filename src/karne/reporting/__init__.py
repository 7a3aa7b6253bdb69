"""Renderers: a report's content model in, bytes out (PDF, DOCX, XLSX) and the charts they share.

Nothing here computes a figure: the content model (`karne.core.report_content`) carries every
value; these modules only lay it out. No Django, no database.
"""
