"""The published site, engine-independent: postings in, pages and files out (see core.build_outputs)."""

from generator.site.core import FILE, PAGE, Catalog, Output, SiteOptions, build_outputs

__all__ = ["FILE", "PAGE", "Catalog", "Output", "SiteOptions", "build_outputs"]
