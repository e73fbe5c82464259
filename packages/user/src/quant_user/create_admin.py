"""Create (or promote) an administrator: ``python -m quant_user.create_admin --email ada@example.com``.

The password is read from standard input when it is piped, or asked for twice at the terminal; there is
never a default. Connects with the platform settings (``QUANT_MONGODB_URL``, ``QUANT_DB_PREFIX``).
"""

import argparse
import asyncio
import getpass
import sys

from quant_shared.database import init_database
from quant_shared.settings import Settings, get_settings
from quant_user.models.user import User
from quant_user.services.first_admin import ensure_admin


def read_password(stdin=sys.stdin) -> str:
    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat the password: "):
        raise ValueError("the passwords differ")
    return first


async def run(email: str, password: str, display_name: str, settings: Settings) -> str:
    client = await init_database(settings, {"user": [User]})
    try:
        user, created = await ensure_admin(email, password, display_name)
    finally:
        await client.close()
    return f"{'created' if created else 'promoted'} admin {user.email} ({user.id})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create the first administrator of the platform.")
    parser.add_argument("--email", required=True)
    parser.add_argument("--display-name", default="Administrator")
    args = parser.parse_args(argv)
    try:
        password = read_password()
        print(asyncio.run(run(args.email, password, args.display_name, get_settings())))
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
