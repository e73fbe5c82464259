"""Webhooks of paper-trading events: registration, recorded deliveries, the signed sender."""
