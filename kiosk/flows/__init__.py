"""What each citizen flow decides, as plain functions of the session and the services: no widgets.

Screens show state and forward taps; the decisions (what a flow offers, what it builds, where it
goes next) live here, so they test without a window.
"""
from .offered import FLOWS, Flow, available_flows

__all__ = ["FLOWS", "Flow", "available_flows"]
