"""The org pages: units (units.py), people (people.py) and clusters (clusters.py)."""
