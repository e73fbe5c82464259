"""The user service: uvicorn on ``quant_user.app:create_app``, port 8505 (see README.md)."""

from quant_shared.service_settings import main

if __name__ == "__main__":
    main("quant_user.app:create_app", default_port=8505)
