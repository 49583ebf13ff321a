"""The repository, in one part per domain; `Store` combines them."""
