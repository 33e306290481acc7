"""Demo data: the Party organisation sector around Cụm thi đua số 6 (see data.py for sources)."""
