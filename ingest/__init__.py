"""Ingest: read PDFs, HTML and text, and repair their text."""
