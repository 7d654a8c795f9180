"""Batch scoring: many responses, each ending as scored or failed, one bad one never stopping the
rest. `results` holds the data (below the machinery); `sources` reads the inputs lazily,
`columns` understands a CSV header, `scorer` turns each task into a result, `verdict` is the quick
path, `parallel` runs chunks in worker processes, `output` formats the results, `reportdir`
writes a report per respondent and `runner` ties them together. Nothing here prints."""
