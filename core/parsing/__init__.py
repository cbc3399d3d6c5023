"""Parsing: a Document becomes Articles. The Parser protocol and scores (parser), the frame of
text-dump parsers (textparser) and their building blocks (textkit and the modules it gathers:
textlines, boilerplate, relatedlinks, credits, datelines, bodyrules), the one Indonesian date
reader (dates), HTML reading (htmlmeta, jsonld, htmldates, htmlblocks, htmlbyline), sanitised
HTML content (htmlrender), ids (identity), and how dates and titles are known (provenance,
urltitle). Portal parsers themselves are plugins (warta.plugins)."""
