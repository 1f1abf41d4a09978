"""Helpers for driving a page in the browser fixture: open, wait, read the live network."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageStat

READY = "return !!(window.stancegraph && window.stancegraph.ready);"


def open_page(driver: Any, path: Path, *, timeout: float = 20.0) -> list[dict[str, Any]]:
    """Load *path*, wait until the network has drawn, return the console log since loading."""
    driver.get_log("browser")
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script(READY):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} did not draw within {timeout} s")
        time.sleep(0.05)
    return list(driver.get_log("browser"))


def errors(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of a console log that are errors."""
    return [entry for entry in log if entry.get("level") == "SEVERE"]


def live_counts(driver: Any) -> dict[str, int]:
    """Nodes and edges in the live vis DataSets: all, and visible."""
    return dict(
        driver.execute_script(
            "var s = window.stancegraph, v = s.visibleCounts();"
            "return {nodes: s.nodes.length, edges: s.edges.length,"
            " visibleNodes: v.nodes, visibleEdges: v.edges};"
        )
    )


def screenshot_variance(driver: Any) -> float:
    """The mean per-channel variance of a screenshot of the page (0 for a blank page)."""
    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    return sum(ImageStat.Stat(image).var) / 3.0
