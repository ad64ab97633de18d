"""One module per revision, in order: ``0001`` the catalog's tables, and so on."""
