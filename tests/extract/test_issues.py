from __future__ import annotations

import pytest

from stancegraph.extract.issues import suggest_label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Russia must withdraw its troops before any ceasefire can hold",
            "Russia withdraw troops ceasefire hold",
        ),
        ("We will never accept the occupation", "never accept occupation"),
        ("Диалог должен продолжаться", "Диалог должен продолжаться"),
        ("", "unlabelled position"),
    ],
)
def test_suggested_labels_keep_whole_words(text: str, label: str) -> None:
    assert suggest_label(text) == label
