"""The ml platform service: uvicorn on ``quant_ml_platform.app:create_app``, port 8503 (see README.md)."""

from quant_shared.service_settings import main

if __name__ == "__main__":
    main("quant_ml_platform.app:create_app", default_port=8503)
