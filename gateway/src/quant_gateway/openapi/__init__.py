"""The unified OpenAPI document of proxy mode, merged from the services' documents."""
