"""`kiosk print` writes only where it is told: a folder that is not there is refused in one line,
not made (a mistyped path used to leave new folders behind)."""
from __future__ import annotations

from kiosk.cli import print as print_cli


def test_sample_into_a_missing_folder_is_refused_and_makes_nothing(tmp_path, capsys):
    out = tmp_path / "missing" / "dir" / "x.bin"
    assert print_cli.main(["sample", "receipt", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such folder" in err and str(tmp_path / "missing" / "dir") in err
    assert not (tmp_path / "missing").exists()


def test_sample_onto_a_folder_or_under_a_file_is_refused(tmp_path, capsys):
    assert print_cli.main(["sample", "receipt", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    (tmp_path / "afile").write_text("x")
    assert print_cli.main(["sample", "receipt", "--out", str(tmp_path / "afile" / "x.bin")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_decode_png_into_a_missing_folder_is_refused_in_one_line(tmp_path, capsys):
    sample = tmp_path / "r.bin"
    assert print_cli.main(["sample", "receipt", "--out", str(sample)]) == 0
    capsys.readouterr()
    assert print_cli.main(["decode", str(sample), "--png", str(tmp_path / "nope" / "r.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--png" in err and "no such folder" in err
    assert not (tmp_path / "nope").exists()
