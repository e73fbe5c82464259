"""Request/response models of the gen-AI API."""
