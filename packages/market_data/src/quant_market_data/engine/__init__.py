"""Pure computation on bar columns: calendars, resampling, synthetic series, checks, validation."""
