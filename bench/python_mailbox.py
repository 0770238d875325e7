"""Reads an mbox the way Ownbase's importer does, with Python's standard library, for comparison.

For every message: subject, from, date and the body text (plain, else HTML, as get_body picks it),
parsed with the modern email policy. Prints messages read and seconds as JSON.

    python3 bench/python_mailbox.py FILE.mbox
"""

import email
import email.policy
import json
import mailbox
import sys
import time


def main(path: str) -> None:
    started = time.perf_counter()
    box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default), create=False)
    messages = errors = body_chars = 0
    for message in box:
        try:
            _ = (message["subject"], message["from"], message["date"])
            body = message.get_body(preferencelist=("plain", "html"))
            if body is not None:
                body_chars += len(body.get_content())
            messages += 1
        except Exception:  # one bad message must not end the run, as in the importer
            errors += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"messages": messages, "errors": errors, "body_chars": body_chars, "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench/python_mailbox.py FILE.mbox")
    main(sys.argv[1])
