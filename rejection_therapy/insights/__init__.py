"""Insights: aggregate queries, chart builders (data in, text out) and the calendar heatmap.

Nothing here imports Textual; plotext is imported lazily inside the chart builders.
"""
