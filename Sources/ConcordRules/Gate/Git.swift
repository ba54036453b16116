import Foundation

/// Runs git: the one way Concord asks git (`--changed-since`, `--base`, `concord diff`).
enum Git {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The top folder (absolute, links resolved) of the repository holding `directory`, once
    /// git is known to have the commit `ref`.
    static func repositoryRoot(containing directory: String, knowing ref: String) -> Result<String, Failure> {
        guard case .success(let top) = run(["rev-parse", "--show-toplevel"], in: directory) else {
            return .failure(Failure(description: "\(directory) is not inside a git repository"))
        }
        let root = PathNormalizer.canonical(top.trimmingCharacters(in: .whitespacesAndNewlines))
        guard case .success = run(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: root) else {
            return .failure(Failure(description: "git does not know the revision `\(ref)`"))
        }
        return .success(root)
    }

    static func run(_ arguments: [String], in directory: String) -> Result<String, Failure> {
        switch runBytes(arguments, input: nil, in: directory) {
        case .success(let data): return .success(String(decoding: data, as: UTF8.self))
        case .failure(let e): return .failure(e)
        }
    }

    /// The contents of `objects` (`REF:path` each), through one `git cat-file --batch`.
    static func catFile(_ objects: [String], in directory: String) -> Result<[[UInt8]], Failure> {
        let input = Data(objects.map { $0 + "\n" }.joined().utf8)
        let output: [UInt8]
        switch runBytes(["cat-file", "--batch"], input: input, in: directory) {
        case .success(let data): output = data
        case .failure(let e): return .failure(e)
        }
        // Each object: "<sha> <type> <size>\n<content>\n", or "<name> missing\n".
        var blobs: [[UInt8]] = []
        var i = 0
        for object in objects {
            guard let newline = output[i...].firstIndex(of: UInt8(ascii: "\n")) else {
                return .failure(Failure(description: "git cat-file ended early at \(object)"))
            }
            let header = String(decoding: output[i..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= output.count else {
                return .failure(Failure(description: "git cannot read \(object)"))
            }
            blobs.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
            i = newline + 1 + size + 1
        }
        return .success(blobs)
    }

    private static func runBytes(_ arguments: [String], input: Data?, in directory: String) -> Result<[UInt8], Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "cannot run git: \(error.localizedDescription)"))
        }
        if let input {
            // Written on another thread: git answers while it reads, and both pipes are bounded.
            let writer = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let errorReader = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        errorReader.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            errorReader.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        errorReader.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(Failure(description: "git \(arguments.first ?? "") failed: \(message)"))
        }
        return .success([UInt8](data))
    }
}
