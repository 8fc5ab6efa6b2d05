"""The app's pages and the frame around them (page config, navigation, sidebar).

app.py calls `run_app()`. Every page starts with `ensure_app_shell()`: on a freshly started server
whose first visitor opens a page URL (a link a teacher shared), Streamlit's legacy pages/ mode
runs that page on its own; the guard then runs the frame first, which switches the server to
this navigation for good and renders the requested page inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

INSIDE_FRAME = "_inside_app_frame"


@dataclass(frozen=True)
class PageInfo:
    path: str
    title: str
    icon: str
    blurb: str


HOME = PageInfo("pages/home.py", "Home", ":material/home:", "What this app teaches.")
GRAPH = PageInfo("pages/graph.py", "Computational graphs", ":material/account_tree:",
                 "step node by node through the book's apple graphs, or your own expression.")

# A page is listed here when it works (no placeholders); the home page links to each.
INSIDE = PageInfo("pages/inside.py", "Inside the network", ":material/grid_on:",
                  "one training step as real matrices, and a gradient check that catches planted bugs.")
TRAIN = PageInfo("pages/train.py", "Live training", ":material/monitoring:",
                 "set hidden sizes, activation and learning rate, and watch the network learn.")
PAGES: list[PageInfo] = [HOME, GRAPH, INSIDE, TRAIN]


def run_app() -> None:
    st.set_page_config(page_title="Backprop Explorer", page_icon="🧠", layout="wide")
    navigation = st.navigation(
        [st.Page(p.path, title=p.title, icon=p.icon, default=(i == 0)) for i, p in enumerate(PAGES)]
    )
    with st.sidebar:
        st.caption(
            "Backprop Explorer shows how a neural network learns, one value and one gradient at "
            "a time, following chapter 5 of *Deep Learning from Scratch* (ゼロから作るDeep "
            "Learning). Every number comes from a small NumPy engine, `nnlib`."
        )
    st.session_state[INSIDE_FRAME] = True
    navigation.run()


def ensure_app_shell() -> None:
    """Call first in every page: renders the page inside the app's frame, never alone."""
    if not st.session_state.pop(INSIDE_FRAME, False):
        run_app()
        st.stop()
