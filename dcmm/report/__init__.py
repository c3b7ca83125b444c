"""Gap reports: result → context (plain data) → HTML (jinja2) → PDF (WeasyPrint), plus rows and batches."""
