"""packaging/install.sh --destdir stages the whole terminal under a folder without touching the
system, and the staged tree is checked file by file: what is there is in the manifest with its
mode and owner, nothing is writable by others, the unit files verify with systemd-analyze, no
path of the machine that built it leaks in, and the staged kiosk runs (and refuses the example
configuration until it is edited). Uninstalling keeps configuration and data unless --purge."""
from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.cli.udev_rule import rule_problems
from kiosk.paths import ROOT

INSTALL = ROOT / "packaging" / "install.sh"
# Folders of any Debian system that staging creates on the way to the kiosk's own.
SYSTEM_FOLDERS = {"/etc", "/etc/udev", "/usr", "/usr/local", "/usr/local/lib", "/usr/local/lib/systemd", "/var",
                  "/var/lib", "/var/log", "/opt"}


def install(*args: str, destdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(INSTALL), "--destdir", str(destdir), *args], capture_output=True, text=True,
                          timeout=120)


def read_manifest(stage: Path) -> dict[str, tuple[str, int, str, str]]:
    """path -> (type, mode, owner, group)"""
    entries = {}
    for line in (stage / "opt/kiosk/MANIFEST").read_text().splitlines():
        if line.startswith("#"):
            continue
        kind, mode, owner, group, path = line.split("\t")
        entries[path] = (kind, int(mode, 8), owner, group)
    return entries


@pytest.fixture(scope="module")
def stage(tmp_path_factory) -> Path:
    stage = tmp_path_factory.mktemp("stage")
    run = install("--skip-packages", destdir=stage)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"nothing outside {stage} was touched" in run.stdout
    return stage


def staged_paths(stage: Path) -> list[str]:
    return sorted("/" + str(p.relative_to(stage)) for p in stage.rglob("*"))


def test_every_staged_path_is_in_the_manifest_with_its_mode(stage):
    manifest = read_manifest(stage)
    trees = [path for path, (kind, *_rest) in manifest.items() if kind == "t"]
    for path in staged_paths(stage):
        info = os.lstat(stage / path.lstrip("/"))
        mode = stat.S_IMODE(info.st_mode)
        assert not info.st_mode & (stat.S_ISUID | stat.S_ISGID), path
        if path in manifest:
            kind, want, _owner, _group = manifest[path]
            if kind == "l":
                assert stat.S_ISLNK(info.st_mode), path
            else:
                assert mode == want, f"{path}: {mode:04o}, manifest says {want:04o}"
        elif any(path.startswith(tree + "/") for tree in trees):
            if stat.S_ISLNK(info.st_mode):
                continue
            assert mode in ((0o755,) if stat.S_ISDIR(info.st_mode) else (0o644, 0o755)), f"{path}: {mode:04o}"
        else:
            assert path in SYSTEM_FOLDERS, f"{path} is staged but not in the manifest"
    for path in manifest:
        assert os.path.lexists(stage / path.lstrip("/")), f"{path} in the manifest but not staged"


def test_owners_modes_and_places_a_terminal_needs(stage):
    manifest = read_manifest(stage)
    expected = {
        "/etc/kiosk": ("d", 0o750, "root", "kiosk"),
        "/etc/kiosk/kiosk.toml": ("c", 0o640, "root", "kiosk"),      # the platform secret: root writes, kiosk reads
        "/var/lib/kiosk": ("D", 0o700, "kiosk", "kiosk"),
        "/var/log/kiosk": ("D", 0o750, "kiosk", "kiosk"),
        "/opt/kiosk/app": ("t", 0o755, "root", "root"),
        "/opt/kiosk/venv": ("t", 0o755, "root", "root"),
        "/usr/local/lib/systemd/system/kiosk.service": ("f", 0o644, "root", "root"),
        "/usr/local/lib/sysusers.d/kiosk.conf": ("f", 0o644, "root", "root"),
        "/etc/pam.d/kiosk": ("f", 0o644, "root", "root"),
        "/etc/udev/rules.d/70-kiosk.rules": ("c", 0o644, "root", "root"),
        "/etc/logrotate.d/kiosk": ("f", 0o644, "root", "root"),
        # folders of the system: made when missing, never changed or removed
        "/etc/pam.d": ("s", 0o755, "root", "root"),
        "/etc/udev/rules.d": ("s", 0o755, "root", "root"),
        "/usr/local/bin": ("s", 0o755, "root", "root"),
        "/usr/local/lib/systemd/system": ("s", 0o755, "root", "root"),
    }
    for path, entry in expected.items():
        assert manifest.get(path) == entry, path
    assert (stage / "etc/kiosk/kiosk.toml").read_bytes() == (ROOT / "config/production.example.toml").read_bytes()
    assert (stage / "usr/local/lib/sysusers.d/kiosk.conf").read_text().splitlines()[-1].split()[:2] == ["u", "kiosk"]
    assert os.readlink(stage / "usr/local/bin/kiosk") == "/opt/kiosk/venv/bin/kiosk"


def test_the_venv_runs_the_app_from_opt_with_debians_python(stage):
    venv = stage / "opt/kiosk/venv"
    assert os.readlink(venv / "bin/python3") == "/usr/bin/python3"
    command = venv / "bin/kiosk"
    assert stat.S_IMODE(command.stat().st_mode) == 0o755
    assert command.read_text().startswith("#!/opt/kiosk/venv/bin/python3\n")
    (pth,) = venv.glob("lib/python3.*/site-packages/kiosk.pth")
    assert pth.read_text() == "/opt/kiosk/app\n"
    # The staged interpreter and app, pointed at the staged tree: the example configuration is refused
    # in one line until a technician fills it in.
    run = subprocess.run([str(venv / "bin/python3"), "-m", "kiosk", "check-config", "--config",
                          str(stage / "etc/kiosk/kiosk.toml")], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(stage / "opt/kiosk/app"), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.count("\n") == 1 and "still the example's placeholder" in run.stderr


def test_nothing_of_the_build_machine_leaks_into_the_tree(stage):
    leaks = [str(stage).encode(), str(ROOT).encode(), os.path.expanduser("~").encode() + b"/"]
    for path in stage.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        for leak in leaks:
            assert leak not in data, f"{path.relative_to(stage)} contains {leak.decode()}"
    compiled = list((stage / "opt/kiosk/app/kiosk").rglob("*.pyc"))
    assert compiled and b"/opt/kiosk/app/kiosk/" in compiled[0].read_bytes()


def unit_commands(unit: Path) -> list[list[str]]:
    commands = []
    for line in unit.read_text().splitlines():
        key, _, value = line.partition("=")
        if key.startswith("Exec"):
            commands.append(shlex.split(value.lstrip("+-!@:")))
    return commands


def test_the_unit_verifies_with_systemd_analyze(stage, tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd; scripts/bootstrap.sh installs it)")
    # A root for --root: the system's own units (sysinit.target ...), the staged tree, and the programs
    # the unit starts, from where Debian's packages put them.
    root = tmp_path / "root"
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    shutil.copytree(stage, root, symlinks=True, dirs_exist_ok=True)
    unit = root / "usr/local/lib/systemd/system/kiosk.service"
    for command in unit_commands(unit):
        program = command[0]
        if program.startswith("/opt/kiosk/"):
            continue
        assert os.access(program, os.X_OK), f"{program} is not installed here (scripts/bootstrap.sh installs it)"
        (root / program.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(program, root / program.lstrip("/"))
    check = subprocess.run([analyze, "verify", f"--root={root}", "--man=no", "--generators=no", "kiosk.service"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0 and not (check.stdout + check.stderr).strip(), check.stdout + check.stderr


def test_the_unit_is_the_watched_kiosk_in_cage_on_tty1(stage):
    unit = (stage / "usr/local/lib/systemd/system/kiosk.service").read_text()
    settings = dict(line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#"))
    assert settings["Type"] == "notify" and settings["NotifyAccess"] == "all"
    assert settings["Restart"] == "always" and int(settings["WatchdogSec"]) >= 10
    assert settings["User"] == "kiosk" and settings["PAMName"] == "kiosk" and settings["TTYPath"] == "/dev/tty1"
    (start,) = [c for c in unit_commands(stage / "usr/local/lib/systemd/system/kiosk.service")
                if c[0] == "/usr/bin/cage"]
    app = start[start.index("--") + 1:]
    assert app == ["/opt/kiosk/venv/bin/kiosk", "run", "--config", "/etc/kiosk/kiosk.toml"]
    assert os.access(stage / app[0].lstrip("/"), os.X_OK) and (stage / app[3].lstrip("/")).is_file()
    assert "-s" not in start[:start.index("--")], "cage -s would let a citizen switch to a text console"
    assert (stage / "etc/pam.d/kiosk").read_text().count("pam_systemd.so") == 1


def test_the_udev_rules_read_as_udev_reads_them(stage):
    lines = [line for line in (stage / "etc/udev/rules.d/70-kiosk.rules").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) == 5
    for line in lines:
        assert rule_problems(line) == [], line
        assert 'GROUP="kiosk"' in line and 'MODE="0660"' in line


def test_uninstall_keeps_configuration_and_data_and_purge_removes_them(tmp_path):
    stage = tmp_path / "stage"
    assert install("--skip-packages", destdir=stage).returncode == 0
    (stage / "etc/kiosk/kiosk.toml").write_text("# edited by the technician\n")
    (stage / "var/lib/kiosk/print_journal.db").write_bytes(b"journal")
    again = install("--skip-packages", destdir=stage)                   # an upgrade
    assert again.returncode == 0 and "/etc/kiosk/kiosk.toml is there already: kept" in again.stdout
    assert (stage / "etc/kiosk/kiosk.toml").read_text() == "# edited by the technician\n"

    run = install("--uninstall", destdir=stage)
    assert run.returncode == 0, run.stderr
    assert not (stage / "opt/kiosk").exists() and not (stage / "usr/local/lib/systemd/system/kiosk.service").exists()
    assert not (stage / "usr/local/bin/kiosk").is_symlink()
    assert (stage / "etc/kiosk/kiosk.toml").read_text() == "# edited by the technician\n"
    assert (stage / "var/lib/kiosk/print_journal.db").read_bytes() == b"journal"
    assert "kept (--purge removes them)" in run.stdout

    assert install("--skip-packages", destdir=stage).returncode == 0
    run = install("--uninstall", "--purge", destdir=stage)
    assert run.returncode == 0, run.stderr
    system = {path for path, (kind, *_rest) in read_manifest_of_install(tmp_path).items() if kind == "s"}
    assert [p for p in staged_paths(stage) if p not in SYSTEM_FOLDERS | system] == []
    assert system <= set(staged_paths(stage)), "a folder of the system was removed"


def read_manifest_of_install(tmp_path: Path) -> dict:
    """The manifest a fresh staging writes (the purged tree has none left to read)."""
    fresh = tmp_path / "fresh"
    assert install("--skip-packages", destdir=fresh).returncode == 0
    return read_manifest(fresh)


def test_purge_refuses_while_ratings_wait_for_upload(tmp_path):
    stage = tmp_path / "stage"
    assert install("--skip-packages", destdir=stage).returncode == 0
    db = sqlite3.connect(stage / "var/lib/kiosk/ratings.db")
    db.execute("CREATE TABLE ratings (key TEXT, state TEXT)")
    db.execute("INSERT INTO ratings VALUES ('r1', 'pending'), ('r2', 'confirmed')")
    db.commit()
    db.close()
    run = install("--uninstall", "--purge", destdir=stage)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "1 ratings are not uploaded yet" in run.stderr and (stage / "opt/kiosk").is_dir()
    assert install("--uninstall", "--purge", "--force", destdir=stage).returncode == 0
    assert not (stage / "var/lib/kiosk").exists()


def test_without_root_or_destdir_it_says_how_to_run_it():
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []   # never a real install here
    run = subprocess.run([*as_user, "bash", str(INSTALL)], capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "run as root" in run.stderr, run.stderr
