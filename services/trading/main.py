"""The trading service: uvicorn on ``quant_trading.app:create_app``, port 8501 (see README.md)."""

from quant_shared.service_settings import main

if __name__ == "__main__":
    main("quant_trading.app:create_app", default_port=8501)
