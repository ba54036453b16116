"""The protocol suite of `concord lsp`, with pytest-lsp (a real LSP client that checks every
message against the protocol's types). CONCORD names the binary (default: .build/debug/concord)."""
import asyncio
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types as t
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = pathlib.Path(__file__).resolve().parents[2]
CONCORD = os.environ.get("CONCORD", str(REPO / ".build" / "debug" / "concord"))

# The test project's files (Tests/Fixtures/lsp/README.md); tests plant violations by changing
# one value of the pledge.
FIXTURE = REPO / "Tests" / "Fixtures" / "lsp"
COALITIONS = (FIXTURE / "coalitions.yaml").read_text()
PLEDGES = (FIXTURE / "pledges.yaml").read_text()


def pledges(donor="LU", coalition="it-coalition", pledge_id="lu-it-2024"):
    return (
        PLEDGES.replace('donor: "LU"', f'donor: "{donor}"')
        .replace("coalition: it-coalition", f"coalition: {coalition}")
        .replace("- id: lu-it-2024", f"- id: {pledge_id}")
    )


@pytest.fixture
def project(tmp_path):
    (tmp_path / "Datasets").mkdir()
    (tmp_path / "Datasets" / "coalitions.yaml").write_text(COALITIONS)
    (tmp_path / "Datasets" / "pledges.yaml").write_text(pledges())
    shutil.copytree(REPO / "Rules", tmp_path / "Rules")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[CONCORD, "lsp"]))
async def client(lsp_client: LanguageClient, project):
    lsp_client.initialize_result = await lsp_client.initialize_session(
        t.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=project.as_uri(),
            initialization_options={"diagnostics": "both", "debounceMilliseconds": 5},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def next_publish(client, uri, predicate=lambda p: True, timeout=15):
    """The next publishDiagnostics for `uri` that satisfies `predicate`."""

    async def loop():
        while True:
            params = await client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and predicate(params):
                return params

    return await asyncio.wait_for(loop(), timeout)


def expect_publish(client, uri, predicate=lambda p: True):
    """Starts waiting for a publish before the message that causes it is sent."""
    return asyncio.ensure_future(next_publish(client, uri, predicate))


def open_document(client, path, text, version=1):
    client.text_document_did_open(
        t.DidOpenTextDocumentParams(
            text_document=t.TextDocumentItem(uri=path.as_uri(), language_id="yaml", version=version, text=text)
        )
    )


def change_document(client, path, version, text, range_=None):
    change = (
        t.TextDocumentContentChangePartial(range=range_, text=text)
        if range_
        else t.TextDocumentContentChangeWholeDocument(text=text)
    )
    client.text_document_did_change(
        t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[change],
        )
    )
