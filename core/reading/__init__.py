"""Reading: where pages enter. Files, folders, globs and standard input (inputs), bytes
decoded honestly (loaders, charsets), gzip and MHTML archives (mhtml), text normalised
(textnorm), URL maps (urlmap); the result is a Document (document)."""
