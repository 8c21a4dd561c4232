"""Rendering: view models -> Markdown (sandboxed Jinja) -> Word (.docx via markdown-it tokens)."""
