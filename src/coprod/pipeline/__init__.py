"""``coprod build`` as make for documents.

The build reads like its folder: `targets` (what an output is and how the graph is validated) ->
`fingerprint` (cheap-to-dear change checks) -> `state` (the SQLite record of the last successful builds) ->
`staleness` (what must be rebuilt and why) -> `worker` and `runner` (parallel production through a
`producer.Producer`) -> `pages` (the index and per-project READMEs) -> `report` (progress and summaries).
`adapter` wires the real loader, analysis and renderers into a producer; `orchestrate` runs the stages.

Nothing here imports pydantic, Jinja or python-docx at module level: a build with nothing to do decides
that from the state database and ``stat()`` alone.
"""
