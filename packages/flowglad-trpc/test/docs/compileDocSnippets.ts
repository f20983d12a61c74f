import { existsSync, readFileSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import ts from 'typescript'

// Compiles the ts/tsx code blocks of markdown docs with the TypeScript compiler, so a doc that
// drifts from the API fails CI with its file and line. The convention (also in the library README):
// - every ```ts / ```tsx / ```typescript block is one module, compiled against the library's src;
// - names of the reader's own app a block uses without defining (`t`, `publicProcedure`, `trpc`,
//   `flowglad`, `ctx`, `<Upgrade />` ...) come from `snippetApp/index.ts`, and imports of the app's
//   own files (`./trpc`, `@/server/rsc`, `~/trpc/server`) from `snippetApp/<last segment>.ts`;
// - a block that must not compile (pseudo-code, a deliberate error) says so in its fence:
//   ```ts nocompile
// - a block that is a fixture app's file says which (`fixture=<app>/<path>`): it is compiled and run
//   there, by `scripts/check-fixtures.sh`, and `guideIsFixture.test.ts` keeps the two identical.

const packageRoot = resolve(import.meta.dirname, '../..')
const snippetApp = join(import.meta.dirname, 'snippetApp')
const snippetDir = join(import.meta.dirname, '.snippets') // virtual: nothing is written there

/** The library's own entries, compiled from source (no build needed). */
const libraryEntries: Record<string, string> = {
  'flowglad-trpc': 'src/core/index.ts',
  'flowglad-trpc/server': 'src/server/index.ts',
  'flowglad-trpc/react': 'src/react/index.ts',
  'flowglad-trpc/rsc': 'src/rsc/index.ts',
  'flowglad-trpc/webhooks': 'src/webhooks/index.ts',
  'flowglad-emulator': '../flowglad-emulator/src/index.ts',
  'flowglad-emulator/core': '../flowglad-emulator/src/core.ts',
}

const compiledLanguages = new Set(['ts', 'tsx', 'typescript'])

/** One markdown document to check. */
export interface DocFile {
  /** Path shown in messages (relative to the repo root). */
  path: string
  text: string
}

/** One code block found in a document. */
export interface DocSnippet {
  doc: string
  /** 1-based line of the block's first code line in the document. */
  line: number
  language: string
  code: string
  compiled: boolean
  /** `fixtures/<app>/<path>` this block is a copy of (`fixture=<app>/<path>` in its fence). */
  fixture: string | undefined
}

/** Finds the fenced code blocks of a markdown document. */
export function extractSnippets(doc: DocFile): DocSnippet[] {
  const lines = doc.text.split('\n')
  const snippets: DocSnippet[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i] ?? '')
    if (!open) continue
    const fence = open[1]!
    const language = open[2]!.toLowerCase()
    const flags = open[3]!.split(/\s+/)
    const body: string[] = []
    let j = i + 1
    while (j < lines.length && !(lines[j] ?? '').trim().startsWith(fence)) body.push(lines[j++]!)
    const fixture = flags.find((flag) => flag.startsWith('fixture='))?.slice('fixture='.length)
    snippets.push({
      doc: doc.path,
      line: i + 2,
      language,
      code: body.join('\n'),
      compiled: compiledLanguages.has(language) && !flags.includes('nocompile') && fixture === undefined,
      fixture,
    })
    i = j
  }
  return snippets
}

/** Top-level names a block declares or imports (those must not be auto-imported). */
function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text)
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name)
  }
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      if (clause?.name) names.add(clause.name.text)
      const bindings = clause?.namedBindings
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text)
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.add(el.name.text)
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name)
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text)
    }
  }
  return names
}

/** Names `snippetApp/index.ts` exports (its own declarations and `export { a } from`). */
function snippetAppExports(): string[] {
  const file = join(snippetApp, 'index.ts')
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const names = new Set<string>()
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  for (const statement of source.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    )
      for (const el of statement.exportClause.elements) names.add(el.name.text)
    else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      // `export * from './x'`: the re-exported file's top-level exported names.
      const target = join(snippetApp, `${(statement.moduleSpecifier as ts.StringLiteral).text}.ts`)
      const inner = ts.createSourceFile(target, readFileSync(target, 'utf8'), ts.ScriptTarget.Latest)
      for (const s of inner.statements) if (exported(s)) for (const n of declaredNames(wrap(s))) names.add(n)
    } else if (exported(statement)) for (const n of declaredNames(wrap(statement))) names.add(n)
  }
  return [...names]
}

function wrap(statement: ts.Statement): ts.SourceFile {
  return { statements: [statement] } as unknown as ts.SourceFile
}

/** A compile error, located in its document. */
export interface SnippetError {
  doc: string
  line: number
  message: string
}

function isAppModule(specifier: string): boolean {
  return /^(\.{1,2}\/|@\/|~\/)/.test(specifier)
}

function appModuleFile(specifier: string): string {
  for (const ext of ['.ts', '.tsx']) {
    const candidate = join(snippetApp, `${basename(specifier)}${ext}`)
    if (existsSync(candidate)) return candidate
  }
  return join(snippetApp, 'index.ts')
}

/** Type-checks every compiled block of `docs` in one program; returns the errors, located. */
export function compileDocSnippets(docs: readonly DocFile[]): SnippetError[] {
  const snippets = docs.flatMap(extractSnippets).filter((s) => s.compiled)
  const appNames = snippetAppExports()
  const files = new Map<string, DocSnippet>()
  const texts = new Map<string, string>()
  for (const snippet of snippets) {
    const ext = snippet.language === 'tsx' ? 'tsx' : 'ts'
    const name = join(snippetDir, `${snippet.doc.replace(/[/\\]/g, '__')}__L${snippet.line}.${ext}`)
    const parsed = ts.createSourceFile(name, snippet.code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX)
    const declared = declaredNames(parsed)
    const imports = appNames.filter((n) => !declared.has(n))
    // Prepended on the block's first line and appended after its last, so line numbers stay the doc's.
    const header = imports.length
      ? `import { ${imports.join(', ')} } from ${JSON.stringify(join(snippetApp, 'index.ts'))};`
      : ''
    files.set(name, snippet)
    texts.set(name, `${header}${snippet.code}\nexport {}\n`)
  }

  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    types: ['node'],
    typeRoots: [join(packageRoot, 'node_modules/@types'), join(packageRoot, '../../node_modules/@types')],
    noEmit: true,
    allowImportingTsExtensions: true,
  }
  const host = ts.createCompilerHost(options, true)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.readFile = (file) => texts.get(file) ?? readFile(file)
  host.fileExists = (file) => texts.has(file) || fileExists(file)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (file, language, onError, create) => {
    const text = texts.get(file)
    return text === undefined
      ? getSourceFile(file, language, onError, create)
      : ts.createSourceFile(file, text, language)
  }
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, compilerOptions) =>
    literals.map(({ text }) => {
      const entry = libraryEntries[text]
      if (entry)
        return { resolvedModule: { resolvedFileName: join(packageRoot, entry), extension: ts.Extension.Ts } }
      if (files.has(containingFile) && isAppModule(text))
        return { resolvedModule: { resolvedFileName: appModuleFile(text), extension: ts.Extension.Ts } }
      return ts.resolveModuleName(text, containingFile, compilerOptions, host)
    })

  const program = ts.createProgram({ rootNames: [...files.keys()], options, host })
  const errors: SnippetError[] = []
  // Only the blocks and the snippet app are checked: the library's own types are `pnpm typecheck`'s job
  // (checking all of its source here would take minutes on a busy CI machine).
  const checked = program
    .getSourceFiles()
    .filter((file) => files.has(file.fileName) || file.fileName.startsWith(snippetApp))
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...checked.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ]
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file
    const snippet = file && files.get(file.fileName)
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!file || !snippet || diagnostic.start === undefined) {
      // An error outside the blocks (the snippet app, the library) still fails the check.
      const where = file ? relative(resolve(packageRoot, '../..'), file.fileName) : 'program'
      errors.push({ doc: where, line: 0, message: `TS${diagnostic.code}: ${message}` })
      continue
    }
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start)
    const source = snippet.code.split('\n')[line]?.trim() ?? ''
    errors.push({
      doc: snippet.doc,
      line: snippet.line + line,
      message: `TS${diagnostic.code}: ${message}\n    > ${source}`,
    })
  }
  return errors
}

/** The documents whose blocks CI compiles: READMEs and each package's docs/. */
export function docFiles(repoRoot: string): DocFile[] {
  const paths = ['README.md']
  for (const group of ['packages', 'apps']) {
    const dir = join(repoRoot, group)
    for (const name of ts.sys.getDirectories(dir)) {
      if (existsSync(join(dir, name, 'README.md'))) paths.push(`${group}/${name}/README.md`)
      const docs = join(dir, name, 'docs')
      if (existsSync(docs))
        for (const file of ts.sys.readDirectory(docs, ['.md'], undefined, undefined, 1))
          paths.push(relative(repoRoot, file))
    }
  }
  return paths.map((path) => ({ path, text: readFileSync(join(repoRoot, path), 'utf8') }))
}

/** Formats errors as `file:line: message` lines. */
export function formatSnippetErrors(errors: readonly SnippetError[]): string {
  return errors.map((e) => `${e.doc}:${e.line}: ${e.message}`).join('\n')
}
