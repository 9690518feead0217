"""The wheel operators install on the Tutor machine carries the whole plugin: its module, patches and templates."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import entry_points

from tests.services import REPO


def test_the_wheel_ships_every_file_of_the_tutor_plugin_and_its_entry_point(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("cert_xblock-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    plugin = REPO / "cert_xblock" / "deploy" / "tutor"
    on_disk = {f"cert_xblock/deploy/tutor/{path.relative_to(plugin)}" for path in plugin.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert {"cert_xblock/deploy/tutor/plugin.py", "cert_xblock/deploy/tutor/openedx-env.yml"} <= on_disk
    assert on_disk - names == set()
    [points] = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(points).decode()
    assert "[tutor.plugin.v1]\ncert_xblock = cert_xblock.deploy.tutor.plugin" in text
    # The checkout's own installation declares it the same way.
    assert [ep.value for ep in entry_points(group="tutor.plugin.v1") if ep.name == "cert_xblock"] == [
        "cert_xblock.deploy.tutor.plugin"]
