"""The LLM backend: any OpenAI-compatible endpoint, its answers grounded in the article."""
