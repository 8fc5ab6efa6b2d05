"""Backprop Explorer: `streamlit run app.py`."""

from ui.navigation import run_app

run_app()
