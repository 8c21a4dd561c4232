"""The small pieces: change detection, provenance in front matter, graph claims, parallel workers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coprod.errors import BuildError
from coprod.pipeline.adapter import with_provenance
from coprod.pipeline.fingerprint import RACY_NS, Hasher, Stamp, stamp_file
from coprod.pipeline.state import open_state
from coprod.pipeline.targets import MISSING, Claim, check_claims, check_relpath
from tests.pipeline.pipeline_support import Kit


def test_hasher_trusts_an_old_stamp_and_rehashes_a_racy_or_moved_one(tmp_path: Path) -> None:
    path = tmp_path / "input.txt"
    path.write_text("one")
    fresh = stamp_file(str(path))
    assert fresh is not None
    stat = path.stat()
    old = Stamp(stat.st_size, stat.st_mtime_ns, "remembered", stat.st_mtime_ns + RACY_NS)
    assert Hasher({str(path): old}).digest(str(path)) == "remembered"  # size and mtime say unchanged
    racy = Stamp(stat.st_size, stat.st_mtime_ns, "remembered", stat.st_mtime_ns + RACY_NS - 1)
    assert Hasher({str(path): racy}).digest(str(path)) == fresh.digest  # taken in the mtime's tick
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    hasher = Hasher({str(path): old})
    assert hasher.digest(str(path)) == fresh.digest
    assert list(hasher.fresh) == [str(path)]
    assert Hasher({}).digest(str(tmp_path / "absent")) == MISSING


def test_provenance_replaces_its_keys_in_the_front_matter() -> None:
    markdown = '---\ntitle: "A"\ngenerator: "coprod 0.1"\ninput_hash: "old"\n---\n\n# A\n'
    assert with_provenance(markdown, {"input_hash": "new", "coprod_version": "0.2"}) == (
        '---\ntitle: "A"\ngenerator: "coprod 0.1"\ncoprod_version: "0.2"\ninput_hash: "new"\n---\n\n# A\n')
    assert with_provenance("# B\n", {"input_hash": "x"}) == '---\ninput_hash: "x"\n---\n\n# B\n'


def test_claims_name_both_writers_and_folder_clashes() -> None:
    with pytest.raises(BuildError) as error:
        check_claims([Claim("a/x.md", "first"), Claim("a/x.md/y.md", "second")])
    assert str(error.value) == "second needs a/x.md to be a folder, but first writes a file there"
    with pytest.raises(BuildError) as error:
        check_relpath("../x.md", "projects/a/project.yaml (agreement)")
    assert str(error.value) == ("projects/a/project.yaml (agreement): output path '../x.md' would write "
                                "outside its project folder")


def test_parallel_workers_build_the_same_bytes_each_with_one_producer(kit: Kit, tmp_path: Path) -> None:
    for number in range(6):
        kit.project(f"film-{number}")
    serial = kit.build(jobs=1)
    parallel = kit.build(jobs=2, out=tmp_path / "parallel")
    assert sorted(parallel.built) == sorted(serial.built) and parallel.failures == []
    assert kit.files(tmp_path / "parallel") == kit.files()


def test_a_killed_build_leaves_temporary_files_that_the_next_build_sweeps(kit: Kit) -> None:
    kit.project("alpha")
    kit.build()
    leftover = kit.out / "alpha" / ".agreement.md.0123456789ab.coprod-tmp"
    leftover.write_text("half a docu")
    state = open_state(kit.out)
    assert state is not None
    with state.transaction():
        state.set_meta("dirty", "1")  # what a build killed before its end leaves
    state.close()
    assert kit.build().built == []
    assert not leftover.exists()


def test_state_from_another_schema_or_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    state = open_state(tmp_path)
    assert state is not None
    with state.transaction():
        state.set_meta("schema", "0")
    state.close()
    path = tmp_path / ".coprod" / "state.sqlite"
    with pytest.raises(BuildError) as error:
        open_state(tmp_path)
    assert str(error.value) == (f"{path} was written by another version of coprod (state schema 0, "
                                f"expected 3); remove {path.parent} and build again (the next build "
                                "rebuilds everything)")
    for extra in path.parent.glob("state.sqlite-*"):
        extra.unlink()
    path.write_bytes(b"not a database at all, just some bytes " * 100)
    with pytest.raises(BuildError) as error:
        open_state(tmp_path)
    assert str(error.value) == (f"cannot use the build state {path}: file is not a database; remove "
                                f"{path.parent} to start afresh (the next build rebuilds everything)")
