"""warta's built-in portal plugins: one flat module per portal (see the plugin guide)."""
