"""Home: what the app teaches, links to the pages, and the data the engine learns from."""

import streamlit as st

import nnlib
from ui.figures import CHART_CONFIG, image_grid
from ui.i18n import registry_text, t
from ui.navigation import HOME, PAGES, ensure_app_shell

ensure_app_shell()


@st.cache_resource
def default_data() -> nnlib.datasets.Dataset:
    return nnlib.datasets.load("digits")


st.title("Backprop Explorer")
st.markdown(t("home.intro"))

left, right = st.columns(2)
with left:
    st.subheader(t("home.start_here"))
    for page in PAGES:
        if page != HOME:
            st.page_link(page.path, label=f"**{page.title}**", icon=page.icon)
            st.caption(page.blurb)
with right:
    st.subheader(t("home.engine"))
    names = lambda registry: ", ".join(f"`{n}`" for n in registry)  # noqa: E731
    st.markdown(t("home.engine_list", activations=names(nnlib.ACTIVATIONS),
                  losses=names(nnlib.LOSSES), inits=names(nnlib.INITS),
                  optimizers=names(nnlib.OPTIMIZERS), datasets=names(nnlib.datasets.DATASETS)))

data = default_data()
st.subheader(t("home.default_data"))
st.caption(registry_text("dataset", "digits", "description", data.description))
first_of_each = [int((data.T_train == digit).argmax()) for digit in range(10)]
st.plotly_chart(
    image_grid(data.images_train[first_of_each], [str(label) for label in data.T_train[first_of_each]]),
    config=CHART_CONFIG,
)
