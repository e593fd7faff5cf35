"""A real SMTP server for the tests: Python's standard smtpd (3.11) on 127.0.0.1, a free port.

Each message received is parsed with Python's own e-mail package (an independent reader of what
Mamori wrote: encoded headers, transfer encodings) and written to OUTDIR/<n>.json as
{"from", "to", "subject", "body"}. The port is printed on the first line of standard output.

    python3 smtp_sink.py OUTDIR
"""

import asyncore
import email
import email.policy
import json
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import smtpd  # noqa: E402  (deprecated in 3.11, still the standard library's SMTP server)


class Sink(smtpd.SMTPServer):
    def __init__(self, outdir):
        super().__init__(("127.0.0.1", 0), None, decode_data=False)
        self.outdir = outdir
        self.count = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
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


def main():
    sink = Sink(sys.argv[1])
    print(sink.socket.getsockname()[1], flush=True)
    asyncore.loop(timeout=0.2)


if __name__ == "__main__":
    main()
