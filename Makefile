# The two commands: `make run` (the app with demo data on SQLite) and `make test` (every check).
PORT ?= 8000
PY := .venv/bin/python
export PYTHONUNBUFFERED := 1

.PHONY: run test setup lint worker lock bench

run:
	@bin/setup run
	@DJANGO_DEBUG=1 $(PY) manage.py migrate -v0
	@DJANGO_DEBUG=1 $(PY) manage.py load_demo
	@DJANGO_DEBUG=1 exec $(PY) manage.py runserver 127.0.0.1:$(PORT)

test:
	@bin/setup dev
	@bin/test

worker:
	@DJANGO_DEBUG=1 exec $(PY) manage.py db_worker

lock:
	@bin/lock

bench:
	@bench/web.sh
