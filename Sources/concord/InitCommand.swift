import ArgumentParser
import ConcordRules
import Foundation

/// `concord init [FOLDER]`: write a `.concord.yaml` that mounts the YAML data found, and a
/// starter rule file; never overwrites a file.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a .concord.yaml that mounts the YAML data of a folder, and a starter rule file.",
        discussion: """
            Files whose root is a list are mounted as lists, folders of one-record files by a \
            glob, keyed maps with kind: map, files of top-level keys as plain paths. The starter \
            rule file (rules/starter.yaml) holds one commented example rule per mounted list. \
            Nothing is written when either file exists (exit 2).
            """
    )

    @Argument(help: "The folder of YAML data (default: the current folder).")
    var folder: String = "."

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw UsageError("no such folder: \(folder)")
        }
        let configPath = inFolder(Configuration.fileName), rulesPath = inFolder(StarterProject.ruleFile)
        for path in [configPath, rulesPath] where FileManager.default.fileExists(atPath: path) {
            throw UsageError("\(path) exists; concord init writes nothing over an existing file")
        }
        let configURL = URL(fileURLWithPath: configPath), rulesURL = URL(fileURLWithPath: rulesPath)
        let project = StarterProject(survey: DatasetSurvey(folder: folder))
        do {
            try FileManager.default.createDirectory(at: rulesURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(project.configuration.utf8).write(to: configURL, options: .withoutOverwriting)
            try Data(project.rules.utf8).write(to: rulesURL, options: .withoutOverwriting)
        } catch {
            throw UsageError("cannot write: \(error.localizedDescription)")
        }
        var out = "wrote \(configPath):\n"
        for entry in project.survey.entries {
            out += "  \(entry.mount.key ?? "(top-level keys)")  \(entry.mount.path)  (\(entry.found))\n"
        }
        out += "wrote \(rulesPath): \(project.starterRuleCount) commented example rule\(project.starterRuleCount == 1 ? "" : "s")\n"
        out += "next: concord check" + (folder == "." ? "" : " (in \(folder))") + "\n"
        Output.write(out)
    }

    /// A path inside the folder, as shown.
    private func inFolder(_ path: String) -> String {
        folder == "." ? path : (folder.hasSuffix("/") ? folder : folder + "/") + path
    }
}
