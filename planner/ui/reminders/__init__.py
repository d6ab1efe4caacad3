"""Reminders in the running app: when they fire, the notification, the tray, the settings."""
