"""Demo data of the documents app: the default certificate layouts (plain paper)."""

from collections import Counter

from thidua.documents.services.certificate_defaults import certificate_layouts_ensure


def load() -> Counter[str]:
    return Counter({"certificate layouts": len(certificate_layouts_ensure())})
