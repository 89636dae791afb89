"""Fit an article into the LLM's input budget without a tokenizer.

    text = truncate_article(article, max_tokens=6000)   # headline + lede always kept

Tokens are estimated, not counted (no tokenizer download): the larger of characters / 4 and
words × 4/3, which over-estimates English news for the common BPE vocabularies — the safe side.
"""

from __future__ import annotations

from bot.models import Article
from bot.text import split_sentences

TRUNCATION_MARK = "[…the rest of the article is left out…]"


def estimate_tokens(text: str) -> int:
    return max(len(text) // 4, (len(text.split()) * 4 + 2) // 3)


def truncate_article(article: Article, max_tokens: int) -> str:
    """The article body, cut at paragraph (then sentence) boundaries to fit `max_tokens`.

    The headline is sent separately but counts against the budget; the first paragraph (the lede)
    is always kept, if need be cut to its first sentences.
    """
    budget = max_tokens - estimate_tokens(article.title or "")
    paragraphs = [p.strip() for p in article.text.splitlines() if p.strip()]
    if estimate_tokens("\n".join(paragraphs)) <= budget:
        return "\n".join(paragraphs)
    kept: list[str] = []
    used = estimate_tokens(TRUNCATION_MARK)
    for number, paragraph in enumerate(paragraphs):
        cost = estimate_tokens(paragraph) + 1
        if used + cost <= budget:
            kept.append(paragraph)
            used += cost
            continue
        # the paragraph doesn't fit whole: take the sentences that do, then stop
        part: list[str] = []
        for sentence in split_sentences(paragraph):
            cost = estimate_tokens(sentence) + 1
            if used + cost > budget and (part or number > 0):
                break
            part.append(sentence)  # the lede's first sentence is kept even over budget
            used += cost
        if part:
            kept.append(" ".join(part))
        break
    kept.append(TRUNCATION_MARK)
    return "\n".join(kept)
