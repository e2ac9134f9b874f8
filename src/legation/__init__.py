"""Legation: political event data from news — who did what to whom, when, where, said by whom."""

__version__ = "0.1.0"
