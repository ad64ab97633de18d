"""The catalog layer: the data and its rules. Knows nothing of Discord or of how answers are worded."""

from catalog.loader import Catalog, CatalogError, CatalogInvalid, load_catalog
from catalog.schema import Capability, Model, Route, Tag, Tri

__all__ = ["Catalog", "CatalogError", "CatalogInvalid", "load_catalog", "Capability", "Model", "Route", "Tag", "Tri"]
