"""Request and response models of the ML platform API."""
