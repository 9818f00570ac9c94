"""A real IMAP server for the intake tests: Debian's dovecot, started on a loopback port of its own
(one per test worker) with a throw-away maildir, plain login, no TLS."""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

USER, PASSWORD = "requetes", "mot-de-passe-de-test"

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ImapServer:
    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.host, self.user, self.password = "127.0.0.1", USER, PASSWORD

    def client(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(self.user, self.password)
        return connection

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        connection = self.client()
        connection.create(f'"{folder}"')
        assert connection.append(f'"{folder}"', None, None, raw)[0] == "OK"
        connection.logout()

    def messages(self, folder: str = "INBOX") -> list[bytes]:
        connection = self.client()
        status, _data = connection.select(f'"{folder}"', readonly=True)
        if status != "OK":
            connection.logout()
            return []
        found = []
        for uid in connection.uid("SEARCH", None, "ALL")[1][0].split():
            found.append(next(i[1] for i in connection.uid("FETCH", uid, "(BODY.PEEK[])")[1] if isinstance(i, tuple)))
        connection.logout()
        return found

    def clear(self) -> None:
        connection = self.client()
        for line in connection.list()[1]:
            folder = line.decode().rsplit(' "/" ', 1)[-1].strip('"')
            count = int(connection.select(f'"{folder}"')[1][0])
            if count:
                connection.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                connection.expunge()
        connection.logout()


def start(tmp_root: Path) -> tuple[subprocess.Popen, ImapServer]:
    binary = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
    if binary is None:
        if os.environ.get("REQUIRE_IMAP"):
            pytest.fail("dovecot is not installed (apt-get install dovecot-imapd)")
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    if os.getuid() == 0:
        # dovecot refuses to keep mail as root, and drops its login processes to unprivileged users.
        login_user, internal_user, mail_user, mail_group = "dovenull", "dovecot", "nobody", "nogroup"
    else:
        me = pwd.getpwuid(os.getuid()).pw_name
        login_user = internal_user = mail_user = mail_group = me
    for folder in ("run", "state", "mail", "home"):
        (tmp_root / folder).mkdir(parents=True, exist_ok=True)
    if os.getuid() == 0:
        for folder in ("mail", "home"):
            shutil.chown(tmp_root / folder, "nobody", "nogroup")
    (tmp_root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = _free_port()
    config = tmp_root / "dovecot.conf"
    config.write_text(
        CONFIG.format(
            root=tmp_root,
            port=port,
            login_user=login_user,
            internal_user=internal_user,
            mail_user=mail_user,
            mail_group=mail_group,
        )
    )
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server = ImapServer(tmp_root, port)
    deadline = time.monotonic() + 15
    while True:
        try:
            server.client().logout()
            return process, server
        except (OSError, imaplib.IMAP4.error):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (tmp_root / "dovecot.log").read_text() if (tmp_root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {log}") from None
            time.sleep(0.1)
