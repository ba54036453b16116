import ConcordDiagnostics
import ConcordYAML
import Foundation

/// Runs a whole check: finds and loads the dataset files, runs the rules over the merged
/// dataset, then applies fingerprints, suppressions, severity overrides, the baseline and the
/// file and line filters.
public enum CheckSession {
    public static func run(_ request: CheckRequest) -> CheckResult {
        let started = Date()
        // Rule files first: a broken rule file stops the run before any data is checked.
        var ruleSet = RuleSet()
        var diagnostics: [Diagnostic] = []
        if !request.rulePaths.isEmpty {
            let (loaded, ruleDiagnostics) = RuleFileLoader(costBudget: request.configuration?.costBudget,
                                                           maxListSize: request.configuration?.maxListSize).load(paths: request.rulePaths)
            if ruleDiagnostics.contains(where: { $0.severity == .error }) {
                return CheckResult(report: Report(diagnostics: ruleDiagnostics, rules: RuleRegistry.builtIn,
                                                  sources: SourceCache.texts(for: ruleDiagnostics)),
                                   configurationFailed: true)
            }
            ruleSet = loaded
            diagnostics.append(contentsOf: ruleDiagnostics)
        }

        var walked: [Diagnostic] = []
        let (datasetFiles, datasetProblems) = MountedFiles.resolve(request.paths.map { DatasetMount(path: $0) } + request.mounts,
                                                                   in: request.currentDirectory, fileSystem: request.fileSystem,
                                                                   walkDiagnostics: &walked)
        let (otherFiles, otherProblems) = MountedFiles.resolve(request.loaderOnlyPaths.map { DatasetMount(path: $0) },
                                                               in: request.currentDirectory, fileSystem: request.fileSystem,
                                                               walkDiagnostics: &walked)
        let problems = datasetProblems + otherProblems
        if !problems.isEmpty {
            return CheckResult(report: Report(diagnostics: problems, sources: SourceCache.texts(for: problems)),
                               configurationFailed: true)
        }

        let loader = YAMLLoader(options: request.loaderOptions)
        let load = { @Sendable (file: MountedFiles.File) in
            request.contents[file.path].map { loader.load(bytes: $0, file: file.path) }
                ?? loader.load(path: MountedFiles.absolute(file.path, in: request.currentDirectory), displayPath: file.path,
                               fileSystem: request.fileSystem)
        }
        // Files are loaded on every core (many small files cost more in fixed costs than in
        // parsing); the chunks are read in order where they are, not copied into one array.
        let all = datasetFiles + otherFiles
        let chunks = ChunkedWork.inChunks(all.count) { range in
            range.map { i in
                let inDataset = i < datasetFiles.count
                return LoadedFile(result: load(all[i]), inDataset: inDataset, mount: inDataset ? all[i].mount : nil)
            }
        }
        let (checked, dataset, loaded) = checkLoaded(chunks, ruleSet: ruleSet, request: request)
        var compared: (diagnostics: [Diagnostic], ratchet: Ratchet?) = ([], nil)
        if let base = request.base {
            compared = BaseComparison(base: base, currentDirectory: request.currentDirectory)
                .run(dataset: dataset, rules: ruleSet, ratchet: request.ratchet)
        }
        var input = checked
        input.insert(contentsOf: diagnostics + walked, at: 0)
        input.append(contentsOf: compared.diagnostics)
        diagnostics = postProcess(input, request: request, files: loaded, ratchet: compared.ratchet)

        let seconds = Date().timeIntervalSince(started)
        var sources: [String: String] = [:]
        for d in diagnostics {
            for file in [d.location.file] + d.related.map(\.location.file) where sources[file] == nil {
                if let f = loaded[file] { sources[file] = f.text }
            }
        }
        let missingTexts = SourceCache.texts(for: diagnostics.filter { sources[$0.location.file] == nil })
        sources.merge(missingTexts) { a, _ in a }
        let report = Report(
            diagnostics: consume diagnostics,
            rules: RuleRegistry(rules: ruleSet).descriptors,
            statistics: .init(files: datasetFiles.count + otherFiles.count, records: dataset.recordCount,
                              rules: ruleSet.count, seconds: seconds),
            sources: sources
        )
        return CheckResult(report: report, configurationFailed: false, loadedFiles: Array(loaded.values))
    }

    /// A loaded file, and whether it is part of the dataset (else it gets the loader's checks only).
    struct LoadedFile {
        var result: LoadResult
        var inDataset: Bool
        /// The entry of `datasets:` that brought the file in (nil: a plain path).
        var mount: DatasetMount? = nil
    }

    /// Merges the dataset files into one dataset and runs the rules on it: the data part of a
    /// check, shared by `run` and the live checks of the language server (`LiveCheck`).
    /// Returns the loader's, the dataset's and the rules' diagnostics, before post-processing.
    static func checkLoaded(_ chunks: [[LoadedFile]], ruleSet: RuleSet, request: CheckRequest)
        -> (diagnostics: [Diagnostic], dataset: Dataset, files: [String: YAMLFile]) {
        var diagnostics: [Diagnostic] = []
        var dataset = Dataset()
        var loaded: [String: YAMLFile] = [:]
        loaded.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        // Fields are read in place (a copy of each `LoadedFile` costs a reference count per
        // field, thousands of times in a folder of one file per record).
        for chunk in chunks {
            for i in chunk.indices {
                diagnostics.append(contentsOf: chunk[i].result.diagnostics)
                if let yamlFile = chunk[i].result.yamlFile { loaded[chunk[i].result.file] = yamlFile }
                if chunk[i].inDataset { dataset.add(chunk[i].result.documents, mount: chunk[i].mount) }
            }
        }
        diagnostics.append(contentsOf: dataset.diagnostics)
        // Variables alone are evaluated too, for their errors (a live check's whole-dataset rules
        // may be none).
        if ruleSet.count > 0 || !ruleSet.variables.isEmpty {
            // The rules' findings are the many: the few before them are moved in front, not
            // the many copied behind.
            var found = RuleEngine(rules: ruleSet).check(dataset)
            found.insert(contentsOf: diagnostics, at: 0)
            return (found, dataset, loaded)
        }
        return (diagnostics, dataset, loaded)
    }

    /// The gate's stages (`PostProcessing`): suppressions, fingerprints, severity overrides,
    /// ratchet, baseline, file filter, changed lines.
    static func postProcess(_ input: consuming [Diagnostic], request: CheckRequest, files: [String: YAMLFile],
                            ratchet: Ratchet? = nil) -> [Diagnostic] {
        let stages = PostProcessing(request: request, files: files, diagnostics: copy input, ratchet: ratchet)
        return stages.apply(input)
    }
}
