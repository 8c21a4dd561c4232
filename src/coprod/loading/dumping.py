"""Write plain data as YAML that `coprod.loading` reads back as exactly the same data.

PyYAML's dumper resolves with YAML 1.1, so it leaves some strings unquoted that YAML 1.2 reads as numbers
(``0o17``, ``1e3``). Every string here is quoted whenever our YAML 1.2 reading would not give it back as
that string.
"""

from __future__ import annotations

import yaml

from coprod.loading.yaml_source import resolve_plain

_STR_TAG = "tag:yaml.org,2002:str"
_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    """A safe dumper whose strings survive a YAML 1.2 reading."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    plain_reads_back = isinstance(resolve_plain(value), str)
    # YAML 1.1 breaks lines at NEL and the Unicode separators; only double quotes keep them (as escapes).
    keep_breaks = any(mark in value for mark in _UNICODE_BREAKS)
    style = None if plain_reads_back and not keep_breaks else '"'
    return dumper.represent_scalar(_STR_TAG, value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: object) -> str:
    """*data* (mappings, lists, text, numbers, booleans, null) as block-style YAML, keys in their order."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=100)
