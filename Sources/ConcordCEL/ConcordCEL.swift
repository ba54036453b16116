// ConcordCEL — a faithful subset of Google's Common Expression Language (CEL), as used in
// Kubernetes validation rules. It knows nothing of YAML or files.
//
// Overview of the public API:
//
//   let ex = try Expression(parsing: "self.price > 0 && self.tags.all(t, t.size() < 20)")
//       // throws CELError (message + offset in Unicode scalars) on a syntax error
//   let problems = Checker(variables: ["self"], functions: table).check(ex)
//       // [CELError]: unknown identifiers, unknown functions, wrong arity — before any data
//   var act = Activation()
//   act.bind("self", to: .map(record), origin: Origin(id: 42))
//   let result = Evaluator(functions: table, costLimit: 1_000_000).evaluate(ex, act)
//       // a Value; failures are `.error(CELError)` values, never thrown or trapped
//
// - `Expr` (AST.swift): every node has `id`, `offset`, `length`, `kind`, `children`. Macros
//   (`has`, `all`, `exists`, `exists_one`, `map`, `filter`, and the two-variable forms) are kept
//   as `.has` / `.comprehension` nodes. Any node can be evaluated on its own with
//   `Evaluator.evaluate(_:_:)` in an activation that binds extra variables
//   (`activation.binding("x", to: v)`), which is how a blame step can find the failing part.
// - `Value` (Value.swift): int, uint, double, string, bytes, bool, null, list, map, type,
//   timestamp, duration, error, and `opaque` for embedder types (`OpaqueValue`: equality,
//   ordering and field hooks). `taggedJSON` / `init(taggedJSON:)` / `plainJSON` convert.
// - `ListValue` / `MapValue` (ListMap.swift): immutable, O(1) copies, O(1) map lookup, and an
//   optional `Origin` per element / entry (`origin(at:)`, `origin(forKey:)`, `origin(forField:)`).
// - `FunctionTable` (Functions.swift): the standard library plus embedder functions registered
//   by name, style (global `f(x)` or receiver `x.f()`) and arity with a `([Value]) -> Value`
//   closure. The checker reads the same table.
