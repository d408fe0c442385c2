"""The publishing engine: deliveries claimed from the database, published, retried, told."""
