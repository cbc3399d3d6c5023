"""Subscribing: feeds that grow page by page. The SQLite store (store and storedb,
storeread, revision, storebuild), warta.toml (config), the store commands (storecli and
storeopts, storesetup, storepages), the inbox (watch) and the feed server (server and
servehandler, servecache, representation, serveindex, servepaths)."""
