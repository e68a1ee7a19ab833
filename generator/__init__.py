"""HTTP Status Atlas: one YAML source of truth rendered as a site, a PDF and exports."""
