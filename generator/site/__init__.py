"""The site: the only package that imports mkdocs (plugin, build, books, TechDocs)."""
