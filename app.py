"""Backprop Explorer: `streamlit run app.py`."""

import streamlit as st

from ui.navigation import PAGES

st.set_page_config(page_title="Backprop Explorer", page_icon="🧠", layout="wide")

navigation = st.navigation(
    [st.Page(p.path, title=p.title, icon=p.icon, default=(i == 0)) for i, p in enumerate(PAGES)]
)
with st.sidebar:
    st.caption(
        "Backprop Explorer shows how a neural network learns, one value and one gradient at a "
        "time, following chapter 5 of *Deep Learning from Scratch* (ゼロから作るDeep Learning). "
        "Every number comes from a small NumPy engine, `nnlib`."
    )
navigation.run()
