"""The simulators' command console: one command a line on stdin, answers on stdout.

`command(line)` returns the answer to print ("" for none) or None to quit. When stdin closes
(a simulator started in the background) it keeps serving until interrupted.
"""
from __future__ import annotations

import sys
import threading
from typing import Callable


def serve_console(command: Callable[[str], str | None], stop: Callable[[], None]) -> int:
    try:
        for line in sys.stdin:
            answer = command(line)
            if answer is None:
                break
            if answer:
                print(answer, flush=True)
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return 0
