"""Scheduled work: reminders, the escalation ladder, briefings, period autolock and the mail sender."""
