"""Home: what the app teaches, links to the pages, and the data the engine learns from."""

import streamlit as st

import nnlib
from ui.figures import CHART_CONFIG, image_grid
from ui.navigation import HOME, PAGES, ensure_app_shell

ensure_app_shell()


@st.cache_resource
def default_data() -> nnlib.datasets.Dataset:
    return nnlib.datasets.load("digits")


st.title("Backprop Explorer")
st.markdown(
    "Neural networks learn by **backpropagation**: a forward pass computes a loss, a backward "
    "pass sends the gradient of that loss back through every operation, and each weight moves a "
    "little against its gradient. This app makes each of those steps visible — from the book's "
    "apple-shopping graph to a network learning handwritten digits."
)

left, right = st.columns(2)
with left:
    st.subheader("Start here")
    for page in PAGES:
        if page != HOME:
            st.page_link(page.path, label=f"**{page.title}**", icon=page.icon)
            st.caption(page.blurb[0].upper() + page.blurb[1:])
with right:
    st.subheader("What the engine offers")
    st.markdown(
        f"- Activations: {', '.join(f'`{n}`' for n in nnlib.ACTIVATIONS)}\n"
        f"- Losses: {', '.join(f'`{n}`' for n in nnlib.LOSSES)}\n"
        f"- Initialisations: {', '.join(f'`{n}`' for n in nnlib.INITS)}\n"
        f"- Optimisers: {', '.join(f'`{n}`' for n in nnlib.OPTIMIZERS)}\n"
        f"- Data sets: {', '.join(f'`{n}`' for n in nnlib.datasets.DATASETS)}"
    )

data = default_data()
st.subheader("The default data set")
st.caption(data.description)
first_of_each = [int((data.T_train == digit).argmax()) for digit in range(10)]
st.plotly_chart(
    image_grid(data.images_train[first_of_each], [str(t) for t in data.T_train[first_of_each]]),
    config=CHART_CONFIG,
)
