"""The market data service: uvicorn on ``quant_market_data.app:create_app``, port 8502 (see README.md)."""

from quant_shared.service_settings import main

if __name__ == "__main__":
    main("quant_market_data.app:create_app", default_port=8502)
