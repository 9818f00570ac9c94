"""The citizen's address as the portal sees it, for the login throttle and the public forms' limits.

Behind the city's TLS proxy every request comes from the proxy: REMOTE_ADDR would put all of
Prévost in one bucket. Only the hops we put there ourselves are trusted (TRUSTED_PROXIES); an
X-Forwarded-For written by the client is ignored, else a bot would pick a new address per post.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str:
    hops = settings.TRUSTED_PROXIES
    if hops:
        # python-ipware counts the proxies *after* the client in X-Forwarded-For: our last proxy
        # is REMOTE_ADDR, not in the header, hence one less.
        address, _routable = get_client_ip(
            request,
            proxy_count=hops - 1,
            request_header_order=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"
