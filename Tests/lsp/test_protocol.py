"""`concord lsp` through a real LSP client: initialize, push and pull diagnostics, cross-file
updates, disk changes, hover, definition, references, completion, code actions."""
import asyncio

from lsprotocol import types as t

from conftest import COALITIONS, change_document, expect_publish, open_document, pledges


async def test_initialize_announces_the_features(client):
    caps = client.initialize_result.capabilities
    assert client.initialize_result.server_info.name == "concord"
    assert caps.position_encoding == "utf-16"
    assert caps.text_document_sync.change == t.TextDocumentSyncKind.Incremental
    assert caps.diagnostic_provider.inter_file_dependencies is True
    assert caps.diagnostic_provider.workspace_diagnostics is True
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert "source.fixAll.concord" in caps.code_action_provider.code_action_kinds


async def test_opening_a_violation_publishes_it_with_its_version_place_and_blame(client, project):
    path = project / "Datasets" / "pledges.yaml"
    waiting = expect_publish(client, path.as_uri(), lambda p: p.version == 1)
    open_document(client, path, pledges(donor="PL"))
    published = await waiting
    [d] = published.diagnostics
    assert d.code == "donor-is-coalition-member"
    assert d.source == "concord"
    assert d.severity == t.DiagnosticSeverity.Warning
    # The message, then the rule's help on its own line.
    assert d.message.split("\n") == [
        "donor PL is not a member of it-coalition",
        "Add the donor to the coalition's members (with its `joined` date when known), or drop `coalition` from the pledge.",
    ]
    assert d.range == t.Range(start=t.Position(line=2, character=11), end=t.Position(line=2, character=15))
    assert d.code_description.href.startswith((project / "Rules").as_uri())
    [related] = d.related_information
    assert related.location.uri == (project / "Datasets" / "coalitions.yaml").as_uri()
    assert related.message == "`members` is here"
    assert related.location.range.start == t.Position(line=5, character=13)

    # Typing the fix clears it, for the new version.
    waiting = expect_publish(client, path.as_uri(), lambda p: p.version == 2)
    change_document(client, path, 2, "LU", t.Range(start=t.Position(line=2, character=12), end=t.Position(line=2, character=14)))
    assert list((await waiting).diagnostics) == []


async def test_an_edit_in_one_file_updates_the_others(client, project):
    coalitions = project / "Datasets" / "coalitions.yaml"
    pledges_uri = (project / "Datasets" / "pledges.yaml").as_uri()
    open_document(client, coalitions, COALITIONS)
    waiting = expect_publish(client, pledges_uri, lambda p: len(p.diagnostics) > 0)
    change_document(client, coalitions, 2, "xx", t.Range(start=t.Position(line=1, character=8), end=t.Position(line=1, character=10)))
    [d] = (await waiting).diagnostics
    assert d.code == "pledge-coalition-exists"
    assert "did you mean `xx-coalition`?" in d.message
    waiting = expect_publish(client, pledges_uri, lambda p: len(p.diagnostics) == 0)
    change_document(client, coalitions, 3, COALITIONS)
    await waiting


async def test_changes_on_disk_are_picked_up(client, project):
    added = project / "Datasets" / "zz-more.yaml"
    added.write_text(pledges())
    waiting = expect_publish(client, added.as_uri())
    client.workspace_did_change_watched_files(
        t.DidChangeWatchedFilesParams(changes=[t.FileEvent(uri=added.as_uri(), type=t.FileChangeType.Created)])
    )
    assert [d.code for d in (await waiting).diagnostics] == ["pledge-ids-unique"]


async def test_pull_diagnostics_for_a_document_and_the_workspace(client, project):
    path = project / "Datasets" / "pledges.yaml"
    open_document(client, path, pledges(coalition="nope"))
    report = await client.text_document_diagnostic_async(
        t.DocumentDiagnosticParams(text_document=t.TextDocumentIdentifier(uri=path.as_uri()))
    )
    assert report.kind == "full"
    assert [d.code for d in report.items] == ["pledge-coalition-exists"]
    workspace = await client.workspace_diagnostic_async(t.WorkspaceDiagnosticParams(previous_result_ids=[]))
    by_uri = {item.uri: item for item in workspace.items}
    assert [d.code for d in by_uri[path.as_uri()].items] == ["pledge-coalition-exists"]
    assert by_uri[path.as_uri()].version == 1


async def test_hover_definition_and_references(client, project):
    path = project / "Datasets" / "pledges.yaml"
    coalitions_uri = (project / "Datasets" / "coalitions.yaml").as_uri()
    open_document(client, path, pledges())
    at = t.Position(line=4, character=18)
    doc = t.TextDocumentIdentifier(uri=path.as_uri())
    hover = await client.text_document_hover_async(t.HoverParams(text_document=doc, position=at))
    assert "**it-coalition**" in hover.contents.value
    assert "name: IT Coalition" in hover.contents.value
    [target] = await client.text_document_definition_async(t.DefinitionParams(text_document=doc, position=at))
    assert target.uri == coalitions_uri
    assert target.range == t.Range(start=t.Position(line=1, character=8), end=t.Position(line=1, character=20))
    refs = await client.text_document_references_async(
        t.ReferenceParams(
            text_document=t.TextDocumentIdentifier(uri=coalitions_uri),
            position=t.Position(line=1, character=12),
            context=t.ReferenceContext(include_declaration=False),
        )
    )
    assert [(r.uri, r.range.start.line) for r in refs] == [(path.as_uri(), 4)]


async def test_completion_of_ids_and_keys(client, project):
    path = project / "Datasets" / "pledges.yaml"
    open_document(client, path, pledges(coalition="it-"))
    doc = t.TextDocumentIdentifier(uri=path.as_uri())
    result = await client.text_document_completion_async(t.CompletionParams(text_document=doc, position=t.Position(line=4, character=18)))
    assert [(i.label, i.detail) for i in result.items] == [("it-coalition", "IT Coalition")]
    typing = pledges().replace("    kind: financial\n", "    kind: financial\n    an\n")
    change_document(client, path, 2, typing)
    result = await client.text_document_completion_async(t.CompletionParams(text_document=doc, position=t.Position(line=6, character=6)))
    labels = [i.label for i in result.items]
    assert "amount_eur" in labels and "donor" not in labels


async def test_suppression_quick_fix_and_unused_suppression(client, project):
    path = project / "Datasets" / "pledges.yaml"
    waiting = expect_publish(client, path.as_uri(), lambda p: p.version == 1)
    open_document(client, path, pledges(coalition="nope"))
    [d] = (await waiting).diagnostics
    actions = await client.text_document_code_action_async(
        t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=path.as_uri()),
            range=d.range,
            context=t.CodeActionContext(diagnostics=[d]),
        )
    )
    [suppress] = [a for a in actions if a.title.startswith("Suppress with # concord-ignore: pledge-coalition-exists")]
    assert suppress.kind == t.CodeActionKind.QuickFix
    [edit] = suppress.edit.changes[path.as_uri()]
    assert edit.new_text == " # concord-ignore: pledge-coalition-exists reason"
    waiting = expect_publish(client, path.as_uri(), lambda p: p.version == 2)
    change_document(client, path, 2, edit.new_text, edit.range)
    assert list((await waiting).diagnostics) == []
    # The reference fixed, the suppression is unused: a warning tagged Unnecessary.
    waiting = expect_publish(client, path.as_uri(), lambda p: p.version == 3)
    change_document(client, path, 3, pledges().replace("it-coalition", "it-coalition # concord-ignore: pledge-coalition-exists reason"))
    [unused] = (await waiting).diagnostics
    assert unused.code == "unused-suppression"
    assert list(unused.tags) == [t.DiagnosticTag.Unnecessary]


async def test_a_half_typed_file_shows_its_syntax_error_only(client, project):
    coalitions = project / "Datasets" / "coalitions.yaml"
    waiting = expect_publish(client, coalitions.as_uri(), lambda p: p.version == 1)
    open_document(client, coalitions, COALITIONS + "  - id: [half typed\n")
    published = await waiting
    assert [d.code for d in published.diagnostics] == ["yaml-syntax"]
    await asyncio.sleep(0.2)
    assert client.diagnostics.get((project / "Datasets" / "pledges.yaml").as_uri(), []) == []
