/**
 * The names (values and types) an entry file exports, read from the syntax alone (fast): named
 * re-exports, `export *` followed into the files it names, and exported declarations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

function sourcePath(fromFile: string, specifier: string): string {
  const path = join(dirname(fromFile), specifier.replace(/\.js$/, '.ts'));
  return existsSync(path) ? path : join(dirname(fromFile), specifier, 'index.ts');
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement)
  )
    return statement.name === undefined ? [] : [statement.name.text];
  return [];
}

export function exportedNames(entryFile: string): string[] {
  const names = new Set<string>();
  const visit = (file: string): void => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (ts.isExportDeclaration(statement)) {
        const specifier = statement.moduleSpecifier;
        if (statement.exportClause === undefined && specifier !== undefined && ts.isStringLiteral(specifier))
          visit(sourcePath(file, specifier.text));
        else if (statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause))
          for (const element of statement.exportClause.elements) names.add(element.name.text);
      } else if (
        ts.canHaveModifiers(statement) &&
        ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      )
        for (const name of declaredNames(statement)) names.add(name);
    }
  };
  visit(entryFile);
  return [...names].sort();
}
