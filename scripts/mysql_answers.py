"""Does a MySQL-family server answer at HOST:PORT? Prints one line; exit 0 yes, 1 nothing listens, 2 something else.

Needs only Python 3 (CI runs it before the virtualenv exists). With PyMySQL importable it logs
in as root without a password; without it (or with --raw) it reads the server's greeting packet.
"""

from __future__ import annotations

import argparse
import socket
import sys

YES, NOBODY, OTHER = 0, 1, 2
PROTOCOL_V10, ERROR_PACKET = 10, 0xFF
LOGIN_REFUSED = (1044, 1045, 1698)


def _receive(peer: socket.socket, size: int, got: bytearray) -> None:
    """Append up to `size` more bytes to `got`; stop early when the peer closes."""
    goal = len(got) + size
    while len(got) < goal:
        chunk = peer.recv(goal - len(got))
        if not chunk:
            return
        got += chunk


def greeting(host: str, port: int, timeout: float) -> tuple[int, str]:
    """Read the first packet: a MySQL server greets with protocol version 10 (or an error packet)."""
    where = f"{host}:{port}"
    try:
        peer = socket.create_connection((host, port), timeout)
    except OSError as error:
        return NOBODY, f"nothing listens at {where} ({error.strerror or error})"
    got = bytearray()
    with peer:
        peer.settimeout(timeout)
        try:
            _receive(peer, 4, got)  # 3 bytes payload length (little-endian), 1 byte sequence id
            length = int.from_bytes(got[:3], "little")
            if len(got) == 4 and got[3] == 0 and 0 < length <= 4096:
                _receive(peer, length, got)
            elif got:
                got += peer.recv(36)  # not a first packet: a little more, to show what it is
        except OSError:  # a timeout too: judge what arrived
            pass
    header, payload = bytes(got[:4]), bytes(got[4:])
    if len(header) == 4 and payload and len(payload) == int.from_bytes(header[:3], "little"):
        if payload[0] == PROTOCOL_V10:
            version = payload[1:].split(b"\0", 1)[0].decode("ascii", "replace")
            return YES, f"a MySQL-family server answers at {where} ({version})"
        if payload[0] == ERROR_PACKET:
            code, text = int.from_bytes(payload[1:3], "little"), payload[3:].decode("utf-8", "replace")
            return YES, f"a MySQL-family server answers at {where} but refuses us: {code} {text}"
    if not got:
        return OTHER, (
            f"something listens at {where} but sent no MySQL greeting within {timeout:g} s"
            " (not a MySQL server, or one that hangs)"
        )
    return OTHER, f"something listens at {where} that is not a MySQL server: it sent {bytes(got[:40])!r}"


def handshake(host: str, port: int, timeout: float) -> tuple[int, str]:
    """Log in as root without a password with PyMySQL; the greeting check names what went wrong."""
    import pymysql

    try:
        conn = pymysql.connect(
            host=host, port=port, user="root", password="",
            connect_timeout=timeout, read_timeout=timeout, write_timeout=timeout,
        )
    except pymysql.err.OperationalError as error:
        code = error.args[0] if error.args else None
        if code in LOGIN_REFUSED:
            return YES, (
                f"a MySQL-family server answers at {host}:{port} but refuses root without a "
                f"password ({error.args[1]}): set MYSQL_URL to a user it accepts"
            )
        return greeting(host, port, timeout)
    except Exception:  # garbage from the peer can break the driver in many ways
        return greeting(host, port, timeout)
    with conn:
        return YES, f"a MySQL-family server answers at {host}:{port} ({conn.get_server_info()})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", nargs="?", default="127.0.0.1")
    parser.add_argument("port", nargs="?", type=int, default=3306)
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds for each step")
    parser.add_argument("--raw", action="store_true", help="read the greeting, even with PyMySQL")
    args = parser.parse_args(argv)
    try:
        import pymysql  # noqa: F401
    except ImportError:
        args.raw = True
    check = greeting if args.raw else handshake
    status, line = check(args.host, args.port, args.timeout)
    print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())
