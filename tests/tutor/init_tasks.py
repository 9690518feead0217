"""Run with the Tutor environment's Python (``python -m tests.tutor.init_tasks ROOT``): print, as JSON, the
init tasks ``tutor local do init`` would run in that project root, rendered, without Docker."""
from __future__ import annotations

import json
import sys

from tutor import config as tutor_config
from tutor import env, hooks
from tutor.commands import cli  # noqa: F401 - registers the core init tasks, as the tutor command does

if __name__ == "__main__":
    hooks.Actions.CORE_READY.do()
    hooks.Actions.PROJECT_ROOT_READY.do(sys.argv[1])
    config = tutor_config.load(sys.argv[1])
    print(json.dumps([[service, env.render_str(config, task)]
                      for service, task in hooks.Filters.CLI_DO_INIT_TASKS.iterate()]))
