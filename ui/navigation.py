"""The app's pages in one list: app.py builds the navigation from it and the home page its links."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    path: str
    title: str
    icon: str
    blurb: str


HOME = PageInfo("pages/home.py", "Home", "🏠", "What this app teaches.")

# A page is listed here when it works (no placeholders); the home page links to each.
PAGES: list[PageInfo] = [HOME]
