"""Streamlit and plotly helpers shared by the pages (nnlib never imports these)."""
