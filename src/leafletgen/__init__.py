"""leafletgen: YAML leaflet definitions to print-ready patient information leaflets."""

__version__ = "0.1.0"
