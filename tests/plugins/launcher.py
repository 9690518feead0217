"""Run ``python -m django ...`` with site-packages replaced by the folder in ``CERT_XBLOCK_SITE``.

Started as ``python -S launcher.py runserver ...``: ``-S`` skips the environment's own site-packages, and
``site.addsitedir`` adds the replacement (processing its ``.pth`` files, so the editable cert_xblock still imports).
See ``tests.plugins.installs.site_without``.
"""
import os
import runpy
import site
import sys

site.addsitedir(os.environ["CERT_XBLOCK_SITE"])
sys.argv = ["django", *sys.argv[1:]]
runpy.run_module("django", run_name="__main__", alter_sys=True)
