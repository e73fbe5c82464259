"""Every domain as its own process on this machine, plus the proxy gateway's routing table."""
