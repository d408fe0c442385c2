"""Publishers that need a chat platform's client library (core stays free of them)."""
