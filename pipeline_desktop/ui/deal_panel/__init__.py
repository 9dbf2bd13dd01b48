"""The deal panel beside the deal table, one widget per section (see `panel.py`)."""

from pipeline_desktop.ui.deal_panel.panel import DealPanel

__all__ = ["DealPanel"]
