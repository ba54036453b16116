"""What a client sends wrong, cancellation and shutdown, with raw bytes on the server's stdin."""
import json
import subprocess

from conftest import CONCORD, pledges


class Raw:
    def __init__(self, project):
        self.process = subprocess.Popen([CONCORD, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=project)

    def send(self, *messages, raw=b""):
        data = raw
        for m in messages:
            body = json.dumps(m).encode()
            data += b"Content-Length: %d\r\n\r\n" % len(body) + body
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def receive(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            c = self.process.stdout.read(1)
            assert c, "the server closed its output"
            header += c
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        return json.loads(self.process.stdout.read(length))

    def response(self, id_):
        while True:
            m = self.receive()
            if m.get("id") == id_ and "method" not in m:
                return m

    def initialize(self, project):
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": project.as_uri(), "capabilities": {}}})
        assert "capabilities" in self.response(1)["result"]
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def finish(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"})
        return self.process.wait(timeout=10)


def test_malformed_messages_get_errors_and_the_server_goes_on(project):
    raw = Raw(project)
    raw.send(raw=b"Content-Length: 9\r\n\r\n{not json")
    assert raw.receive()["error"]["code"] == -32700
    raw.send(raw=b"Content-Type: nothing\r\n\r\n")
    assert raw.receive()["error"]["code"] == -32700
    raw.send([1, 2])
    assert raw.receive()["error"]["code"] == -32600
    raw.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {}})
    assert raw.response(5)["error"]["code"] == -32002, "before initialize"
    raw.initialize(project)
    raw.send({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"textDocument": 3}})
    assert raw.response(6)["error"]["code"] == -32602
    raw.send({"jsonrpc": "2.0", "id": 7, "method": "no/such/method"})
    assert raw.response(7)["error"]["code"] == -32601
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 12}}})
    raw.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": (project / "Datasets" / "pledges.yaml").as_uri()}, "position": {"line": 999, "character": -4}}})
    assert "error" not in raw.response(8)
    assert raw.finish() == 0


def test_a_cancelled_request_is_answered_with_request_cancelled(project):
    raw = Raw(project)
    raw.initialize(project)
    uri = (project / "Datasets" / "pledges.yaml").as_uri()
    # The pull makes the server check first; the cancellation arrives while it works.
    raw.send(
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": pledges(coalition="x")}}},
        {"jsonrpc": "2.0", "id": 2, "method": "workspace/diagnostic", "params": {"previousResultIds": []}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 4, "character": 16}}},
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 3}},
    )
    assert "result" in raw.response(2)
    assert raw.response(3)["error"]["code"] == -32800
    assert raw.finish() == 0


def test_shutdown_then_exit_ends_with_zero_and_exit_alone_with_one(project):
    raw = Raw(project)
    raw.initialize(project)
    raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    assert raw.response(2)["result"] is None
    raw.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {}})
    assert raw.response(3)["error"]["code"] == -32600, "requests after shutdown are errors"
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.process.wait(timeout=10) == 0
    early = Raw(project)
    early.initialize(project)
    early.send({"jsonrpc": "2.0", "method": "exit"})
    assert early.process.wait(timeout=10) == 1
