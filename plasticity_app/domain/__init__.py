"""The pure core: roadmap rules, metrics, habits, experiments, reviews, statistics, chart states.

Nothing here imports Qt, pyqtgraph or peewee (checked by import-linter and by a test).
"""
