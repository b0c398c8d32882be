"""HTTP in, :meth:`FakeDeepL.handle` calls out."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fake_deepl._model import RecordedRequest, parse_body


class Handler(BaseHTTPRequestHandler):
    """Turns HTTP into :meth:`FakeDeepL.handle` calls."""

    fake: Any  # the FakeDeepL it serves
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall
    timeout = 10

    def log_message(self, format: str, *args: Any) -> None:
        """Stay silent: nothing in the test run prints."""

    def _serve(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "authorization"}
        request = RecordedRequest(
            method=self.command,
            path=url.path,
            query=dict(parse_qsl(url.query)),
            body=parse_body(raw, self.headers.get("Content-Type", "")),
            body_bytes=len(raw),
            headers=headers,
        )
        reply = self.fake.handle(request, self.headers.get("Authorization"))
        if reply is None:
            self.close_connection = True
            return
        data = b"" if reply.payload is None else json.dumps(reply.payload).encode()
        try:
            self.send_response(reply.status)
            if data:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (latency tests)

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _serve
