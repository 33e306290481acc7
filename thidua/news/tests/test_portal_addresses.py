"""The portal's include is resolved before the other apps' (config/urls.py), which is safe only
while its addresses are its own: no other app's may start where the portal's do."""

from django.urls import URLPattern, URLResolver, get_resolver

PORTAL_PREFIXES = ("tin-tuc/", "cong-bo/")


def routes(patterns, prefix: str = "") -> list[tuple[str, str | None]]:
    """(route, namespace) of every URL pattern under `patterns`, with its include's prefix."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += [
                (inner, namespace or pattern.namespace)
                for inner, namespace in routes(pattern.url_patterns, route)
            ]
        elif isinstance(pattern, URLPattern):
            found.append((route, None))
    return found


def all_routes() -> list[tuple[str, str | None]]:
    return routes(get_resolver().url_patterns)


def test_every_portal_address_starts_with_a_portal_prefix():
    portal = [route for route, namespace in all_routes() if namespace == "news"]
    assert portal
    assert all(route.startswith(PORTAL_PREFIXES) for route in portal)


def test_no_other_app_has_an_address_under_the_portals_prefixes():
    others = [route for route, namespace in all_routes() if namespace != "news"]
    assert others
    assert not [route for route in others if route.startswith(PORTAL_PREFIXES)]
