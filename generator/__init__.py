"""Microboard: a micro-internship board that runs from a Git repository."""

__version__ = "0.1.0"
