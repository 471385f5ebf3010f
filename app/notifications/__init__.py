"""Notifications shared by every feature: the in-app inbox, e-mail over SMTP, opt-outs and reminders.

Features call ``service.notify(...)`` for a message now, or register a reminder source
(``sources.register_source``) that ``trajectory remind`` asks for due reminders on a timer.
"""
