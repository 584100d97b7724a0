"""Mail that is never lost: an outbox written with the decision to send, and an SMTP sender."""
