"""The API's endpoints, one router per domain; each is mounted in `thidua/api/api.py`."""
