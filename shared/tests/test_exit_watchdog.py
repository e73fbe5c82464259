"""A test process whose exit hangs on a thread ends anyway, with its stacks printed and its status."""

import subprocess
import sys

SCRIPT = """
import threading
from quant_shared.testing import exit_watchdog
threading.Thread(target=threading.Event().wait).start()  # never returns: the exit would wait forever
exit_watchdog.arm(3, grace=0.5)
"""


def test_a_hanging_exit_is_ended_with_the_sessions_status():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=30)
    assert done.returncode == 3
    assert "did not exit" in done.stderr and "Thread 0x" in done.stderr
