"""The published site, engine-independent: postings in, pages and files out (see core.build_outputs)."""

from generator.site.catalog import Catalog
from generator.site.core import build_outputs
from generator.site.outputs import DOCUMENT, FILE, PAGE, Output, SiteOptions

__all__ = ["DOCUMENT", "FILE", "PAGE", "Catalog", "Output", "SiteOptions", "build_outputs"]
