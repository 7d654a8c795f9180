"""The guided interview: a pure loop (`loop`), what a typed entry means (`entries`), the autosaved
answers file (`autosave`), and the only rich part, the prompts (`prompts`)."""
