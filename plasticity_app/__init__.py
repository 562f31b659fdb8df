"""Plasticity Journal: a private, offline self-experiment journal."""

__version__ = "0.1.0"
APP_NAME = "Plasticity Journal"
