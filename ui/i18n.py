"""Every word of the UI, in English and Japanese: one table per language, looked up with `t`.

The tables are `ui/text_en.py` and `ui/text_ja.py` (flat dicts, dotted keys, str.format fields).
The language is chosen in the sidebar and kept in the URL (`?lang=ja`), so a teacher's link opens
in the class's language. Texts that live in nnlib's registries (data sets, bugs, book examples)
are English there; `registry_text` gives the Japanese from the JA table when it is chosen.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.text_en import TEXT as EN
from ui.text_ja import REGISTRY as JA_REGISTRY
from ui.text_ja import TEXT as JA

LANGUAGES = {"en": "English", "ja": "日本語"}
TABLES = {"en": EN, "ja": JA}
REGISTRIES = {"ja": JA_REGISTRY}  # registry texts; English is the registry's own
DEFAULT = "en"
KEY = "lang"  # the sidebar widget's key and the query parameter's name


def language() -> str:
    """The session's language: the sidebar's choice, else the URL's, else English (also
    outside a Streamlit run, e.g. figure builders called from tests)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return DEFAULT
    chosen = st.session_state.get(KEY)
    if chosen in TABLES:
        return chosen
    from_url = st.query_params.get(KEY)
    return from_url if from_url in TABLES else DEFAULT


def t(key: str, **values) -> str:
    """The text for `key` in the session's language, with `values` filled in."""
    text = TABLES[language()][key]
    return text.format(**values) if values else text


def registry_text(kind: str, name: str, field: str, english: str) -> str:
    """A registry's own English text, or its translation (`REGISTRY["<kind>.<name>.<field>"]`
    in ui/text_ja.py; a test checks that every registry entry has one)."""
    return REGISTRIES.get(language(), {}).get(f"{kind}.{name}.{field}", english)


def url_params() -> dict[str, str]:
    """What the URL needs to keep the language: nothing for English."""
    lang = language()
    return {} if lang == DEFAULT else {KEY: lang}


def _remember_in_url() -> None:
    chosen = st.session_state.get(KEY)
    if chosen == DEFAULT:
        st.query_params.pop(KEY, None)
    elif chosen in TABLES:
        st.query_params[KEY] = chosen


def language_selector() -> None:
    """The sidebar's language switch; the choice is written to the URL."""
    if st.session_state.get(KEY) not in TABLES:  # first run, or the control was clicked off
        st.session_state[KEY] = language()
    st.segmented_control("Language / 言語", list(LANGUAGES), key=KEY, format_func=LANGUAGES.get,
                         on_change=_remember_in_url, label_visibility="collapsed")
    if st.query_params.get(KEY, DEFAULT) != st.session_state[KEY]:
        _remember_in_url()  # page switches drop query parameters; put the language back
