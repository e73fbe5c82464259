"""Request and response models of the user domain."""
