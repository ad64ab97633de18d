"""Loading a catalog tree: every error is named by file, field and reason."""

from __future__ import annotations

from pathlib import Path

import datetime as dt
import tomllib

import pytest

from catalog.loader import BUNDLED_ROOT, CatalogInvalid, load_catalog, read_toml, validate_tree
from catalog.schema import Tri

SEED = Path(__file__).resolve().parent.parent / "catalog" / "models" / "openai" / "gpt-4.1-mini.toml"


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_catalog_loads(bundled):
    model = bundled["openai/gpt-4.1-mini"]
    assert model.context_window == 1_047_576


def test_negative_price_names_file_field_and_reason(tmp_path):
    text = SEED.read_text().replace("input = 0.4\n", "input = -1\n", 1)
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    _, errors = validate_tree(tmp_path)
    assert len(errors) == 1
    assert str(errors[0]).endswith("openai/gpt-4.1-mini.toml: routes[0].input: must be >= 0")


def test_every_error_in_a_tree_is_reported(tmp_path):
    text = SEED.read_text()
    bad = text.replace('vision = "yes"', 'vison = "yes"').replace("release_date = 2025-04-14", 'release_date = "soon"')
    _write(tmp_path, "openai/gpt-4.1-mini.toml", bad)
    _write(tmp_path, "openai/broken.toml", 'id = "x"\n[[')
    _, errors = validate_tree(tmp_path)
    rendered = "\n".join(str(e) for e in errors)
    assert "broken.toml: invalid TOML" in rendered
    assert "capabilities.vison: is not a known key (a typo?)" in rendered
    assert "capabilities.vision: is required" in rendered
    assert "release_date:" in rendered
    with pytest.raises(CatalogInvalid) as info:
        load_catalog(tmp_path)
    assert len(info.value.errors) == len(errors) >= 4


def test_duplicate_ids_and_contested_aliases(tmp_path):
    text = SEED.read_text()
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    twin = text.replace('id = "openai/gpt-4.1-mini"', 'id = "openai/gpt-4.1-mini-copy"').replace(
        'name = "GPT-4.1 Mini"', 'name = "GPT-4.1 Mini Copy"'
    )
    _write(tmp_path, "openai/gpt-4.1-mini-copy.toml", twin)
    _, errors = validate_tree(tmp_path)
    rendered = [str(e) for e in errors]
    # "gpt 4.1 mini" spells the seed's own name: only the copy is told. The other two are the seed's no more
    # than the copy's: each file is told, naming the other.
    assert len(rendered) == 5
    assert any("copy.toml: aliases[0]: 'gpt 4.1 mini' is already claimed by openai/gpt-4.1-mini (" in e for e in rendered)
    for index in (1, 2):
        assert any(f"gpt-4.1-mini.toml: aliases[{index}]" in e and "also claimed by openai/gpt-4.1-mini-copy" in e
                   for e in rendered)
        assert any(f"gpt-4.1-mini-copy.toml: aliases[{index}]" in e and "also claimed by openai/gpt-4.1-mini (" in e
                   for e in rendered)


def test_unknown_is_a_value_not_a_default(tmp_path):
    text = SEED.read_text().replace('code_execution = "yes"', 'code_execution = "unknown"')
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    catalog = load_catalog(tmp_path)
    assert catalog["openai/gpt-4.1-mini"].capabilities.code_execution is Tri.UNKNOWN


def test_a_known_fact_without_a_source_is_an_error(tmp_path):
    text = SEED.read_text().replace('covers = ["tags"]', 'covers = ["licence"]')
    _write(tmp_path, "openai/gpt-4.1-mini.toml", text)
    _, errors = validate_tree(tmp_path)
    assert any("no [[sources]] entry covers tags" in str(e) for e in errors)


def test_file_must_be_named_for_its_id(tmp_path):
    _write(tmp_path, "openai/mini.toml", SEED.read_text())
    _, errors = validate_tree(tmp_path)
    assert [e.message for e in errors] == ["'openai/gpt-4.1-mini' must live in openai/gpt-4.1-mini.toml"]


def _seed_as(slug: str, aliases: str) -> str:
    return (
        SEED.read_text()
        .replace('id = "openai/gpt-4.1-mini"', f'id = "openai/{slug}"')
        .replace('name = "GPT-4.1 Mini"', f'name = "Model {slug}"')
        .replace('aliases = ["gpt 4.1 mini", "gpt-4.1-mini-2025-04-14", "4.1 mini"]', f"aliases = {aliases}")
    )


def test_an_alias_two_models_list_is_an_error_on_both_files(tmp_path):
    _write(tmp_path, "openai/aaa.toml", _seed_as("aaa", '["shared name"]'))
    _write(tmp_path, "openai/zzz.toml", _seed_as("zzz", '["other", "Shared  NAME"]'))
    _, errors = validate_tree(tmp_path)
    assert len(errors) == 2
    aaa, zzz = sorted(errors, key=lambda e: e.path)
    assert (aaa.location, zzz.location) == ("aliases[0]", "aliases[1]")
    assert aaa.message == f"'shared name' is also claimed by openai/zzz ({zzz.path})"
    assert zzz.message == f"'Shared  NAME' is also claimed by openai/aaa ({aaa.path})"


def test_an_alias_that_is_another_models_name_is_an_error_on_the_lister_only(tmp_path):
    # Whichever file sorts first, the error is on the model that listed another's name as an alias.
    for first, second in (("aaa", "zzz"), ("zzz", "aaa")):
        folder = tmp_path / first
        _write(folder, f"openai/{first}.toml", _seed_as(first, f'["model {second}"]'))
        _write(folder, f"openai/{second}.toml", _seed_as(second, "[]"))
        _, errors = validate_tree(folder)
        assert [(e.path.rsplit("/", 1)[-1], e.location) for e in errors] == [(f"{first}.toml", "aliases[0]")]
        assert errors[0].message.startswith(f"'model {second}' is already claimed by openai/{second} (")


def test_a_copy_under_another_name_is_reported_as_a_duplicate_id(tmp_path):
    _write(tmp_path, "openai/gpt-4.1-mini.toml", SEED.read_text())
    _write(tmp_path, "openai/copy.toml", SEED.read_text())
    _, errors = validate_tree(tmp_path)
    assert [(e.path.rsplit("/", 2)[-2:], e.location, e.message) for e in errors] == [
        (["openai", "copy.toml"], "id", "'openai/gpt-4.1-mini' must live in openai/gpt-4.1-mini.toml"),
        (["openai", "copy.toml"], "id", f"'openai/gpt-4.1-mini' is also the id in {errors[0].path[:-9]}gpt-4.1-mini.toml"),
    ]  # one model in two files: a duplicate id, not an alias clash


def test_two_misplaced_copies_are_still_a_duplicate(tmp_path):
    _write(tmp_path, "openai/one.toml", SEED.read_text())
    _write(tmp_path, "openai/two.toml", SEED.read_text())
    _, errors = validate_tree(tmp_path)
    messages = [str(e) for e in errors]
    assert sum("must live in" in m for m in messages) == 2
    duplicates = [m for m in messages if "is also the id in" in m]
    assert len(duplicates) == 1 and "two.toml: id:" in duplicates[0] and duplicates[0].endswith("one.toml")


@pytest.mark.parametrize("nested", ["a = " + "[" * 5000 + "]" * 5000, "a = " + "{ b = " * 5000 + "1" + " }" * 5000])
def test_a_deeply_nested_file_is_that_files_error(tmp_path, nested):
    _write(tmp_path, "openai/gpt-4.1-mini.toml", SEED.read_text().replace("input = 0.4\n", "input = -1\n", 1))
    _write(tmp_path, "openai/deep.toml", nested + "\n")
    _, errors = validate_tree(tmp_path)
    rendered = [str(e) for e in errors]
    assert len(rendered) == 2
    assert rendered[0].endswith("deep.toml: cannot be read: arrays or inline tables nested too deeply")
    assert rendered[1].endswith("gpt-4.1-mini.toml: routes[0].input: must be >= 0")


# --- reading TOML: rtoml where it gives tomllib's answer, tomllib otherwise ------------------------------

def _same(text: str) -> None:
    """``read_toml`` gives what ``tomllib.loads`` gives: equal values of the same types, or the same error."""
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        with pytest.raises(tomllib.TOMLDecodeError) as info:
            read_toml(text)
        assert str(info.value) == str(exc)
        return
    got = read_toml(text)
    assert repr(got) == repr(expected)  # int is not float, date is not datetime, key order kept
    _same_types(got, expected)


def _same_types(got, expected) -> None:
    assert type(got) is type(expected)
    if isinstance(expected, dict):
        assert list(got) == list(expected)
        for key in expected:
            _same_types(got[key], expected[key])
    elif isinstance(expected, list):
        for a, b in zip(got, expected, strict=True):
            _same_types(a, b)
    elif isinstance(expected, (dt.datetime, dt.time)):
        assert type(got.tzinfo) is type(expected.tzinfo)


def test_every_bundled_file_reads_as_tomllib_reads_it():
    files = sorted(BUNDLED_ROOT.rglob("*.toml"))
    assert len(files) > 150
    for path in files:
        _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        # values
        'a = 1\nb = -0\nc = 0.40\nd = 2025-02-28\n', 'a = 99999999999999999999\nb = -9223372036854775808\n',
        'a = 0x1F\nb = 0o17\nc = 0b101\nd = 1_000\ne = +1\n', 'a = 1e5\nb = 1e-7\nc = 6.02e23\nd = 0.30000000000000004\n',
        'a = inf\nb = -inf\nc = nan\nd = -0.0\n', 'a = true\nb = false\n', 'a = "é"\nb = "\\u00e9\\U0001F600"\n',
        'a = "a\\tb"\nb = "\\"q\\""\n', "a = 'x'\nb = '''\nraw\\n'''\n", 'a = """\nline\n  two\\\n   three"""\n',
        '"quoted key" = 1\na.b = 2\n', '[a.b.c]\nd = 1\n', '[[r]]\nx = 1\n[[r.s]]\ny = 2\n[[r]]\nz = 3\n',
        'a = [2025-01-01, "x", 1.5, true]\n', 'a = [[1, 2], ["x"]]\nb = []\n', 'a = [\n  1,\n  # c\n  2,\n]\n',
        'a = [{ x = 1, y = "a}" }]\n', 'tiers = [\n  { above_input_tokens = 200000, input = 2.5, output = 15.0 },\n]\n',
        'a = { b = { c = 1 }, d = [1] }\n', 'a = 2024-02-29\n', 'a = "x" # c\n', 'a = 1\r\nb = 2\r\n', '', '  \n',
        'a = [' + '[' * 40 + ']' * 40 + ']\n',
        # dates and times: tomllib's types and time zones
        'a = 2025-01-01T10:00:00\n', 'a = 2025-01-01 10:00:00\n', 'a = 07:32:00\nb = 00:32:00.5\n',
        'a = 1979-05-27T07:32:00Z\n', 'a = 1979-05-27T00:32:00-07:00\n', 'a = 1979-05-27t07:32:00z\n',
        'a = 1987-07-05T17:45:00.123456789Z\n', 'a = 1979-05-27 07:32:00+00:00\n',
        # errors: tomllib's message, word for word
        'a = 2025-02-30\n', 'a = 2025-13-01\n', 'a = 1\na = 2\n', 'a = 012\n', 'a = [,]\n', 'a = null\n',
        'a = [{ x = 1, x = 2 }]\n', '[t]\nx = 1\n[t]\ny = 2\n', '[r]\n[[r]]\n', 'r = 1\n[r]\n', 'x = 1\n[[x]]\n',
        'a = 1979-05-27T07:32:60\n', 'a = 24:00:00\n', 'a = 1__0\n', 'a = "x"\rb = 1\n', 'a = "\x01"\n', 'id = "x"\n[[',
        # TOML 1.1, which rtoml reads and Python 3.11's tomllib does not: refused as tomllib refuses it
        'a = [{ x = 1, }]\n', 'a = { x = 1, }\n', 'a = { x = 1,\n y = 2 }\n', 'a = {\n}\n', 'a = { b = { c = 1 },\n d = 2 }\n',
        'a = { b = "}",\n c = 1 }\n', 'a = { b = 1, # c\n c = 1 }\n', 'a = "\\e"\n', 'a = "\\x41"\n', 'a = 07:32\n',
        'a = 1979-05-27T07:32\n', 'a = 1979-05-27T07:32Z\n', '\ufeffa = 1\n',
    ],
)
def test_toml_edge_cases_read_as_tomllib_reads_them(text):
    _same(text)


def test_an_alias_both_list_lands_on_the_model_whose_own_name_it_spells_whatever_the_order(tmp_path):
    for other in ("aaa", "zzz"):  # sorts before, then after, openai/owner.toml
        folder = tmp_path / other
        _write(folder, "openai/owner.toml", _seed_as("owner", '["Model-Owner"]'))
        _write(folder, f"openai/{other}.toml", _seed_as(other, '["model-OWNER"]'))
        _, errors = validate_tree(folder)
        assert [(e.path.rsplit("/", 1)[-1], e.location) for e in errors] == [(f"{other}.toml", "aliases[0]")]
        assert errors[0].message.startswith("'model-OWNER' is already claimed by openai/owner (")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("input = 0.4\n", "input = 0.4000001\n", "routes[0].input: decimal input should have no more than 6 decimal places"),
        ("input = 0.4\n", "input = 1e20\n", "routes[0].input: must be <= 100000"),
        ('source = "https://', 'source = "ftp://', "benchmarks[0].source: uRL scheme should be 'http', 'https' or 'file'"),
        ('url = "https://', 'url = "ftp://', "sources[0].url: uRL scheme should be 'http', 'https' or 'file'"),
    ],
)
def test_price_and_url_errors_name_the_field(tmp_path, old, new, expected):
    _write(tmp_path, "openai/gpt-4.1-mini.toml", SEED.read_text().replace(old, new, 1))
    _, errors = validate_tree(tmp_path)
    assert f"{errors[0].location}: {errors[0].message}" == expected


def test_files_are_listed_as_sorted_rglob_lists_them(tmp_path):
    from catalog.loader import _toml_files

    for rel in ("z.toml", "a.toml", "a/b.toml", "a-b/c.toml", "A/x.toml", "a/deeper/d.toml", "a b/e.toml",
                "notes.txt", "a/.hidden.toml", "b/c/d/e.toml"):
        _write(tmp_path, rel, "")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)  # not entered
    (tmp_path / "m.toml").symlink_to(tmp_path / "a" / "b.toml")  # counted, as a link
    expected = [p for p in sorted(tmp_path.rglob("*.toml")) if p.is_file()]
    listed = _toml_files(tmp_path)
    assert [rel for rel, _ in listed] == [p.relative_to(tmp_path).as_posix() for p in expected]
    assert [rel for rel, link in listed if link] == ["m.toml"]


def test_errors_come_in_path_order_across_many_files(tmp_path):
    # More files than the loader reads at a time: errors still come file by file, in path order.
    text = SEED.read_text()
    expected = []
    for index in range(600):
        rel = f"openai/m{index:04d}.toml"
        if index % 3 == 0:
            _write(tmp_path, rel, 'id = "x"\n[[')
            expected.append((rel, ""))
        elif index % 3 == 1:
            _write(tmp_path, rel, text.replace("input = 0.4\n", "input = -1\n", 1))
            expected.append((rel, "routes[0].input"))
        else:
            _write(tmp_path, rel, text.replace('vision = "yes"', 'vison = "yes"'))
            expected += [(rel, "capabilities.vision"), (rel, "capabilities.vison")]
    _, errors = validate_tree(tmp_path)
    assert [(e.path.rsplit("/", 2)[-2] + "/" + e.path.rsplit("/", 1)[-1], e.location) for e in errors] == expected


def test_shown_paths_are_display_paths(tmp_path):
    from catalog.loader import display_path

    path = _write(tmp_path, "openai/mini.toml", SEED.read_text())
    _, errors = validate_tree(tmp_path)
    assert [e.path for e in errors] == [display_path(path)]


def test_a_file_that_cannot_be_read_is_worded_as_open_words_it(tmp_path):
    from catalog.loader import _read_bytes

    for target in (tmp_path, tmp_path / "missing.toml"):
        with pytest.raises(OSError) as ours:
            _read_bytes(str(target))
        with pytest.raises(OSError) as theirs:
            open(target, "rb")
        assert str(ours.value) == str(theirs.value)
    big = tmp_path / "big.toml"
    big.write_bytes(b"x" * 200_000)
    assert _read_bytes(str(big)) == b"x" * 200_000


def test_loading_leaves_the_collector_as_it_was(tmp_path):
    import gc

    _write(tmp_path, "openai/gpt-4.1-mini.toml", SEED.read_text())
    frozen = gc.get_freeze_count()  # another test (the bot's start) may have frozen objects
    assert gc.isenabled()
    load_catalog(tmp_path)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        load_catalog(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    if frozen == 0:
        kept = [object()]
        gc.freeze()  # something else froze objects: the loader does not unfreeze them
        try:
            count = gc.get_freeze_count()
            load_catalog(tmp_path)
            assert gc.get_freeze_count() == count
        finally:
            gc.unfreeze()
        del kept


@pytest.mark.parametrize(
    ("covers", "missing"),
    [
        (["tags"], "context_window, knowledge_cutoff, licence, max_output_tokens, modalities, open_weights, release_date"),
        (["release_date", "knowledge_cutoff", "context_window", "modalities"], "licence, max_output_tokens, open_weights"),
    ],
)
def test_every_unsourced_fact_is_named_in_order(tmp_path, covers, missing):
    import tomllib

    import tomli_w

    doc = tomllib.loads(SEED.read_text())
    doc["sources"] = [
        {"url": "https://example.org/facts", "read": dt.date(2026, 11, 22), "covers": covers},
        {"url": "https://example.org/capabilities", "read": dt.date(2026, 11, 22), "covers": ["capabilities"]},
        {"url": "catalog/CURATION.md", "decided": dt.date(2026, 11, 29), "covers": ["tags"]},
    ]
    _write(tmp_path, "openai/gpt-4.1-mini.toml", tomli_w.dumps(doc))
    _, errors = validate_tree(tmp_path)
    assert [e.message for e in errors] == ["every known fact needs a source: no [[sources]] entry covers " + missing]


# --- folder walking: entries that cannot be read are errors of their own; the rest still loads -------------

def test_symlink_loops_dangling_links_and_fifos_are_reported_and_the_rest_loads(tmp_path):
    import os

    _write(tmp_path, "openai/gpt-4.1-mini.toml", SEED.read_text())
    (tmp_path / "openai" / "loop.toml").symlink_to("loop.toml")  # a link to itself: ELOOP when followed
    (tmp_path / "openai" / "a.toml").symlink_to("b.toml")
    (tmp_path / "openai" / "b.toml").symlink_to("a.toml")  # a loop of two
    (tmp_path / "openai" / "gone.toml").symlink_to("nothing-here.toml")
    os.mkfifo(tmp_path / "openai" / "pipe.toml")  # opening it would wait for a writer for ever
    (tmp_path / "openai" / "self").symlink_to(".", target_is_directory=True)  # folders are not entered through links
    models, errors = validate_tree(tmp_path)
    assert [m.id for m in models] == ["openai/gpt-4.1-mini"]
    reasons = {str(e).split("openai/", 1)[1] for e in errors}
    assert reasons == {
        "a.toml: cannot be read: a symbolic link loop",
        "b.toml: cannot be read: a symbolic link loop",
        "loop.toml: cannot be read: a symbolic link loop",
        "gone.toml: cannot be read: a symbolic link to nothing",
        "pipe.toml: is not a regular file (a FIFO, socket or device); a model file is a plain file",
    }
    with pytest.raises(CatalogInvalid) as raised:
        load_catalog(tmp_path)
    assert len(raised.value.errors) == 5


@pytest.mark.parametrize("kind", ["dev-null", "fifo"])
def test_a_root_that_is_neither_folder_nor_file_is_one_error(tmp_path, kind):
    import os

    if kind == "fifo":
        root = tmp_path / "catalog"
        os.mkfifo(root)
    else:
        root = Path(os.devnull)
    models, errors = validate_tree(root)
    assert models == [] and [e.message for e in errors] == ["is not a catalog folder or a model file (a FIFO, socket or device?)"]
