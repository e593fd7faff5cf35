"""A real SMTP server for the tests on 127.0.0.1, a free port: Python's standard smtpd (up to
3.11), or aiosmtpd where smtpd is gone (scripts/mail-deps installs it into target/mail-deps).

Each message received is parsed with Python's own e-mail package (an independent reader of what
Mamori wrote: encoded headers, transfer encodings) and written to OUTDIR/<n>.json as
{"from", "to", "subject", "body"}. The port is printed on the first line of standard output.

    python3 smtp_sink.py OUTDIR
"""

import email
import email.policy
import json
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)


class Store:
    """Writes each message received as <n>.json."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    def keep(self, mailfrom, rcpttos, data):
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "from": str(message["from"]),
            "to": rcpttos,
            "subject": str(message["subject"]),
            "body": body.get_content() if body is not None else "",
        }
        self.count += 1
        path = os.path.join(self.outdir, f"{self.count}.json")
        with open(path + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(path + ".part", path)


def main_smtpd(store):
    import asyncore
    import smtpd

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            store.keep(mailfrom, rcpttos, data)

    sink = Sink(("127.0.0.1", 0), None, decode_data=False)
    print(sink.socket.getsockname()[1], flush=True)
    asyncore.loop(timeout=0.2)


def main_aiosmtpd(store):
    import socket
    import threading

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../../target/mail-deps"))
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            store.keep(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    threading.Event().wait()


def main():
    store = Store(sys.argv[1])
    try:
        import smtpd  # noqa: F401  (the standard library's, up to Python 3.11)
    except ImportError:
        main_aiosmtpd(store)
    else:
        main_smtpd(store)


if __name__ == "__main__":
    main()
