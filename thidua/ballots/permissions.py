"""Who may see and do what with ballots (django-rules predicates), in one place."""
