"""Runs a command in a pseudo-terminal, as a user's shell would, for the CLI tests.

The command's terminal output is copied to stdout. Lines on stdin steer it: INT types Ctrl-C
(the terminal sends SIGINT to the foreground process group), TERM sends SIGTERM to the command.
At the end a last line says how it ended: "[exit N]" (N = 128 + signal when a signal killed it).
"""
import os
import pty
import select
import signal
import sys

pid, master = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])

out = sys.stdout.buffer
control = sys.stdin.fileno()
watched = [master, control]
while master in watched:
    ready, _, _ = select.select(watched, [], [])
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b''
        if data:
            out.write(data)
            out.flush()
        else:
            watched.remove(master)
    if control in ready:
        commands = os.read(control, 1024)
        if not commands:
            watched.remove(control)
        for command in commands.split():
            if command == b'INT':
                os.write(master, b'\x03')
            elif command == b'TERM':
                os.kill(pid, signal.SIGTERM)

_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
out.write(f'\n[exit {code if code >= 0 else 128 - code}]\n'.encode())
out.flush()
