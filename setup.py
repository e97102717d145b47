"""Packaging beyond pyproject.toml: the wheel also ships the project files that ``claimgraph init``
copies (``claimgraph/_project/``; the list is ``claimgraph.packaged``'s, MANIFEST.in brings the same
files into the sdist)."""

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("_claimgraph_packaged", HERE / "src/claimgraph/packaged.py")
packaged = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(packaged)


class BuildWithProjectFiles(build_py):
    """build_py, then the shipped project files into ``claimgraph/_project/`` of the build."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the source tree
        target = Path(self.build_lib) / "claimgraph" / packaged.SHIPPED_DIR
        shutil.rmtree(target, ignore_errors=True)  # nothing left from an older build
        for relative, source in packaged.starter_files(HERE).items():
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)


setup(cmdclass={"build_py": BuildWithProjectFiles})
