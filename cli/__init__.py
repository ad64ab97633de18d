"""The `versus` command line: a surface that renders catalog and engine results as text or JSON."""
