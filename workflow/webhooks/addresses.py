"""Where a webhook may go: http or https, and never to the machine's own network (cloud
metadata at 169.254.169.254, link-local, multicast) unless an administrator's setting
allows private and loopback addresses, as a test or an on-premises helpdesk needs."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from workflow.errors import InvalidInput


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_private: bool) -> bool:
    if address.is_link_local or address.is_multicast or address.is_unspecified or address.is_reserved:
        return True
    return (address.is_private or address.is_loopback) and not allow_private


def check_url(url: str, allow_private: bool, *, resolve: bool = True) -> str:
    """The URL if a webhook may be sent there, else `InvalidInput` saying why."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("A webhook address must start with http:// or https:// and name a host.")
    if len(url) > 2000:
        raise InvalidInput("A webhook address can be at most 2,000 characters.")
    if not resolve:
        return url.strip()
    try:
        found = {
            str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
        }
    except (OSError, UnicodeError):
        raise InvalidInput(f"The host “{parts.hostname}” of the webhook address cannot be found.") from None
    for text in found:
        if _refused(ipaddress.ip_address(text.split("%")[0]), allow_private):
            raise InvalidInput(
                f"The webhook address {url.strip()} leads to {text}, a private, loopback or link-local "
                "address, where webhooks may not go (TACTFUL_WEBHOOKS_ALLOW_PRIVATE allows private ones)."
            )
    return url.strip()
