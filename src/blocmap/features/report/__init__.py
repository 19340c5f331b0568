"""The report of the system on a day: HTML (Jinja2 template), PDF (WeasyPrint) and PNG pages (pypdfium2)."""
