import ArgumentParser
import ConcordDiagnostics

/// `--format` values: every output format, plus `auto` (the type is the library's, so the
/// configuration's `format:` parses into the same values).
extension FormatChoice: ExpressibleByArgument {}

/// `--fail-on` values.
extension FailOn: ExpressibleByArgument {}
