"""OpenAPI tag metadata of the user domain's router groups (display order)."""

TAGS: list[dict] = [
    {
        "name": "Auth",
        "description": (
            "Accounts and tokens: register, log in (OAuth2 password flow: use **Authorize** in /docs "
            "with your e-mail as username), rotating refresh tokens, log out, profile, password "
            "change, personal API keys and the JWKS of the key that signs access tokens. Access "
            "tokens are EdDSA JWTs living a few minutes; deactivation, a role change or deletion "
            "revokes them at once."
        ),
    },
    {
        "name": "Watchlists",
        "description": "Your named, ordered watchlists of symbols (each checked against market data).",
    },
    {
        "name": "Dashboard",
        "description": "One call for your overview: watchlist quotes, recent backtests, best strategies, "
        "latest signals, market regimes, deployed models and open data-quality issues. Sections are fetched "
        "concurrently from their domains; one that is down is marked unavailable. The layout is yours.",
    },
    {
        "name": "Admin Users",
        "description": "Administration of accounts (admin role): search, roles, deactivation and deletion "
        "(other domains remove a deleted user's data on the UserDeleted event).",
    },
]
