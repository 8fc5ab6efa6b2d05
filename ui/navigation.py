"""The app's pages and the frame around them (page config, navigation, sidebar).

app.py calls `run_app()`. Every page starts with `ensure_app_shell()`: on a freshly started server
whose first visitor opens a page URL (a link a teacher shared), Streamlit's legacy pages/ mode
runs that page on its own; the guard then runs the frame first, which switches the server to
this navigation for good and renders the requested page inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.i18n import language_selector, t

INSIDE_FRAME = "_inside_app_frame"


@dataclass(frozen=True)
class PageInfo:
    path: str
    name: str  # its texts are page.<name>.title and page.<name>.blurb in ui/text_*.py
    icon: str

    @property
    def title(self) -> str:
        return t(f"page.{self.name}.title")

    @property
    def blurb(self) -> str:
        return t(f"page.{self.name}.blurb")


HOME = PageInfo("pages/home.py", "home", ":material/home:")
GRAPH = PageInfo("pages/graph.py", "graph", ":material/account_tree:")
INSIDE = PageInfo("pages/inside.py", "inside", ":material/grid_on:")
TRAIN = PageInfo("pages/train.py", "train", ":material/monitoring:")
# A page is listed here when it works (no placeholders); the home page links to each.
PAGES: list[PageInfo] = [HOME, GRAPH, INSIDE, TRAIN]


def run_app() -> None:
    st.set_page_config(page_title="Backprop Explorer", page_icon="🧠", layout="wide")
    navigation = st.navigation(
        [st.Page(p.path, title=p.title, icon=p.icon, default=(i == 0))
         for i, p in enumerate(PAGES)]
    )
    with st.sidebar:
        language_selector()
        st.caption(t("app.about"))
    st.session_state[INSIDE_FRAME] = True
    navigation.run()


def ensure_app_shell() -> None:
    """Call first in every page: renders the page inside the app's frame, never alone."""
    if not st.session_state.pop(INSIDE_FRAME, False):
        run_app()
        st.stop()
