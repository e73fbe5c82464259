"""The gen ai service: uvicorn on ``quant_gen_ai.app:create_app``, port 8504 (see README.md)."""

from quant_shared.service_settings import main

if __name__ == "__main__":
    main("quant_gen_ai.app:create_app", default_port=8504)
